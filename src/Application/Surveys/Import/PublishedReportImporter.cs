using System.Text.Json;
using System.Text.Json.Serialization;
using FluentValidation;
using Marten;
using Monitoring.Domain.Common;
using Monitoring.Domain.Surveys;

namespace Monitoring.Application.Surveys.Import;

/// <summary>The shape of <c>data/surveys/national-YYYY.json</c>: per-service distributions transcribed from a published report.</summary>
public sealed record PublishedReportFile(PublishedReportFile.CampaignPart Campaign, List<PublishedReportFile.ServicePart> Services, List<string>? Warnings)
{
    public sealed record CampaignPart(string Code, int Period, SurveyKind Kind, int Scale, RankingRule RankingRule, long? StatedRespondents,
        string? Source, string? Notes, string? Title);

    public sealed record ServicePart(string ServiceCode, int? ReportNo, string? Table, DistributionPart Overall,
        List<CriterionPart>? Criteria, List<ChannelPart>? ByChannel, List<string>? Warnings);

    public sealed record DistributionPart(long[] Counts, long HardToAnswer, long? StatedN, decimal? StatedMean, decimal? StatedTopBoxPercent);

    public sealed record CriterionPart(Criterion Criterion, long[] Counts, long HardToAnswer);

    /// <summary>A channel split; <see cref="Reconstructed"/> when the report printed only its % and mean and the counts were rebuilt.</summary>
    public sealed record ChannelPart(string Channel, long[] Counts, long HardToAnswer, long? Respondents = null, bool Reconstructed = false, string? Note = null);

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
}

public sealed record PublishedImportReport(string CampaignCode, bool CampaignOpened, int Services, int DistributionsImported,
    int ServicesAlreadyImported, int Warnings);

/// <summary>
/// Imports historical data from a published report as events marked as such (<see cref="PublishedDistributionImported"/>),
/// one stream per service, after cross-checking each distribution against what the report states (N, mean, %).
/// Idempotent: a service whose stream exists is skipped.
/// </summary>
public sealed class PublishedReportImporter(IDocumentStore store)
{
    public static string StreamKey(string campaign, string service) => $"published:{campaign}:{service}";

    public async Task<PublishedImportReport> ImportAsync(PublishedReportFile file, string? userName, string? correlationId, CancellationToken ct)
    {
        var c = file.Campaign;
        var opened = false;
        await using (var session = store.LightweightSession())
        {
            session.LastModifiedBy = userName;
            session.CorrelationId = correlationId;
            if (await session.Events.FetchStreamStateAsync(SurveyCampaign.StreamKey(c.Code), ct) is null)
            {
                var open = new OpenSurveyCampaign(c.Code, c.Title ?? $"Public monitoring {c.Period} (published report {c.Source})", c.Period,
                    c.Kind, c.Scale, c.RankingRule, $"published-report:{c.Source}", null, Criteria.National,
                    file.Services.Select(s => s.ServiceCode).ToList());
                await new OpenSurveyCampaignValidator().ValidateAndThrowAsync(open, ct);
                await OpenSurveyCampaignHandler.Handle(open, session, ct);
                await session.SaveChangesAsync(ct);
                opened = true;
            }
        }

        SurveyContext context;
        await using (var query = store.QuerySession())
            context = await SurveyContext.LoadAsync(query, c.Code, null, ct);

        int imported = 0, skipped = 0, warnings = 0;
        foreach (var service in file.Services)
        {
            var key = StreamKey(c.Code, service.ServiceCode);
            await using var session = store.LightweightSession();
            session.LastModifiedBy = userName;
            session.CorrelationId = correlationId;
            if (await session.Events.FetchStreamStateAsync(key, ct) is not null)
            {
                skipped++;
                continue;
            }
            var passport = context.PassportOf(service.ServiceCode)
                           ?? throw new DomainRuleViolation("services", $"service '{service.ServiceCode}' has no passport valid in {c.Period}");
            var events = Distributions(c, service, passport.BodyCode).ToList();
            warnings += events.Sum(e => e.Warnings.Count);
            session.Events.StartStream(key, events.Cast<object>().ToArray());
            await session.SaveChangesAsync(ct);
            imported += events.Count;
        }
        return new PublishedImportReport(c.Code, opened, file.Services.Count, imported, skipped, warnings);
    }

    private static IEnumerable<PublishedDistributionImported> Distributions(PublishedReportFile.CampaignPart c, PublishedReportFile.ServicePart s, string body)
    {
        var table = s.Table ?? "";
        var o = s.Overall;
        var overall = ScoreDistribution.FromCounts(o.Counts, o.HardToAnswer);
        var warnings = (s.Warnings ?? []).Concat(DistributionCrossCheck.Check(overall, o.StatedN, o.StatedMean, o.StatedTopBoxPercent))
            .Distinct().ToList();
        yield return new PublishedDistributionImported(c.Code, c.Period, s.ServiceCode, body, DistributionSplit.Overall, o.Counts, o.HardToAnswer,
            o.StatedN, o.StatedMean, o.StatedTopBoxPercent, table, warnings);
        foreach (var ch in s.ByChannel ?? [])
        {
            var split = ScoreDistribution.FromCounts(ch.Counts, ch.HardToAnswer);
            var channelWarnings = DistributionCrossCheck.Check(split, ch.Respondents, null, null).ToList();
            if (ch.Reconstructed) channelWarnings.Insert(0, $"reconstructed from the printed % and mean, not printed counts: {ch.Note}");
            yield return new PublishedDistributionImported(c.Code, c.Period, s.ServiceCode, body, new DistributionSplit(SplitKind.Channel, ch.Channel),
                ch.Counts, ch.HardToAnswer, ch.Respondents, null, null, table, channelWarnings);
        }
        foreach (var cr in s.Criteria ?? [])
            yield return new PublishedDistributionImported(c.Code, c.Period, s.ServiceCode, body,
                new DistributionSplit(SplitKind.Criterion, cr.Criterion.ToString()), cr.Counts, cr.HardToAnswer, null, null, null, table, []);
    }
}
