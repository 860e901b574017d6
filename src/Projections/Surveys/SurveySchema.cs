using System.Text;
using Weasel.Core;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;
using static Monitoring.Projections.Surveys.ColumnKind;

namespace Monitoring.Projections.Surveys;

/// <summary>Whether a column may be null, is part of the primary key, or is a count (not null, 0 where a row says nothing).</summary>
public enum ColumnKind { Null, NotNull, Key, Count }

/// <summary>
/// A column of a survey read-model table, described once: its name, its PostgreSQL type (Weasel's, so tables of existing
/// databases show no difference) and how its value is read from a collected row. The table definition and the batch
/// insert are generated from these descriptions.
/// </summary>
public abstract record Column<TRow>(string Name, string Type, ColumnKind Kind)
{
    /// <summary>
    /// The <c>mt_events</c> column this value is, when the row is written in the transaction that appends its event: Marten's
    /// quick append numbers and stamps the event in the database, so the row takes them from the event's own row there.
    /// </summary>
    public string? FromEvent { get; init; }

    /// <summary>A buffer of the column's values over a batch, for <c>unnest</c> (typed: no boxing per value).</summary>
    internal abstract (Action<TRow> Add, Func<Array> ToArray) Buffer();
}

internal sealed record Column<TRow, T>(string Name, Func<TRow, T> Read, ColumnKind Kind, string? DatabaseType = null)
    : Column<TRow>(Name, DatabaseType ?? PostgresqlProvider.Instance.GetDatabaseType(typeof(T), EnumStorage.AsString), Kind)
{
    internal override (Action<TRow> Add, Func<Array> ToArray) Buffer()
    {
        var values = new List<T>();
        return (row => values.Add(Read(row)), () => values.ToArray());
    }
}

/// <summary>
/// Plain tables of the survey read models, created and migrated with the event store's schema.
/// <list type="bullet">
/// <item><c>survey_facts</c>: one row per response or per published distribution — the flat fact table analysts slice.
/// Each row holds a 1..5 count vector (a response is a vector with one 1), so responses and published distributions
/// pool by the same SUM. <c>scope</c> says which views a row counts in: <c>all</c> (a response: every view),
/// <c>overall</c> (a published service total: service/body/total views), <c>channel</c>/<c>region</c> (a published split).</item>
/// <item>A response's criterion scores are one <c>jsonb</c> object of its fact row, keyed by the criterion codes of its
/// campaign's instrument (<see cref="ScoresOf"/>: a criterion not asked is absent, 0 is hard to answer, 1..5 a score), so
/// any instrument fits the same table; <c>survey_criterion_facts</c> holds published per-criterion distributions.</item>
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

    private static Column<FactRow> F<T>(string name, Func<FactRow, T> read, ColumnKind kind = Null) => new Column<FactRow, T>(name, read, kind);
    private static Column<BodyEventRow> B<T>(string name, Func<BodyEventRow, T> read, ColumnKind kind = NotNull) =>
        new Column<BodyEventRow, T>(name, read, kind);

    // The event's global sequence (with the answer's place in it, or the criterion) identifies a fact; stream key and version
    // say where to read it. The dimensions and counts are shared by both fact tables.
    private static readonly Column<FactRow> Seq = F("seq", f => f.Event.Sequence, Key) with { FromEvent = "seq_id" };
    private static readonly Column<FactRow> RecordedAt = F("recorded_at", f => f.Event.Timestamp, NotNull) with { FromEvent = "timestamp" };
    private static readonly Column<FactRow>[] Event =
        [F("stream_key", f => f.Event.StreamKey, NotNull), F("version", f => f.Event.Version, NotNull), F("scope", f => f.Scope, NotNull)];
    public static readonly Column<FactRow> Campaign = F("campaign", f => f.Campaign, NotNull), Period = F("period", f => f.Period, NotNull),
        Service = F("service", f => f.Service, NotNull), Body = F("body", f => f.Body, NotNull), Unit = F("unit", f => f.Unit),
        Region = F("region", f => f.Region), Channels = F("channels", f => f.Channels), Complaint = F("complaint", f => f.Answer?.Complaint.ToString()),
        Gender = F("gender", f => f.Answer?.Gender?.ToString()), AgeBand = F("age_band", f => f.Answer?.AgeBand?.ToString()),
        SourceKind = F("source", f => f.Source.ToString(), NotNull);
    private static readonly Column<FactRow>[] Dimensions = [Campaign, Period, Service, Body, Unit, Region, Channels];
    private static readonly Column<FactRow>[] Counts =
    [
        F("n1", f => f.Counts.N1, Count), F("n2", f => f.Counts.N2, Count), F("n3", f => f.Counts.N3, Count), F("n4", f => f.Counts.N4, Count),
        F("n5", f => f.Counts.N5, Count), F("hard", f => f.Counts.HardToAnswer, Count),
    ];

    public static readonly IReadOnlyList<Column<FactRow>> FactColumns =
    [
        Seq, F("item", f => f.Item, Key), ..Event, ..Dimensions, ..Counts,
        new Column<FactRow, string?>(Scores, f => ScoresOf(f.Answer), Null, "jsonb"),
        F("met_staff", f => f.Answer?.MetStaff), Complaint, F("complaint_satisfied", f => f.Answer?.SatisfiedWithComplaintOutcome),
        F("informal_payment", f => f.Answer?.InformalPayment), F("used_connections", f => f.Answer?.UsedConnections),
        F("connections_by", f => f.Answer?.ConnectionsInitiatedBy?.ToString()), F("extra_docs", f => f.Answer?.ExtraDocumentsDemanded),
        F("queue_submit", f => f.Answer?.MinutesQueuedToSubmit), F("queue_collect", f => f.Answer?.MinutesQueuedToCollect),
        F("online", f => f.Answer?.AvailableOnline), Gender, AgeBand, SourceKind, F("source_ref", f => f.Answer?.SourceReference),
        RecordedAt, F("recorded_by", f => f.Event.UserName),
        // Verbatims: the respondent's id and own words (null where none was written, and on published distributions).
        new Column<FactRow, string?>(ResponseId, f => f.Answer?.ResponseId, Null, "text"),
        new Column<FactRow, string?>(Comment, f => f.Answer?.Comment, Null, "text"),
    ];

    /// <summary>The fact columns of an answer's response id and free-text comment.</summary>
    public const string ResponseId = "response_id", Comment = "comment";

    public static readonly IReadOnlyList<Column<FactRow>> CriterionFactColumns =
        [Seq, F("criterion", f => f.Criterion, Key), ..Event, ..Dimensions, ..Counts];

    // What one recording event (an answer, an imported batch, a published distribution) says about one body's services in a
    // campaign: the assessment reads a body's satisfaction, live or up to any sequence, from a few hundred of these rows
    // instead of every answer, each row naming the event an auditor can open.
    public static readonly IReadOnlyList<Column<BodyEventRow>> BodyEventColumns =
    [
        B("campaign", b => b.Campaign, Key), B("body", b => b.Body, Key), B("seq", b => b.Event.Sequence, Key) with { FromEvent = "seq_id" }, B("period", b => b.Period),
        B("stream_key", b => b.Event.StreamKey), B("version", b => b.Event.Version), B("raters", b => b.Raters), B("top_box", b => b.TopBox),
        B("positive", b => b.Positive), B("source", b => b.Source.ToString()), B("recorded_at", b => b.Event.Timestamp) with { FromEvent = "timestamp" },
        B("recorded_by", b => b.Event.UserName, Null),
        // The recording event's type as Marten names it. Nullable only so the column can be added to a filled table
        // (SurveyBodyEventsBackfill fills it there); the projection always writes it.
        B("event_type", b => b.Event.EventTypeName, Null),
    ];

    public static IEnumerable<Table> Tables(string schema)
    {
        yield return Define(schema, Facts, FactColumns, "campaign", ["campaign"]);
        yield return Define(schema, CriterionFacts, CriterionFactColumns, "campaign", ["campaign", "criterion"]);

        var aggregates = new Table(new PostgresqlObjectName(schema, Aggregates));
        foreach (var key in new[] { "campaign", "dimension", "key" }) aggregates.AddColumn<string>(key).AsPrimaryKey();
        // A row's counts are striped over lanes (AggregateLanes): writers on different lanes never wait for each other's rows.
        aggregates.AddColumn<short>("lane").AsPrimaryKey().DefaultValue(0);
        aggregates.AddColumn<int>("period").NotNull();
        foreach (var column in PooledCounts.Columns) aggregates.AddColumn<long>(column).NotNull().DefaultValue(0);
        aggregates.AddColumn<long>("last_seq");
        aggregates.AddColumn<DateTimeOffset>("updated_at");
        aggregates.Indexes.Add(new IndexDefinition($"ix_{Aggregates}_period") { Columns = ["period", "dimension"] });
        yield return aggregates;

        yield return Define(schema, BodyEvents, BodyEventColumns, "body", ["body", "period", "seq"]);

        var applied = new Table(new PostgresqlObjectName(schema, Applied));
        applied.AddColumn<long>("seq").AsPrimaryKey();
        yield return applied;
    }

    /// <summary>A table of described columns, with one index <c>ix_{table}_{index}</c>.</summary>
    private static Table Define<TRow>(string schema, string name, IEnumerable<Column<TRow>> columns, string index, string[] indexColumns)
    {
        var table = new Table(new PostgresqlObjectName(schema, name));
        foreach (var c in columns)
        {
            var column = table.AddColumn(c.Name, c.Type);
            if (c.Kind == Key) column.AsPrimaryKey();
            else if (c.Kind == Count) column.NotNull().DefaultValue(0);
            else if (c.Kind == NotNull) column.NotNull();
        }
        table.Indexes.Add(new IndexDefinition($"ix_{name}_{index}") { Columns = indexColumns });
        return table;
    }

    /// <summary>The fact column holding an answer's criterion scores.</summary>
    public const string Scores = "scores";

    /// <summary>An answer's criterion scores as the <see cref="Scores"/> column holds them: hard to answer is 0; none asked is null.</summary>
    public static string? ScoresOf(SurveyResponseRecorded? answer)
    {
        if (answer is null || answer.CriterionScores.Count == 0) return null;
        // Written by hand on the projection's hot path (a million answers): the codes were checked against the instrument
        // (letters, digits, '_'), so they need no escaping; anything else is escaped by the serializer.
        if (!answer.CriterionScores.Keys.All(CriterionCodes.IsWellFormed))
            return System.Text.Json.JsonSerializer.Serialize(answer.CriterionScores.ToDictionary(s => s.Key, s => s.Value ?? 0));
        var json = new StringBuilder("{");
        foreach (var (code, score) in answer.CriterionScores)
            json.Append(json.Length > 1 ? ",\"" : "\"").Append(code).Append("\":").Append(score ?? 0);
        return json.Append('}').ToString();
    }

    /// <summary>The score counts every fact row holds.</summary>
    public static readonly string[] CountNames = [.. Counts.Select(c => c.Name)];

    /// <summary>
    /// A row's key as <c>survey_aggregates.key</c> and the API's row <c>key</c> spell it: the axis values joined by '|'
    /// ("ADGS|KZ-KAR"), as existing databases and clients have it. The one place that spelling is written or read.
    /// </summary>
    public static string KeyText(GroupKey key) => key.Second is null ? key.First : $"{key.First}|{key.Second}";

    public static GroupKey KeyOf(string text) => text.IndexOf('|') is var i and >= 0 ? new(text[..i], text[(i + 1)..]) : new(text);
}
