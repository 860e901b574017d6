using Monitoring.Domain.Surveys;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace Monitoring.Projections.Surveys;

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

    public static IEnumerable<Table> Tables(string schema)
    {
        var facts = new Table(new PostgresqlObjectName(schema, Facts));
        // The event's global sequence and the answer's place in it identify a fact; stream key and version say where to read it.
        facts.AddColumn<long>("seq").AsPrimaryKey();
        facts.AddColumn<int>("item").AsPrimaryKey();
        facts.AddColumn<string>("stream_key").NotNull();
        facts.AddColumn<long>("version").NotNull();
        facts.AddColumn<string>("scope").NotNull();
        AddDimensions(facts);
        AddCounts(facts);
        foreach (var criterion in Enum.GetValues<Criterion>()) facts.AddColumn(CriterionColumn(criterion), "smallint");
        facts.AddColumn<bool>("met_staff");
        facts.AddColumn<string>("complaint");
        facts.AddColumn<bool>("complaint_satisfied");
        facts.AddColumn<bool>("informal_payment");
        facts.AddColumn<bool>("used_connections");
        facts.AddColumn<string>("connections_by");
        facts.AddColumn<bool>("extra_docs");
        facts.AddColumn<int>("queue_submit");
        facts.AddColumn<int>("queue_collect");
        facts.AddColumn<bool>("online");
        facts.AddColumn<string>("gender");
        facts.AddColumn<string>("age_band");
        facts.AddColumn<string>("source").NotNull();
        facts.AddColumn<string>("source_ref");
        facts.AddColumn<DateTimeOffset>("recorded_at").NotNull();
        facts.AddColumn<string>("recorded_by");
        facts.Indexes.Add(new IndexDefinition($"ix_{Facts}_campaign") { Columns = ["campaign"] });
        yield return facts;

        var criteria = new Table(new PostgresqlObjectName(schema, CriterionFacts));
        criteria.AddColumn<long>("seq").AsPrimaryKey();
        criteria.AddColumn<string>("criterion").AsPrimaryKey();
        criteria.AddColumn<string>("stream_key").NotNull();
        criteria.AddColumn<long>("version").NotNull();
        criteria.AddColumn<string>("scope").NotNull();
        AddDimensions(criteria);
        AddCounts(criteria);
        criteria.Indexes.Add(new IndexDefinition($"ix_{CriterionFacts}_campaign") { Columns = ["campaign", "criterion"] });
        yield return criteria;

        var aggregates = new Table(new PostgresqlObjectName(schema, Aggregates));
        aggregates.AddColumn<string>("campaign").AsPrimaryKey();
        aggregates.AddColumn<string>("dimension").AsPrimaryKey();
        aggregates.AddColumn<string>("key").AsPrimaryKey();
        aggregates.AddColumn<int>("period").NotNull();
        AddCounts(aggregates);
        foreach (var column in AggregateCounters) aggregates.AddColumn<long>(column).NotNull().DefaultValue(0);
        aggregates.AddColumn<long>("last_seq");
        aggregates.AddColumn<DateTimeOffset>("updated_at");
        aggregates.Indexes.Add(new IndexDefinition($"ix_{Aggregates}_period") { Columns = ["period", "dimension"] });
        yield return aggregates;

        // What one recording event (an answer, an imported batch, a published distribution) says about one body's services in a
        // campaign: the assessment reads a body's satisfaction, live or up to any sequence, from a few hundred of these rows
        // instead of every answer, each row naming the event an auditor can open.
        var bodyEvents = new Table(new PostgresqlObjectName(schema, BodyEvents));
        bodyEvents.AddColumn<string>("campaign").AsPrimaryKey();
        bodyEvents.AddColumn<string>("body").AsPrimaryKey();
        bodyEvents.AddColumn<long>("seq").AsPrimaryKey();
        bodyEvents.AddColumn<int>("period").NotNull();
        bodyEvents.AddColumn<string>("stream_key").NotNull();
        bodyEvents.AddColumn<long>("version").NotNull();
        bodyEvents.AddColumn<long>("raters").NotNull();
        bodyEvents.AddColumn<long>("top_box").NotNull();
        bodyEvents.AddColumn<long>("positive").NotNull();
        bodyEvents.AddColumn<string>("source").NotNull();
        bodyEvents.AddColumn<DateTimeOffset>("recorded_at").NotNull();
        bodyEvents.AddColumn<string>("recorded_by");
        // The recording event's type as Marten names it. Nullable only so the column can be added to a filled table
        // (SurveyBodyEventsBackfill fills it there); the projection always writes it.
        bodyEvents.AddColumn<string>("event_type");
        bodyEvents.Indexes.Add(new IndexDefinition($"ix_{BodyEvents}_body") { Columns = ["body", "period", "seq"] });
        yield return bodyEvents;

        var applied = new Table(new PostgresqlObjectName(schema, Applied));
        applied.AddColumn<long>("seq").AsPrimaryKey();
        yield return applied;
    }

    public static string CriterionColumn(Criterion criterion) => "c_" + System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(criterion.ToString());

    /// <summary>Counters kept besides the score counts: respondents, and yes/asked pairs of the yes/no questions.</summary>
    public static readonly string[] AggregateCounters =
    [
        "respondents", "complained", "complaint_satisfied", "informal_yes", "informal_asked", "connections_yes",
        "connections_asked", "extra_docs_yes", "extra_docs_asked", "queue_submit_sum", "queue_submit_count",
    ];

    private static void AddDimensions(Table table)
    {
        table.AddColumn<string>("campaign").NotNull();
        table.AddColumn<int>("period").NotNull();
        table.AddColumn<string>("service").NotNull();
        table.AddColumn<string>("body").NotNull();
        table.AddColumn<string>("unit");
        table.AddColumn<string>("region");
        table.AddColumn<string>("channels");
    }

    private static void AddCounts(Table table)
    {
        foreach (var column in new[] { "n1", "n2", "n3", "n4", "n5", "hard" })
            table.AddColumn<long>(column).NotNull().DefaultValue(0);
    }
}
