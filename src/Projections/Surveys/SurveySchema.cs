using JasperFx.Events;
using Marten;
using Monitoring.Domain.Surveys;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace Monitoring.Projections.Surveys;

/// <summary>
/// A column of a survey read-model table, described once: its name, its PostgreSQL type as Weasel spells it (so tables
/// of existing databases show no difference) and how its value is read from a collected row. The table definition and
/// the batch insert are generated from these descriptions.
/// </summary>
public abstract record Column<TRow>(string Name, string Type)
{
    public bool Key { get; init; }
    public bool NotNull { get; init; }
    /// <summary>A count: not null, 0 where a row says nothing.</summary>
    public bool Count { get; init; }

    /// <summary>The column's values over a batch, as one typed array for <c>unnest</c> (no boxing per value).</summary>
    internal abstract Array Values(IReadOnlyList<TRow> rows);
}

internal sealed record Column<TRow, T>(string Name, string Type, Func<TRow, T> Read) : Column<TRow>(Name, Type)
{
    internal override Array Values(IReadOnlyList<TRow> rows)
    {
        var values = new T[rows.Count];
        for (var i = 0; i < values.Length; i++) values[i] = Read(rows[i]);
        return values;
    }
}

/// <summary>What one fact row is read from: an answer (with the criterion scores it carries) or a published distribution.</summary>
public sealed record FactRow(IEvent Event, int Item, string Scope, string Campaign, int Period, string Service, string Body, string? Unit,
    string? Region, string? Channels, ScoreDistribution Counts, SurveyResponseRecorded? Answer = null, Criterion? Criterion = null)
{
    /// <summary>Where a published distribution came from is the report; an answer says itself.</summary>
    public SurveySource Source => Answer?.Source ?? SurveySource.PublishedReport;
}

/// <summary>What one recording event says about one body's services in a campaign (pooled over its answers).</summary>
public sealed class BodyEventRow(string campaign, string body, IEvent e, int period, SurveySource source)
{
    public readonly string Campaign = campaign, Body = body;
    public readonly IEvent Event = e;
    public readonly int Period = period;
    public readonly SurveySource Source = source;
    public long Raters, TopBox, Positive;
}

/// <summary>
/// Plain tables of the survey read models, created and migrated with the event store's schema.
/// <list type="bullet">
/// <item><c>survey_facts</c>: one row per response or per published distribution — the flat fact table analysts slice.
/// Each row holds a 1..5 count vector (a response is a vector with one 1), so responses and published distributions
/// pool by the same SUM. <c>scope</c> says which views a row counts in: <c>all</c> (a response: every view),
/// <c>overall</c> (a published service total: service/body/total views), <c>channel</c>/<c>region</c> (a published split).</item>
/// <item>A response's criterion scores are columns of its fact row (<see cref="CriterionColumn"/>: null not asked,
/// 0 hard to answer, 1..5); <c>survey_criterion_facts</c> holds published per-criterion distributions.</item>
/// <item><c>survey_aggregates</c>: pooled counts per (campaign, dimension, key), kept current by the projection, for
/// the standard views.</item>
/// </list>
/// Every fact row keeps its stream key and version (the event it came from; <c>item</c> is the answer's position in an
/// imported batch, 0 for a single answer), when and by whom it was recorded.
/// </summary>
public static class SurveySchema
{
    public const string Facts = "survey_facts";
    public const string CriterionFacts = "survey_criterion_facts";
    public const string Aggregates = "survey_aggregates";
    /// <summary>Raters and fully satisfied per (campaign, body, recording event): the assessment's satisfaction input.</summary>
    public const string BodyEvents = "survey_body_events";
    /// <summary>Sequences of the events whose aggregate deltas have been added: replaying them adds nothing twice.</summary>
    public const string Applied = "survey_applied";

    private static Column<TRow> Text<TRow>(string name, Func<TRow, string?> read) => new Column<TRow, string?>(name, "varchar", read);
    private static Column<TRow> Int<TRow>(string name, Func<TRow, int?> read) => new Column<TRow, int?>(name, "integer", read);
    private static Column<TRow> BigInt<TRow>(string name, Func<TRow, long> read) => new Column<TRow, long>(name, "bigint", read);
    private static Column<TRow> Bool<TRow>(string name, Func<TRow, bool?> read) => new Column<TRow, bool?>(name, "boolean", read);
    private static Column<TRow> Time<TRow>(string name, Func<TRow, DateTimeOffset> read) =>
        new Column<TRow, DateTimeOffset>(name, "timestamp with time zone", read);

    // The event's global sequence (with the answer's place in it, or the criterion) identifies a fact; stream key and version
    // say where to read it. The dimensions and counts are shared by both fact tables.
    private static readonly Column<FactRow>[] Seq =
        [BigInt<FactRow>("seq", f => f.Event.Sequence) with { Key = true }];
    private static readonly Column<FactRow>[] Event =
    [
        Text<FactRow>("stream_key", f => f.Event.StreamKey) with { NotNull = true },
        BigInt<FactRow>("version", f => f.Event.Version) with { NotNull = true },
        Text<FactRow>("scope", f => f.Scope) with { NotNull = true },
    ];
    public static readonly Column<FactRow> Campaign = Text<FactRow>("campaign", f => f.Campaign) with { NotNull = true },
        Period = Int<FactRow>("period", f => f.Period) with { NotNull = true },
        Service = Text<FactRow>("service", f => f.Service) with { NotNull = true },
        Body = Text<FactRow>("body", f => f.Body) with { NotNull = true },
        Unit = Text<FactRow>("unit", f => f.Unit), Region = Text<FactRow>("region", f => f.Region), Channels = Text<FactRow>("channels", f => f.Channels),
        Complaint = Text<FactRow>("complaint", f => f.Answer?.Complaint.ToString()),
        Gender = Text<FactRow>("gender", f => f.Answer?.Gender?.ToString()), AgeBand = Text<FactRow>("age_band", f => f.Answer?.AgeBand?.ToString()),
        SourceKind = Text<FactRow>("source", f => f.Source.ToString()) with { NotNull = true };
    private static readonly Column<FactRow>[] Dimensions = [Campaign, Period, Service, Body, Unit, Region, Channels];
    private static readonly Column<FactRow>[] Counts =
    [
        BigInt<FactRow>("n1", f => f.Counts.N1) with { Count = true }, BigInt<FactRow>("n2", f => f.Counts.N2) with { Count = true },
        BigInt<FactRow>("n3", f => f.Counts.N3) with { Count = true }, BigInt<FactRow>("n4", f => f.Counts.N4) with { Count = true },
        BigInt<FactRow>("n5", f => f.Counts.N5) with { Count = true }, BigInt<FactRow>("hard", f => f.Counts.HardToAnswer) with { Count = true },
    ];

    public static readonly IReadOnlyList<Column<FactRow>> FactColumns =
    [
        ..Seq, Int<FactRow>("item", f => f.Item) with { Key = true }, ..Event, ..Dimensions, ..Counts,
        ..Criteria.National.Select(c => new Column<FactRow, short?>(CriterionColumn(c), "smallint",
            f => f.Answer is not null && f.Answer.CriterionScores.TryGetValue(c, out var score) ? (short)(score ?? 0) : null)),
        Bool<FactRow>("met_staff", f => f.Answer?.MetStaff), Complaint,
        Bool<FactRow>("complaint_satisfied", f => f.Answer?.SatisfiedWithComplaintOutcome),
        Bool<FactRow>("informal_payment", f => f.Answer?.InformalPayment), Bool<FactRow>("used_connections", f => f.Answer?.UsedConnections),
        Text<FactRow>("connections_by", f => f.Answer?.ConnectionsInitiatedBy?.ToString()),
        Bool<FactRow>("extra_docs", f => f.Answer?.ExtraDocumentsDemanded),
        Int<FactRow>("queue_submit", f => f.Answer?.MinutesQueuedToSubmit), Int<FactRow>("queue_collect", f => f.Answer?.MinutesQueuedToCollect),
        Bool<FactRow>("online", f => f.Answer?.AvailableOnline), Gender, AgeBand, SourceKind, Text<FactRow>("source_ref", f => f.Answer?.SourceReference),
        ..RecordedColumns<FactRow>(f => f.Event),
    ];

    public static readonly IReadOnlyList<Column<FactRow>> CriterionFactColumns =
        [..Seq, Text<FactRow>("criterion", f => f.Criterion.ToString()) with { Key = true }, ..Event, ..Dimensions, ..Counts];

    // What one recording event (an answer, an imported batch, a published distribution) says about one body's services in a
    // campaign: the assessment reads a body's satisfaction, live or up to any sequence, from a few hundred of these rows
    // instead of every answer, each row naming the event an auditor can open.
    public static readonly IReadOnlyList<Column<BodyEventRow>> BodyEventColumns =
    [
        Text<BodyEventRow>("campaign", b => b.Campaign) with { Key = true }, Text<BodyEventRow>("body", b => b.Body) with { Key = true },
        BigInt<BodyEventRow>("seq", b => b.Event.Sequence) with { Key = true }, Int<BodyEventRow>("period", b => b.Period) with { NotNull = true },
        Text<BodyEventRow>("stream_key", b => b.Event.StreamKey) with { NotNull = true },
        BigInt<BodyEventRow>("version", b => b.Event.Version) with { NotNull = true },
        BigInt<BodyEventRow>("raters", b => b.Raters) with { NotNull = true }, BigInt<BodyEventRow>("top_box", b => b.TopBox) with { NotNull = true },
        BigInt<BodyEventRow>("positive", b => b.Positive) with { NotNull = true },
        Text<BodyEventRow>("source", b => b.Source.ToString()) with { NotNull = true },
        ..RecordedColumns<BodyEventRow>(b => b.Event),
    ];

    private static Column<TRow>[] RecordedColumns<TRow>(Func<TRow, IEvent> e) =>
        [Time<TRow>("recorded_at", r => e(r).Timestamp) with { NotNull = true }, Text<TRow>("recorded_by", r => e(r).UserName)];

    public static IEnumerable<Table> Tables(string schema)
    {
        var facts = Define(schema, Facts, FactColumns);
        facts.Indexes.Add(new IndexDefinition($"ix_{Facts}_campaign") { Columns = ["campaign"] });
        yield return facts;

        var criteria = Define(schema, CriterionFacts, CriterionFactColumns);
        criteria.Indexes.Add(new IndexDefinition($"ix_{CriterionFacts}_campaign") { Columns = ["campaign", "criterion"] });
        yield return criteria;

        var aggregates = new Table(new PostgresqlObjectName(schema, Aggregates));
        aggregates.AddColumn<string>("campaign").AsPrimaryKey();
        aggregates.AddColumn<string>("dimension").AsPrimaryKey();
        aggregates.AddColumn<string>("key").AsPrimaryKey();
        aggregates.AddColumn<int>("period").NotNull();
        foreach (var column in PooledCounts.Columns) aggregates.AddColumn<long>(column).NotNull().DefaultValue(0);
        aggregates.AddColumn<long>("last_seq");
        aggregates.AddColumn<DateTimeOffset>("updated_at");
        aggregates.Indexes.Add(new IndexDefinition($"ix_{Aggregates}_period") { Columns = ["period", "dimension"] });
        yield return aggregates;

        var bodyEvents = Define(schema, BodyEvents, BodyEventColumns);
        bodyEvents.Indexes.Add(new IndexDefinition($"ix_{BodyEvents}_body") { Columns = ["body", "period", "seq"] });
        yield return bodyEvents;

        var applied = new Table(new PostgresqlObjectName(schema, Applied));
        applied.AddColumn<long>("seq").AsPrimaryKey();
        yield return applied;
    }

    private static Table Define<TRow>(string schema, string name, IEnumerable<Column<TRow>> columns)
    {
        var table = new Table(new PostgresqlObjectName(schema, name));
        foreach (var c in columns)
        {
            var column = table.AddColumn(c.Name, c.Type);
            if (c.Key) column.AsPrimaryKey();
            else if (c.Count) column.NotNull().DefaultValue(0);
            else if (c.NotNull) column.NotNull();
        }
        return table;
    }

    /// <summary>Queues one insert of a batch of rows, every column one array unnested server-side; rows already there are kept.</summary>
    internal static void QueueInsert<TRow>(IDocumentOperations operations, string schema, string table, IReadOnlyList<Column<TRow>> columns,
        IReadOnlyList<TRow> rows) =>
        operations.QueueSqlCommand($"""
            insert into {schema}.{table} ({string.Join(", ", columns.Select(c => c.Name))})
            select * from unnest({string.Join(", ", columns.Select(c => $"?::{c.Type}[]"))})
            on conflict ({string.Join(", ", columns.Where(c => c.Key).Select(c => c.Name))}) do nothing
            """, columns.Select(object (c) => c.Values(rows)).ToArray());

    public static string CriterionColumn(Criterion criterion) => "c_" + System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(criterion.ToString());

    /// <summary>The score counts every fact row holds.</summary>
    public static readonly string[] CountNames = ["n1", "n2", "n3", "n4", "n5", "hard"];

    /// <summary>
    /// A row's key as <c>survey_aggregates.key</c> and the API's row <c>key</c> spell it: the axis values joined by '|'
    /// ("ADGS|KZ-KAR"), as existing databases and clients have it. The one place that spelling is written or read.
    /// </summary>
    public static string KeyText(GroupKey key) => key.Second is null ? key.First : $"{key.First}|{key.Second}";

    public static GroupKey KeyOf(string text) => text.IndexOf('|') is var i and >= 0 ? new(text[..i], text[(i + 1)..]) : new(text);
}
