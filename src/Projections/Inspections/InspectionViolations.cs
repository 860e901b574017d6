using System.Text.Json;
using Marten.Events.Projections;
using Marten.Patching;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace Monitoring.Projections.Inspections;

/// <summary>
/// The violations of every inspection, a row each (<c>inspection_violations</c>, key inspection + violation), with its
/// history of changes as jsonb: written inline, in the transaction of the events, by <see cref="InspectionViolationsProjection"/>,
/// and read back into <see cref="InspectionView.Violations"/> by the queries. Beside the inspection's document rather than
/// in it: a document holding its violations grows with each one and is read and rewritten whole on every write, while a
/// file of a thousand violations here is one INSERT … FROM unnest.
/// </summary>
public static class InspectionViolations
{
    public const string Table = "inspection_violations";

    public static Table Definition(string schema)
    {
        var table = new Table(new PostgresqlObjectName(schema, Table));
        table.AddColumn<string>("inspection_id").AsPrimaryKey();
        table.AddColumn<string>("violation_id").AsPrimaryKey();
        // Recording order: the stream version of the recording event, and the violation's place in an imported one.
        table.AddColumn<long>("version").NotNull();
        table.AddColumn<int>("item").NotNull();
        table.AddColumn<string>("type").NotNull();
        table.AddColumn<string>("service_code").NotNull();
        table.AddColumn<string>("unit_code");
        table.AddColumn<int>("period").NotNull();
        table.AddColumn<long>("count").NotNull();
        table.AddColumn("cases", "jsonb");
        table.AddColumn<string>("evidence").NotNull();
        table.AddColumn<bool>("revoked").NotNull();
        table.AddColumn("history", "jsonb").NotNull();
        return table;
    }

    /// <summary>
    /// Fills the inspections' <see cref="InspectionView.Violations"/> from the table, in recording order (one query for
    /// all of them); a violation recorded without a unit is the inspection's unit's.
    /// </summary>
    public static async Task FillAsync(IQuerySession session, IReadOnlyCollection<InspectionView> inspections, CancellationToken ct)
    {
        if (inspections.Count == 0) return;
        var rows = await session.AdvancedSql.QueryAsync<StoredViolation>($"""
            select jsonb_build_object('inspectionId', inspection_id, 'violation', jsonb_build_object(
                'violationId', violation_id, 'type', type, 'serviceCode', service_code, 'unitCode', unit_code, 'period', period, 'count', count,
                'cases', cases, 'evidence', evidence, 'revoked', revoked, 'history', history))
            from {Qualified(session)} where inspection_id = any(?::text[]) order by inspection_id, version, item
            """, ct, [inspections.Select(i => i.InspectionId).Distinct().ToArray()]); // one parameter, the array (not params of its elements)
        var byInspection = rows.ToLookup(r => r.InspectionId, r => r.Violation);
        foreach (var inspection in inspections)
            inspection.Violations = byInspection[inspection.InspectionId]
                .Select(v => v.UnitCode is null && inspection.UnitCode is not null ? v with { UnitCode = inspection.UnitCode } : v).ToList();
    }

    /// <summary>
    /// Rows for the violations the inspection documents held before they had a table of their own (run at start, before
    /// any request; a violation already there is left as it is).
    /// </summary>
    public static string BackfillSql(IDocumentStore store) => $"""
        insert into {store.Options.DatabaseSchemaName}.{Table}
            (inspection_id, violation_id, version, item, type, service_code, unit_code, period, count, cases, evidence, revoked, history)
        select d.data->>'inspectionId', v->>'violationId', coalesce((v->'history'->0->'recordedBy'->>'version')::bigint, 0), x.o::int,
               v->>'type', v->>'serviceCode', v->>'unitCode', (v->>'period')::int, (v->>'count')::bigint, v->'cases', v->>'evidence',
               coalesce((v->>'revoked')::boolean, false), coalesce(v->'history', '[]'::jsonb)
        from {store.Options.Schema.For<InspectionView>(true)} d
             cross join lateral jsonb_array_elements(d.data->'violations') with ordinality as x(v, o)
        where jsonb_typeof(d.data->'violations') = 'array'
        on conflict (inspection_id, violation_id) do nothing
        """;

    internal static string Qualified(IQuerySession session) => $"{session.DocumentStore.Options.DatabaseSchemaName}.{Table}";

    private sealed record StoredViolation(string InspectionId, ViolationView Violation);
}

/// <summary>
/// Writes <see cref="InspectionViolations"/> inline, one statement per event: the violations recorded (one, or a file's
/// thousand at once through <c>unnest</c>), corrected and revoked, each change appended to the violation's history with the
/// event that made it; and the inspection document's version, by a patch (the document itself is not loaded).
/// </summary>
public sealed class InspectionViolationsProjection : EventProjection
{
    public InspectionViolationsProjection()
    {
        IncludeType<ViolationRecorded>();
        IncludeType<ViolationsImported>();
        IncludeType<ViolationCorrected>();
        IncludeType<ViolationRevoked>();
    }

    public override ValueTask ApplyAsync(IDocumentOperations operations, IEvent e, CancellationToken cancellation)
    {
        // Called for every event appended (the type filter narrows what an aggregation reads, not what this is given).
        if (e.Data is not (ViolationRecorded or ViolationsImported or ViolationCorrected or ViolationRevoked)) return ValueTask.CompletedTask;
        var table = InspectionViolations.Qualified(operations);
        var by = operations.DocumentStore.Options.Serializer().ToJson(Provenance.Of(e));
        switch (e.Data)
        {
            case ViolationRecorded v:
                Insert(operations, table, e.Version, by, v.InspectionId, [v]);
                break;
            case ViolationsImported many:
                Insert(operations, table, e.Version, by, many.InspectionId, many.Violations);
                break;
            case ViolationCorrected c:
                operations.QueueSqlCommand($"""
                    update {table} set type = ?, count = ?, cases = {(c.Cases is null ? "null" : "?::jsonb")},
                        history = history || jsonb_build_array(jsonb_build_object('change', 'corrected', 'type', ?, 'count', ?, 'reason', ?, 'recordedBy', ?::jsonb))
                    where inspection_id = ? and violation_id = ?
                    """, [c.Type.ToString(), c.Counted, .. c.Cases is null ? Array.Empty<object>() : [Cases(c.Cases)!], c.Type.ToString(), c.Counted,
                    c.Reason, by, c.InspectionId, c.ViolationId]);
                break;
            case ViolationRevoked r:
                operations.QueueSqlCommand($"""
                    update {table} set revoked = true,
                        history = history || jsonb_build_array(jsonb_build_object('change', 'revoked', 'type', type, 'count', 0, 'reason', ?, 'recordedBy', ?::jsonb))
                    where inspection_id = ? and violation_id = ?
                    """, r.Reason, by, r.InspectionId, r.ViolationId);
                break;
        }
        operations.Patch<InspectionView>(e.StreamKey!).Set(x => x.Version, e.Version);
        return ValueTask.CompletedTask;
    }

    private static void Insert(IDocumentOperations operations, string table, long version, string by, string inspectionId,
        IReadOnlyList<ViolationRecorded> violations) =>
        operations.QueueSqlCommand($"""
            insert into {table} (inspection_id, violation_id, version, item, type, service_code, unit_code, period, count, cases, evidence, revoked, history)
            select ?, v.violation_id, ?, v.item, v.type, v.service_code, v.unit_code, v.period, v.count, v.cases::jsonb, v.evidence, false,
                   jsonb_build_array(jsonb_build_object('change', 'recorded', 'type', v.type, 'count', v.count, 'recordedBy', e.by))
            from (select ?::jsonb as by) e, -- the recording event, read once for all its violations (a prepared plan casts per row)
                 unnest(?::text[], ?::int[], ?::text[], ?::text[], ?::text[], ?::int[], ?::bigint[], ?::text[], ?::text[])
                 as v(violation_id, item, type, service_code, unit_code, period, count, cases, evidence)
            """, inspectionId, version, by,
            violations.Select(v => v.ViolationId).ToArray(), Enumerable.Range(0, violations.Count).ToArray(),
            violations.Select(v => v.Type.ToString()).ToArray(), violations.Select(v => v.ServiceCode).ToArray(),
            violations.Select(v => v.UnitCode).ToArray(), violations.Select(v => v.Period).ToArray(), violations.Select(v => v.Counted).ToArray(),
            violations.Select(v => Cases(v.Cases)).ToArray(), violations.Select(v => v.Evidence).ToArray());

    /// <summary>A violation's case references as a JSON array (null: counted, not listed).</summary>
    private static string? Cases(IReadOnlyList<string>? cases) => cases is null ? null : JsonSerializer.Serialize(cases);
}
