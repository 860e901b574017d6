using System.Net;
using Marten;
using Marten.Events;
using Microsoft.Extensions.DependencyInjection;
using System.Text;
using System.Text.Json;
using Monitoring.Api.Tests.Catalogue;
using Monitoring.Api.Tests.Infrastructure;

namespace Monitoring.Api.Tests.Surveys;

/// <summary>
/// The questions analysts ask next — driver analysis, confidence intervals, significance, social concern per body and
/// region — and figures that must not mislead (pooling, comparability, questions not asked). Every expected value is
/// computed here, from the answers the test sends.
/// </summary>
public sealed class AnalystFiguresTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private readonly HttpClient _analyst = fixture.Client("analyst", "aigerim");

    private sealed record Answer(string Id, string Service, string Region, int? Overall, int? Trust, int? Deadlines, int? Clarity,
        string Complaint = "No", bool? Informal = false, bool? Connections = false, int? QueueMinutes = null);

    /// <summary>A body with two free services and a campaign over both asking Trust, Deadlines and InformationClarity.</summary>
    private async Task<(string Campaign, string S1, string S2)> SetUpAsync(int period = 2019, string kind = "NationalPublicMonitoring",
        string rule = "ByMeanThenTopBox", string? campaignCode = null, (string, string)? services = null, object? questions = null)
    {
        var id = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var (s1, s2) = services ?? ($"S1{id}", $"S2{id}");
        if (services is null)
        {
            var admin = new CatalogueApi(fixture.Client("admin"));
            var body = $"B{id}";
            await admin.Created(admin.RegisterBody(CatalogueApi.Body(body)));
            foreach (var s in new[] { s1, s2 })
                await admin.Created(admin.RegisterService(new { code = s, nameRu = "Услуга " + s, passport = CatalogueApi.Passport(body, channels: ["Body", "EGov"]) }));
        }
        var campaign = campaignCode ?? $"A{id}";
        var opened = await _analyst.PostAsync("/api/surveys/campaigns", ApiFixture.JsonBody(new
        {
            code = campaign, title = "Волна", period, kind, scale = 5, rankingRule = rule, methodology = "KZ-2018", smallSampleThreshold = 10,
            criteria = new[] { "Trust", "Deadlines", "InformationClarity" }, services = new[] { s1, s2 }, questions,
        }));
        opened.StatusCode.ShouldBe(HttpStatusCode.Created, await opened.Content.ReadAsStringAsync());
        return (campaign, s1, s2);
    }

    private async Task ImportAsync(string campaign, IEnumerable<Answer> answers)
    {
        static string Cell(object? v) => v switch { null => "", bool b => b ? "yes" : "no", _ => v.ToString()! };
        var csv = new StringBuilder("response_id,service,region,channels,overall,trust,deadlines,information_clarity,complaint,informal_payment," +
                                    "used_connections,queue_submit_minutes\n");
        foreach (var a in answers)
            csv.AppendLine(string.Join(',', a.Id, a.Service, a.Region, "EGov", Cell(a.Overall), Cell(a.Trust), Cell(a.Deadlines), Cell(a.Clarity),
                a.Complaint, Cell(a.Informal), Cell(a.Connections), Cell(a.QueueMinutes)));
        var response = await _analyst.PostAsync($"/api/surveys/campaigns/{campaign}/imports?format=csv", new StringContent(csv.ToString(), Encoding.UTF8, "text/csv"));
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        await fixture.Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
    }

    /// <summary>Answers whose overall score follows Deadlines closely, Trust a little, and Clarity not at all; Deadlines rated lowest.</summary>
    private static List<Answer> DrivenByDeadlines(string s1, string s2, int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(1, count).Select(i =>
        {
            var deadlines = random.Next(1, 5); // 1..4: the weakest criterion
            var trust = random.Next(3, 6);
            var clarity = random.Next(1, 6);
            var overall = Math.Clamp(deadlines + (trust >= 5 ? 1 : 0) + (random.Next(10) == 0 ? -1 : 0), 1, 5);
            return new Answer($"d{i}", i % 3 == 0 ? s2 : s1, i % 2 == 0 ? "KZ-KAR" : "KZ-AST", overall, trust, deadlines,
                i % 17 == 0 ? null : clarity, QueueMinutes: i % 5 == 0 ? null : random.Next(0, 90));
        }).ToList();
    }

    private static double Pearson(IReadOnlyList<(double X, double Y)> pairs)
    {
        var mx = pairs.Average(p => p.X);
        var my = pairs.Average(p => p.Y);
        var sxy = pairs.Sum(p => (p.X - mx) * (p.Y - my));
        var sxx = pairs.Sum(p => (p.X - mx) * (p.X - mx));
        var syy = pairs.Sum(p => (p.Y - my) * (p.Y - my));
        return sxy / Math.Sqrt(sxx * syy);
    }

    /// <summary>The Wilson score interval, z = 1.959964: (p + z²/2n ± z√(p(1−p)/n + z²/4n²)) / (1 + z²/n).</summary>
    private static void ShouldBeWilson(JsonElement interval, double k, double n)
    {
        const double z = 1.959963984540054;
        var p = k / n;
        var centre = (p + z * z / (2 * n)) / (1 + z * z / n);
        var half = z * Math.Sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n);
        ((double)interval.GetProperty("low").GetDecimal()).ShouldBe(centre - half, 1e-9);
        ((double)interval.GetProperty("high").GetDecimal()).ShouldBe(centre + half, 1e-9);
    }

    private async Task<JsonElement> Get(string url)
    {
        var response = await _analyst.GetAsync(url);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await ApiFixture.ReadJson(response);
    }

    [Fact]
    public async Task Driver_analysis_names_the_criterion_that_moves_satisfaction_for_a_campaign_and_a_slice()
    {
        var (campaign, s1, s2) = await SetUpAsync();
        var answers = DrivenByDeadlines(s1, s2, 240, 7);
        await ImportAsync(campaign, answers);

        var drivers = await Get($"/api/surveys/drivers?campaign={campaign}");
        var analysis = drivers.GetProperty("analysis");
        var byCode = analysis.GetProperty("criteria").EnumerateArray().ToDictionary(c => c.GetProperty("criterion").GetString()!);
        foreach (var (code, score) in new (string, Func<Answer, int?>)[] { ("Trust", a => a.Trust), ("Deadlines", a => a.Deadlines), ("InformationClarity", a => a.Clarity) })
        {
            var pairs = answers.Where(a => a.Overall is not null && score(a) is not null).Select(a => ((double)score(a)!, (double)a.Overall!)).ToList();
            byCode[code].GetProperty("n").GetInt64().ShouldBe(pairs.Count);
            ((double)byCode[code].GetProperty("correlation").GetProperty("r").GetDecimal()).ShouldBe(Pearson(pairs), 1e-9);
        }
        byCode["Deadlines"].GetProperty("rank").GetInt32().ShouldBe(1);
        analysis.GetProperty("priority").GetProperty("fixFirst").EnumerateArray().First().GetString().ShouldBe("Deadlines");
        analysis.GetProperty("model").GetProperty("n").GetInt64().ShouldBe(answers.Count(a => a is { Overall: not null, Trust: not null, Deadlines: not null, Clarity: not null }));
        drivers.GetProperty("criterionNames").GetProperty("Deadlines").GetProperty("ru").GetString().ShouldBe("Сроки оказания услуги");

        // Any slice: the answers of one service in one region.
        var slice = answers.Where(a => a.Service == s1 && a.Region == "KZ-KAR" && a.Overall is not null && a.Deadlines is not null)
            .Select(a => ((double)a.Deadlines!, (double)a.Overall!)).ToList();
        var sliced = (await Get($"/api/surveys/drivers?campaign={campaign}&service={s1}&region=KZ-KAR")).GetProperty("analysis")
            .GetProperty("criteria").EnumerateArray().Single(c => c.GetProperty("criterion").GetString() == "Deadlines");
        sliced.GetProperty("n").GetInt64().ShouldBe(slice.Count);
        ((double)sliced.GetProperty("correlation").GetProperty("r").GetDecimal()).ShouldBe(Pearson(slice), 1e-9);
    }

    [Fact]
    public async Task Every_share_and_mean_carries_its_95_percent_interval_and_two_bodies_say_whether_they_differ()
    {
        var (campaign, s1, s2) = await SetUpAsync();
        var answers = DrivenByDeadlines(s1, s2, 200, 11);
        await ImportAsync(campaign, answers);

        var total = (await Get($"/api/surveys/ratings?campaign={campaign}&by=service")).GetProperty("total").GetProperty("figures");
        var scores = answers.Where(a => a.Overall is not null).Select(a => (double)a.Overall!.Value).ToList();
        double n = scores.Count;
        ShouldBeWilson(total.GetProperty("intervals").GetProperty("satisfactionShare"), scores.Count(s => s == 5), scores.Count);
        // t interval of the mean with n − 1 = 199 degrees of freedom: t(0.975, 199) = 1.971957 (tables).
        var mean = scores.Average();
        var sd = Math.Sqrt(scores.Sum(s => (s - mean) * (s - mean)) / (n - 1));
        var meanInterval = total.GetProperty("intervals").GetProperty("mean");
        ((double)meanInterval.GetProperty("low").GetDecimal()).ShouldBe(mean - 1.971957 * sd / Math.Sqrt(n), 1e-5);
        ((double)meanInterval.GetProperty("high").GetDecimal()).ShouldBe(mean + 1.971957 * sd / Math.Sqrt(n), 1e-5);

        // Minutes queued, asked of 160 of the 200: the t interval of their mean, t(0.975, 159) = 1.974996 (tables).
        var minutes = answers.Where(a => a.QueueMinutes is not null).Select(a => (double)a.QueueMinutes!.Value).ToList();
        minutes.Count.ShouldBe(160);
        var mm = minutes.Average();
        var msd = Math.Sqrt(minutes.Sum(x => (x - mm) * (x - mm)) / (minutes.Count - 1));
        var shares = (await Get($"/api/surveys/ratings?campaign={campaign}&by=service")).GetProperty("total").GetProperty("shares");
        ((double)shares.GetProperty("meanMinutesQueuedToSubmit").GetDecimal()).ShouldBe(mm, 1e-9);
        var minutesInterval = shares.GetProperty("intervals").GetProperty("meanMinutesQueuedToSubmit");
        ((double)minutesInterval.GetProperty("low").GetDecimal()).ShouldBe(mm - 1.974996 * msd / Math.Sqrt(160), 1e-4);
        ((double)minutesInterval.GetProperty("high").GetDecimal()).ShouldBe(mm + 1.974996 * msd / Math.Sqrt(160), 1e-4);

        // Two services of the same campaign compared: the difference of means with Welch's test.
        var difference = await Get($"/api/surveys/ratings/difference?campaign={campaign}&by=service&key={s1}&other={s2}");
        var a1 = answers.Where(a => a.Service == s1 && a.Overall is not null).Select(a => (double)a.Overall!).ToList();
        var a2 = answers.Where(a => a.Service == s2 && a.Overall is not null).Select(a => (double)a.Overall!).ToList();
        ((double)difference.GetProperty("mean").GetProperty("estimate").GetDecimal()).ShouldBe(a1.Average() - a2.Average(), 1e-9);
        double Var(List<double> x) => x.Sum(v => (v - x.Average()) * (v - x.Average())) / (x.Count - 1);
        var welchT = (a1.Average() - a2.Average()) / Math.Sqrt(Var(a1) / a1.Count + Var(a2) / a2.Count);
        difference.GetProperty("mean").GetProperty("significant").GetBoolean().ShouldBe(Math.Abs(welchT) > 1.98);
        (await _analyst.GetAsync($"/api/surveys/ratings/difference?campaign={campaign}&by=service&key={s1}&other=NOPE")).StatusCode
            .ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Year_over_year_flags_a_changed_ranking_rule_and_says_whether_the_change_is_significant()
    {
        var (before, s1, s2) = await SetUpAsync(period: 2060, rule: "ByTopBoxShare");
        var (now, _, _) = await SetUpAsync(period: 2061, rule: "ByMeanThenTopBox", services: (s1, s2));
        var old = Enumerable.Range(1, 120).Select(i => new Answer($"o{i}", s1, "KZ-KAR", i % 4 == 0 ? 5 : 3, 4, 4, 4)).ToList();
        var fresh = Enumerable.Range(1, 120).Select(i => new Answer($"n{i}", s1, "KZ-KAR", i % 4 == 0 ? 3 : 5, 4, 4, 4)).ToList();
        await ImportAsync(before, old);
        await ImportAsync(now, fresh);

        var changes = await Get($"/api/surveys/ratings/changes?campaign={now}&previous={before}&by=service");
        changes.GetProperty("comparable").GetBoolean().ShouldBeFalse();
        changes.GetProperty("caveats").EnumerateArray().ShouldContain(c => c.GetString()!.Contains("ranking rule changed (ByTopBoxShare → ByMeanThenTopBox)"));
        var change = changes.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("key").GetString() == s1).GetProperty("change");
        var meanChange = fresh.Average(a => (decimal)a.Overall!) - old.Average(a => (decimal)a.Overall!);
        change.GetProperty("meanChange").GetDecimal().ShouldBe(meanChange);
        change.GetProperty("meanChangeRounded").GetDecimal().ShouldBe(Math.Round(meanChange, 2, MidpointRounding.AwayFromZero));
        var shareChange = fresh.Count(a => a.Overall == 5) / 120m - old.Count(a => a.Overall == 5) / 120m;
        change.GetProperty("satisfactionShareChange").GetDecimal().ShouldBe(shareChange);
        change.GetProperty("satisfactionChangePoints").GetDecimal().ShouldBe(Math.Round(shareChange * 100, 1, MidpointRounding.AwayFromZero));
        change.GetProperty("significant").GetBoolean().ShouldBeTrue();
        change.GetProperty("meanDifference").GetProperty("pValue").GetDecimal().ShouldBeLessThan(0.05m);
    }

    [Fact]
    public async Task The_social_concern_index_is_given_per_body_region_and_service_and_unknown_parameters_are_refused()
    {
        var (campaign, s1, s2) = await SetUpAsync();
        var answers = Enumerable.Range(1, 40).Select(i => new Answer($"s{i}", i % 2 == 0 ? s1 : s2, i <= 20 ? "KZ-KAR" : "KZ-AST",
            i % 5 == 0 ? 1 : 4, i % 4 == 0 ? 2 : 5, 4, 4, i % 8 == 0 ? "Written" : "No", i % 10 == 0, i % 3 == 0)).ToList();
        await ImportAsync(campaign, answers);

        var view = await Get($"/api/surveys/social-concern?campaign={campaign}&by=region");
        foreach (var region in new[] { "KZ-KAR", "KZ-AST" })
        {
            var part = answers.Where(a => a.Region == region).ToList();
            decimal Share(Func<Answer, bool> yes) => part.Count(yes) / (decimal)part.Count;
            var expected = (Share(a => a.Overall <= 2) + Share(a => a.Trust <= 2) + Share(a => a.Complaint != "No") + Share(a => a.Informal == true)
                            + Share(a => a.Connections == true)) / 5;
            var row = view.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("key").GetString() == region);
            row.GetProperty("share").GetDecimal().ShouldBe(expected);
            ShouldBeWilson(row.GetProperty("index").GetProperty("intervals").GetProperty("connectionsShare"), part.Count(a => a.Connections == true), part.Count);
            row.GetProperty("percent").GetDecimal().ShouldBe(Math.Round(expected * 100, 1, MidpointRounding.AwayFromZero));
        }
        (await Get($"/api/surveys/social-concern?campaign={campaign}&by=body")).GetProperty("rows").GetArrayLength().ShouldBe(1);
        (await Get($"/api/surveys/social-concern?campaign={campaign}&by=service")).GetProperty("rows").GetArrayLength().ShouldBe(2);

        // ?body= on the campaign's total was silently ignored: now it is named and refused.
        var refused = await _analyst.GetAsync($"/api/surveys/campaigns/{campaign}/social-concern?body=X");
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ApiFixture.Refusal(refused)).Errors.ShouldContainKey("body");
    }

    [Fact]
    public async Task A_period_pools_only_campaigns_of_one_kind_and_never_ranks_across_ranking_rules()
    {
        var period = 2070 + Random.Shared.Next(20);
        var (national, s1, s2) = await SetUpAsync(period: period, rule: "ByTopBoxShare");
        var (city, _, _) = await SetUpAsync(period: period, kind: "CitySurvey", rule: "ByMeanThenTopBox", services: (s1, s2));

        var mixed = await _analyst.GetAsync($"/api/surveys/ratings?period={period}&by=body");
        mixed.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ApiFixture.Refusal(mixed)).Errors.ShouldContainKey("kind");

        var cityOnly = await Get($"/api/surveys/ratings?period={period}&kind=CitySurvey&by=body");
        cityOnly.GetProperty("campaigns").EnumerateArray().Select(c => c.GetString()).ShouldBe([city]);

        var listed = await _analyst.GetAsync($"/api/surveys/ratings?campaign={national},{city}&by=body");
        listed.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ApiFixture.Refusal(listed)).Errors["campaign"].Single().ShouldContain("ranking rules");
    }

    [Fact]
    public async Task A_figure_nobody_was_asked_is_null_never_zero()
    {
        // This campaign's questionnaire asks about complaints only.
        var (campaign, s1, _) = await SetUpAsync(questions: new[] { "Complaint" });
        var refused = await _analyst.PostAsync($"/api/surveys/campaigns/{campaign}/responses", ApiFixture.JsonBody(new
        {
            responseId = "q-1", serviceCode = s1, regionCode = "KZ-KAR", channels = new[] { "EGov" }, overall = 5, informalPayment = true,
        }));
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ApiFixture.Refusal(refused)).Errors.ShouldContainKey("response.informalPayment");

        await ImportAsync(campaign, Enumerable.Range(1, 10).Select(i =>
            new Answer($"q{i}", s1, "KZ-KAR", 4, 4, 4, 4, i <= 2 ? "Oral" : "No", Informal: null, Connections: null)));
        var shares = (await Get($"/api/surveys/ratings?campaign={campaign}&by=service")).GetProperty("total").GetProperty("shares");
        shares.GetProperty("complaintShare").GetDecimal().ShouldBe(0.2m);
        shares.GetProperty("complaintPercent").GetDecimal().ShouldBe(20.0m);
        // Two complained, but nobody was asked whether the outcome satisfied them; nor about informal payments.
        shares.GetProperty("complaintOutcomeSatisfiedShare").ValueKind.ShouldBe(JsonValueKind.Null);
        shares.GetProperty("informalPaymentShare").ValueKind.ShouldBe(JsonValueKind.Null);
        ShouldBeWilson(shares.GetProperty("intervals").GetProperty("complaintShare"), 2, 10);
        shares.GetProperty("intervals").GetProperty("informalPaymentShare").ValueKind.ShouldBe(JsonValueKind.Null);
        var concern = (await Get($"/api/surveys/social-concern?campaign={campaign}")).GetProperty("total");
        concern.GetProperty("share").ValueKind.ShouldBe(JsonValueKind.Null);
        concern.GetProperty("index").GetProperty("notAsked").EnumerateArray().Select(x => x.GetString()).ShouldBe(["informalPayment", "connections"]);
    }

    [Fact]
    public async Task Contact_figures_give_the_refused_share_beside_the_response_rate()
    {
        var (campaign, _, _) = await SetUpAsync();
        (await _analyst.PostAsync($"/api/surveys/campaigns/{campaign}/contacts", ApiFixture.JsonBody(new { contacts = 577, reached = 378, refused = 199 })))
            .EnsureSuccessStatusCode();
        var contacts = (await Get($"/api/surveys/campaigns/{campaign}")).GetProperty("contacts");
        contacts.GetProperty("responseShare").GetDecimal().ShouldBe(378m / 577m);
        contacts.GetProperty("responsePercent").GetDecimal().ShouldBe(65.5m);
        contacts.GetProperty("refusalShare").GetDecimal().ShouldBe(199m / 577m);
        contacts.GetProperty("refusalPercent").GetDecimal().ShouldBe(Math.Round(199m / 577m * 100, 1, MidpointRounding.AwayFromZero));
    }

    [Fact]
    public async Task A_database_of_the_earlier_layout_is_upgraded_in_place_and_its_figures_keep_their_meaning()
    {
        var (campaign, s1, s2) = await SetUpAsync();
        await ImportAsync(campaign, DrivenByDeadlines(s1, s2, 120, 5).Select((a, i) => a with { Complaint = i % 7 == 0 ? "Oral" : "No" }));
        string[] urls =
        [
            $"/api/surveys/ratings?campaign={campaign}&by=service", $"/api/surveys/social-concern?campaign={campaign}&by=region",
            $"/api/surveys/slice?campaign={campaign}&criterion=Deadlines&groupBy=region", $"/api/surveys/drivers?campaign={campaign}",
        ];
        async Task<string[]> Figures() => await Task.WhenAll(urls.Select(u => _analyst.GetStringAsync(u)));
        var before = await Figures();

        // The earlier layout: the nine Kazakh criteria as columns, none of the counters of those asked, no region × criterion view.
        await using (var owner = new Npgsql.NpgsqlConnection(fixture.OwnerConnectionString))
        {
            await owner.OpenAsync();
            var schema = fixture.Host.Services.GetRequiredService<Monitoring.Projections.Common.ReadModelDatabase>().Schema;
            await using var cmd = new Npgsql.NpgsqlCommand($"""
                alter table {schema}.survey_facts add column if not exists c_trust smallint, add column if not exists c_deadlines smallint,
                    add column if not exists c_information_clarity smallint;
                update {schema}.survey_facts set c_trust = (scores ->> 'Trust')::smallint, c_deadlines = (scores ->> 'Deadlines')::smallint,
                    c_information_clarity = (scores ->> 'InformationClarity')::smallint, scores = null where campaign = '{campaign}';
                update {schema}.survey_aggregates set complaint_asked = 0, complaint_outcome_asked = 0, queue_submit_squares = 0
                    where campaign = '{campaign}';
                delete from {schema}.survey_aggregates where campaign = '{campaign}' and dimension = 'region|criterion';
                """, owner);
            await cmd.ExecuteNonQueryAsync();
        }
        (await Figures()).ShouldNotBe(before);

        var upgrade = ActivatorUtilities.CreateInstance<Monitoring.Api.Surveys.SurveyFactsUpgrade>(fixture.Host.Services);
        (await upgrade.UpgradeAsync(CancellationToken.None)).ShouldBe(120);
        (await Figures()).ShouldBe(before);
        (await upgrade.UpgradeAsync(CancellationToken.None)).ShouldBe(0);
    }
}
