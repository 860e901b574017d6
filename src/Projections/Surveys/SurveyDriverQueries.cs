using System.Globalization;
using Monitoring.Domain.Surveys.Statistics;

namespace Monitoring.Projections.Surveys;

/// <summary>A driver analysis with what it was computed on: the campaigns, the filters, the criteria by name.</summary>
public sealed record DriversView(IReadOnlyList<string> Campaigns, string Instrument, IReadOnlyDictionary<string, string?> Filters,
    IReadOnlyDictionary<string, LocalizedText> CriterionNames, DriverAnalysis Analysis);

/// <summary>
/// Key-driver analysis (which criteria move overall satisfaction) of the answers of a campaign, or of any slice of them.
/// Only respondent-level answers say how one person rated both a criterion and the whole, so published distributions are
/// left out. The answers are streamed from the fact table into a <see cref="DriverAccumulator"/>: memory grows with the
/// number of criteria, not of answers.
/// </summary>
public sealed class SurveyDriverQueries(ReadModelDatabase db, IQuerySession session)
{
    public async Task<DriversView> DriversAsync(CampaignScope scope, SurveyRatingsQueries.SliceFilter filter, CancellationToken ct)
    {
        var campaigns = await scope.CampaignsAsync(session, ct);
        var instruments = campaigns.Select(c => c.AskedInstrument).DistinctBy(i => i.Code).ToList();
        if (instruments.Count > 1)
            throw new DomainRuleViolation("campaign", $"the campaigns ask different instruments ({string.Join(", ", instruments.Select(i => i.Code))}): " +
                                                      "a driver analysis compares one questionnaire's criteria");
        var instrument = instruments[0];
        // The criteria every pooled campaign asks, in the instrument's order.
        var criteria = instrument.Codes.Where(code => campaigns.All(c => c.Criteria.Contains(code))).ToList();
        if (criteria.Count == 0) throw new DomainRuleViolation("campaign", "the campaigns ask no criterion in common");

        var args = new SqlArguments();
        List<string> where =
        [
            $"campaign = any({args.Add(campaigns.Select(c => c.Code).ToArray())})", "scope = 'all'", $"{SurveySchema.Scores} is not null",
            .. filter.Conditions(db.Schema, args),
        ];
        var scores = string.Concat(criteria.Select(c => $", ({SurveySchema.Scores} ->> {args.Add(c)})::int"));

        var accumulator = new DriverAccumulator(criteria);
        var answer = new Dictionary<string, int?>(criteria.Count);
        await Sql.Command(db.DataSource, $"""
            select n1, n2, n3, n4, n5{scores} from {db.Schema}.{SurveySchema.Facts} where {string.Join(" and ", where)}
            """, args.Values).EachAsync(r =>
        {
            int? overall = null;
            for (var k = 0; k < 5; k++)
                if (r.GetInt64(k) > 0) overall = k + 1;
            answer.Clear();
            // 0 is "hard to answer"; a criterion not asked of this respondent is absent.
            for (var i = 0; i < criteria.Count; i++)
                if (!r.IsDBNull(5 + i)) answer[criteria[i]] = r.GetInt32(5 + i) is var s and > 0 ? s : null;
            accumulator.Add(overall, answer);
        }, ct);

        return new DriversView(campaigns.Select(c => c.Code).ToList(), instrument.Code,
            filter.Values.Where(f => f.Value is not null).ToDictionary(f => f.By.Name, f => Convert.ToString(f.Value, CultureInfo.InvariantCulture)),
            criteria.ToDictionary(c => c, c => instrument.Criterion(c)!.Name), accumulator.Analyse());
    }
}
