using System.Text.Json;

namespace Monitoring.Application.Surveys.Import;

/// <summary>The shape of <c>data/surveys/national-YYYY.json</c>: per-service distributions transcribed from a published report.</summary>
public sealed record PublishedReportFile(PublishedReportFile.CampaignPart Campaign, List<PublishedReportFile.ServicePart> Services, List<string>? Warnings)
{
    public sealed record CampaignPart(string Code, int Period, SurveyKind Kind, int Scale, RankingRule RankingRule, long? StatedRespondents,
        string? Source, string? Notes, string? Title, string? Instrument = null);

    public sealed record ServicePart(string ServiceCode, int? ReportNo, string? Table, DistributionPart Overall,
        List<CriterionPart>? Criteria, List<ChannelPart>? ByChannel, List<string>? Warnings);

    public sealed record DistributionPart(long[] Counts, long HardToAnswer, long? StatedN, decimal? StatedMean, decimal? StatedTopBoxPercent);

    /// <summary>A criterion's distribution; the criterion is named by its code in the campaign's instrument.</summary>
    public sealed record CriterionPart(string Criterion, long[] Counts, long HardToAnswer);

    /// <summary>A channel split; <see cref="Reconstructed"/> when the report printed only its % and mean and the counts were rebuilt.</summary>
    public sealed record ChannelPart(string Channel, long[] Counts, long HardToAnswer, long? Respondents = null, bool Reconstructed = false, string? Note = null);

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
}

/// <summary>A published report is checked whole before anything is written: its shape, then every service's passport.</summary>
public sealed class PublishedReportFileValidator : AbstractValidator<PublishedReportFile>
{
    public PublishedReportFileValidator()
    {
        RuleFor(x => x.Campaign).NotNull();
        RuleFor(x => x.Campaign.Code).NotEmpty().Matches(Catalogue.CatalogueRules.CodePattern).When(x => x.Campaign is not null);
        RuleFor(x => x.Campaign.Period).InclusiveBetween(2000, 2100).When(x => x.Campaign is not null);
        RuleFor(x => x.Campaign.Scale).Equal(5).WithMessage("published distributions are transcribed on the 5-point scale").When(x => x.Campaign is not null);
        RuleFor(x => x.Campaign.StatedRespondents).GreaterThanOrEqualTo(0).When(x => x.Campaign is not null);
        RuleFor(x => x.Services).NotEmpty().Must(s => s.Count <= 2_000).WithMessage("at most 2,000 services");
        RuleFor(x => x.Services).Must(s => s.Select(v => v?.ServiceCode).Distinct().Count() == s.Count)
            .When(x => x.Services is not null).WithMessage("must not repeat a service");
        RuleForEach(x => x.Services).NotNull().ChildRules(s =>
        {
            s.RuleFor(x => x.ServiceCode).NotEmpty();
            s.RuleFor(x => x.Overall).NotNull().SetValidator(new DistributionRules());
            // A report splits a service by a handful of channels and criteria: bounded, so one request cannot be 100,000 events.
            s.RuleFor(x => x.Criteria).Must(c => c!.Count <= 50).When(x => x.Criteria is not null).WithMessage("at most 50 criteria");
            s.RuleFor(x => x.ByChannel).Must(c => c!.Count <= 20).When(x => x.ByChannel is not null).WithMessage("at most 20 channel splits");
            s.RuleForEach(x => x.Criteria).NotNull().ChildRules(c =>
            {
                c.RuleFor(x => x.Criterion).Must(CriterionCodes.IsWellFormed).WithMessage(CriterionCodes.Rule);
                c.RuleFor(x => x.Counts).Must(Counts.AreFiveNonNegative).WithMessage(Counts.Message);
                c.RuleFor(x => x.HardToAnswer).GreaterThanOrEqualTo(0);
            });
            s.RuleForEach(x => x.ByChannel).NotNull().ChildRules(c =>
            {
                c.RuleFor(x => x.Channel).NotEmpty().Must(ch => Enum.TryParse<Domain.Catalogue.Channel>(ch, out var v) && Enum.IsDefined(v))
                    .WithMessage($"must be one of {string.Join(", ", Enum.GetNames<Domain.Catalogue.Channel>())}");
                c.RuleFor(x => x.Counts).Must(Counts.AreFiveNonNegative).WithMessage(Counts.Message);
                c.RuleFor(x => x.HardToAnswer).GreaterThanOrEqualTo(0);
                c.RuleFor(x => x.Respondents).GreaterThanOrEqualTo(0);
            });
        });
    }

    private sealed class DistributionRules : AbstractValidator<PublishedReportFile.DistributionPart>
    {
        public DistributionRules()
        {
            RuleFor(x => x.Counts).Must(Counts.AreFiveNonNegative).WithMessage(Counts.Message);
            RuleFor(x => x.HardToAnswer).GreaterThanOrEqualTo(0);
            RuleFor(x => x.StatedN).GreaterThanOrEqualTo(0);
            RuleFor(x => x.StatedMean).InclusiveBetween(0, 100);
            RuleFor(x => x.StatedTopBoxPercent).InclusiveBetween(0, 100);
        }
    }

    private static class Counts
    {
        public const string Message = "must be five counts (scores 1..5), none negative";
        public static bool AreFiveNonNegative(long[]? counts) => counts is { Length: 5 } && counts.All(c => c is >= 0 and <= 1_000_000_000);
    }
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
        // Everything is checked before anything is written, and everything is written in one transaction: a report
        // is imported whole or not at all.
        var hygiene = Common.InputHygiene.Check(file);
        if (hygiene.Count > 0) throw new DomainRuleViolation(hygiene);
        await new PublishedReportFileValidator().ValidateAndThrowAsync(file, ct);
        var c = file.Campaign;
        await using var session = store.LightweightSession();
        session.LastModifiedBy = userName;
        session.CorrelationId = correlationId;

        // The passports of a campaign opened here are those of the file's period; of an open one, those of its own.
        var opened = await session.Events.FetchStreamStateAsync(SurveyCampaign.StreamKey(c.Code), ct) is null;
        SurveyCampaign campaign;
        if (opened)
        {
            var open = new OpenSurveyCampaign(c.Code, c.Title ?? $"Public monitoring {c.Period} (published report {c.Source})", c.Period,
                c.Kind, c.Scale, c.RankingRule, $"published-report:{c.Source}", null, null,
                file.Services.Select(s => s.ServiceCode).ToList(), c.Instrument);
            await new OpenSurveyCampaignValidator().ValidateAndThrowAsync(open, ct);
            var (_, events) = await OpenSurveyCampaignHandler.Handle(open, null, session, ct);
            session.Events.StartStream(open.StreamKey, [.. events]);
            campaign = SurveyCampaign.Evolve(null, events[0])!;
        }
        else campaign = await SurveyContext.CampaignAsync(session, c.Code, ct);
        var period = campaign.Period;
        var unasked = file.Services.SelectMany((s, i) => (s.Criteria ?? []).Select((cr, j) => (cr.Criterion, Field: $"services[{i}].criteria[{j}].criterion")))
            .Where(x => !campaign.Criteria.Contains(x.Criterion))
            .Select(x => (x.Field, $"'{x.Criterion}' is not a criterion campaign '{c.Code}' asks ({string.Join(", ", campaign.Criteria)})")).ToList();
        if (unasked.Count > 0) throw new DomainRuleViolation(unasked);

        var passports = await SurveyContext.PassportsAsync(session, SurveyCampaign.PassportDateOf(period), file.Services.Select(s => s.ServiceCode), ct);
        var missing = file.Services.Select((s, i) => (s, i)).Where(x => passports.GetValueOrDefault(x.s.ServiceCode) is null)
            .Select(x => ($"services[{x.i}].serviceCode", $"service '{x.s.ServiceCode}' has no passport valid in {c.Period}")).ToList();
        if (missing.Count > 0) throw new DomainRuleViolation(missing);

        int imported = 0, skipped = 0, warnings = 0;
        foreach (var service in file.Services)
        {
            if (await session.Events.FetchStreamStateAsync(StreamKey(c.Code, service.ServiceCode), ct) is not null)
            {
                skipped++;
                continue;
            }
            var events = Distributions(c, service, passports[service.ServiceCode]!.BodyCode).ToList();
            warnings += events.Sum(e => e.Warnings.Count);
            session.Events.StartStream(StreamKey(c.Code, service.ServiceCode), events.Cast<object>().ToArray());
            imported += events.Count;
        }
        await session.SaveChangesAsync(ct);
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
                new DistributionSplit(SplitKind.Criterion, cr.Criterion), cr.Counts, cr.HardToAnswer, null, null, null, table, []);
    }
}
