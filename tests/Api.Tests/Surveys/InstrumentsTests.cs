using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Marten;
using Marten.Events;
using Microsoft.Extensions.Logging.Abstractions;
using Monitoring.Api.DemoData;
using Monitoring.Api.Tests.Catalogue;
using Monitoring.Api.Tests.Infrastructure;

namespace Monitoring.Api.Tests.Surveys;

/// <summary>
/// Instruments as data: the Petropavlovsk 2019 city survey's 15 criteria and Russia's "Ваш контроль" 5, published from
/// <c>data/surveys/instruments</c>, answered through the API and the CSV import, and every figure checked against the
/// answers sent, computed here.
/// </summary>
public sealed class InstrumentsTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private readonly HttpClient _analyst = fixture.Client("analyst", "aigerim");

    private const string CityFile = "petropavlovsk-2019.json";
    private const string FederalFile = "vash-kontrol.json";

    private static JsonObject InstrumentFile(string file) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "data", "surveys", "instruments", file)))!.AsObject();

    private static string[] CodesOf(JsonObject instrument) =>
        [.. instrument["criteria"]!.AsArray().Select(c => c!["code"]!.GetValue<string>())];

    /// <summary>One respondent's answers as the test sends them, and what every figure is computed from.</summary>
    private sealed record Answer(string Id, string Service, string Channel, int? Overall, Dictionary<string, int?> Scores,
        bool? InformalPayment = null, bool? UsedConnections = null, string? Gender = null, string? AgeBand = null, string Region = "KZ-SEV");

    private sealed record Campaign(string Code, string Instrument, string[] Criteria, string[] Services);

    private async Task<(Campaign City, Campaign Federal)> SetUpAsync()
    {
        var id = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var admin = new CatalogueApi(fixture.Client("admin"));
        var body = $"B{id}";
        await admin.Created(admin.RegisterBody(CatalogueApi.Body(body)));
        // A city service answered at the body, one answered through the State Corporation (whose respondents, as in the
        // Petropavlovsk report, rate only what concerns the body), and one of the federal campaign.
        string[] services = [$"S1{id}", $"S2{id}", $"S3{id}", $"F1{id}", $"F2{id}"];
        foreach (var s in services)
            await admin.Created(admin.RegisterService(new
            {
                code = s, nameRu = $"Услуга {s}", passport = CatalogueApi.Passport(body, channels: ["Body", "StateCorporation", "EGov"]),
            }));

        async Task<Campaign> Open(string file, string kind, string[] covered)
        {
            var instrument = InstrumentFile(file);
            var code = $"{instrument["code"]!.GetValue<string>()}-{id}";
            instrument["code"] = code;
            var published = await _analyst.PostAsync("/api/surveys/instruments", ApiFixture.RawJson(instrument.ToJsonString()));
            published.StatusCode.ShouldBe(HttpStatusCode.Created, await published.Content.ReadAsStringAsync());
            var campaign = $"{kind[..4].ToUpperInvariant()}{id}";
            var opened = await _analyst.PostAsync("/api/surveys/campaigns", ApiFixture.JsonBody(new
            {
                code = campaign, title = $"Кампания {file}", period = 2019, kind, scale = 5, rankingRule = "ByMeanThenTopBox",
                methodology = file, smallSampleThreshold = 2, services = covered, instrument = code,
            }));
            opened.StatusCode.ShouldBe(HttpStatusCode.Created, await opened.Content.ReadAsStringAsync());
            return new Campaign(campaign, code, CodesOf(instrument), covered);
        }
        return (await Open(CityFile, "CitySurvey", services[..3]), await Open(FederalFile, "OnlineSurvey", services[3..]));
    }

    /// <summary>Scores that vary with the respondent and the criterion, mostly high, now and then "hard to answer" (null).</summary>
    private static int? Score(int respondent, int criterion) =>
        (respondent * 7 + criterion * 3) % 13 == 0 ? null : new[] { 5, 4, 5, 3, 5, 4, 2, 5, 1, 4, 5 }[(respondent * 5 + criterion) % 11];

    private static List<Answer> CityAnswers(Campaign c)
    {
        // Via the State Corporation, only the criteria about the body itself are rated (in the report: "из возможных 15 баллов").
        string[] bodyOnly = ["Effectiveness", "VoiceAndComplaint", "OfficesToVisit"];
        var answers = new List<Answer>();
        for (var i = 0; i < 46; i++)
        {
            var viaCorporation = i % 3 == 1;
            var service = i % 3 == 2 ? c.Services[2] : viaCorporation ? c.Services[1] : c.Services[0];
            var scores = c.Criteria.Select((code, k) => (code, k)).Where(x => !viaCorporation || bodyOnly.Contains(x.code))
                .ToDictionary(x => x.code, x => Score(i, x.k));
            answers.Add(new Answer($"city-{i}", service, viaCorporation ? "StateCorporation" : "Body", i % 9 == 4 ? null : Score(i, 99),
                scores, InformalPayment: i % 10 == 3, UsedConnections: i % 8 == 5, Gender: i % 2 == 0 ? "Female" : "Male",
                AgeBand: new[] { "From18To29", "From30To44", "From45To59", "From60" }[i % 4]));
        }
        return answers;
    }

    private static List<Answer> FederalAnswers(Campaign c) =>
        [.. Enumerable.Range(0, 24).Select(i => new Answer($"fed-{i}", c.Services[i % 2], "Body", i % 7 == 3 ? null : Score(i, 42),
            c.Criteria.Select((code, k) => (code, k)).Where(x => (i + x.k) % 5 != 0).ToDictionary(x => x.code, x => Score(i + 1, x.k)),
            Region: "RU-KLU-KALUGA"))]; // a Russian federal survey, in a Russian territory of the catalogue

    private static object Json(Answer a) => new
    {
        responseId = a.Id, serviceCode = a.Service, regionCode = a.Region, channels = new[] { a.Channel }, overall = a.Overall,
        criterionScores = a.Scores, informalPayment = a.InformalPayment, usedConnections = a.UsedConnections, gender = a.Gender, ageBand = a.AgeBand,
    };

    /// <summary>The answers as a CSV file: a column per criterion, named by its code in snake_case; empty = not asked, "hard" = hard to answer.</summary>
    private static string Csv(IEnumerable<Answer> answers, string[] criteria, bool questions)
    {
        static string Snake(string code) => string.Concat(code.Select((ch, i) => char.IsUpper(ch) ? (i > 0 ? "_" : "") + char.ToLowerInvariant(ch) : ch.ToString()));
        static string Cell(int? score) => score?.ToString() ?? "hard";
        var csv = new StringBuilder($"response_id,service,region,channels,overall,{string.Join(',', criteria.Select(Snake))}");
        csv.Append(questions ? ",informal_payment,used_connections,gender,age_band\n" : "\n");
        foreach (var a in answers)
        {
            csv.Append($"{a.Id},{a.Service},{a.Region},{a.Channel},{Cell(a.Overall)},");
            csv.Append(string.Join(',', criteria.Select(c => a.Scores.TryGetValue(c, out var s) ? Cell(s) : "")));
            csv.Append(questions ? $",{(a.InformalPayment == true ? "yes" : "no")},{(a.UsedConnections == true ? "да" : "нет")},{a.Gender},{a.AgeBand}\n" : "\n");
        }
        return csv.ToString();
    }

    /// <summary>Records the first answers one by one through the API and the rest through a CSV import.</summary>
    private async Task RecordAsync(Campaign campaign, List<Answer> answers, int singly, bool questions)
    {
        foreach (var a in answers.Take(singly))
        {
            var r = await _analyst.PostAsync($"/api/surveys/campaigns/{campaign.Code}/responses", ApiFixture.JsonBody(Json(a)));
            r.StatusCode.ShouldBe(HttpStatusCode.Created, await r.Content.ReadAsStringAsync());
        }
        var imported = await _analyst.PostAsync($"/api/surveys/campaigns/{campaign.Code}/imports?format=csv",
            new StringContent(Csv(answers.Skip(singly), campaign.Criteria, questions), Encoding.UTF8, "text/csv"));
        imported.StatusCode.ShouldBe(HttpStatusCode.OK, await imported.Content.ReadAsStringAsync());
        (await ApiFixture.ReadJson(imported)).GetProperty("imported").GetInt32().ShouldBe(answers.Count - singly);
    }

    /// <summary>Satisfaction share (top box among raters) and mean of a set of scores, "hard to answer" (null) left out.</summary>
    private static (int N, int Raters, decimal? Share, decimal? Mean) Expected(IEnumerable<int?> scores)
    {
        var all = scores.ToList();
        var rated = all.OfType<int>().ToList();
        return (all.Count, rated.Count, rated.Count == 0 ? null : (decimal)rated.Count(s => s == 5) / rated.Count,
            rated.Count == 0 ? null : (decimal)rated.Sum() / rated.Count);
    }

    private const decimal Exactly = 0.000000000001m;

    private async Task<JsonElement> GetAsync(string url)
    {
        var r = await _analyst.GetAsync(url);
        r.StatusCode.ShouldBe(HttpStatusCode.OK, await r.Content.ReadAsStringAsync());
        return await ApiFixture.ReadJson(r);
    }

    private async Task CheckFiguresAsync(Campaign campaign, List<Answer> answers)
    {
        // Ratings by service: n, raters, satisfaction share and mean of the overall score.
        var ratings = await GetAsync($"/api/surveys/ratings?campaign={campaign.Code}&by=service");
        var rows = ratings.GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("key").GetString()!);
        rows.Keys.Order().ShouldBe(answers.Select(a => a.Service).Distinct().Order());
        foreach (var service in rows.Keys)
        {
            var (n, raters, share, mean) = Expected(answers.Where(a => a.Service == service).Select(a => a.Overall));
            var figures = rows[service].GetProperty("figures");
            figures.GetProperty("n").GetInt64().ShouldBe(n);
            figures.GetProperty("raters").GetInt64().ShouldBe(raters);
            figures.GetProperty("satisfactionShare").GetDecimal().ShouldBe(share!.Value, Exactly);
            figures.GetProperty("mean").GetDecimal().ShouldBe(mean!.Value, Exactly);
        }
        // Ranked by mean (then top box): the order of the expected means.
        rows.Values.OrderBy(r => r.GetProperty("rank").GetInt32()).Select(r => r.GetProperty("key").GetString())
            .ShouldBe(rows.Keys.OrderByDescending(s => Expected(answers.Where(a => a.Service == s).Select(a => a.Overall)).Mean)
                .ThenByDescending(s => Expected(answers.Where(a => a.Service == s).Select(a => a.Overall)).Share));

        // Ratings by criterion: one row per criterion answered, keyed by the instrument's code.
        var byCriterion = (await GetAsync($"/api/surveys/ratings?campaign={campaign.Code}&by=criterion")).GetProperty("rows").EnumerateArray()
            .ToDictionary(r => r.GetProperty("key").GetString()!);
        byCriterion.Keys.Order(StringComparer.Ordinal).ShouldBe(campaign.Criteria.Order(StringComparer.Ordinal));
        foreach (var code in campaign.Criteria)
        {
            var (n, raters, share, mean) = Expected(answers.Where(a => a.Scores.ContainsKey(code)).Select(a => a.Scores[code]));
            var figures = byCriterion[code].GetProperty("figures");
            figures.GetProperty("n").GetInt64().ShouldBe(n);
            figures.GetProperty("raters").GetInt64().ShouldBe(raters);
            figures.GetProperty("satisfactionShare").GetDecimal().ShouldBe(share!.Value, Exactly);
            figures.GetProperty("mean").GetDecimal().ShouldBe(mean!.Value, Exactly);
        }

        // Criteria sum per service: the mean of each criterion its respondents rated, summed, against 5 × those criteria.
        var sums = (await GetAsync($"/api/surveys/campaigns/{campaign.Code}/criteria-sum")).EnumerateArray()
            .ToDictionary(r => r.GetProperty("service").GetString()!);
        sums.Keys.Order().ShouldBe(rows.Keys.Order());
        foreach (var (service, row) in sums)
        {
            var mine = answers.Where(a => a.Service == service).ToList();
            var means = campaign.Criteria.Select(c => (c, Expected(mine.Where(a => a.Scores.ContainsKey(c)).Select(a => a.Scores[c])).Mean))
                .Where(x => x.Mean is not null).ToDictionary(x => x.c, x => x.Mean!.Value);
            row.GetProperty("criterionMeans").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)
                .ShouldBe(means.Keys.Order(StringComparer.Ordinal));
            foreach (var (code, mean) in means) row.GetProperty("criterionMeans").GetProperty(code).GetDecimal().ShouldBe(mean, Exactly);
            row.GetProperty("sum").GetDecimal().ShouldBe(means.Values.Sum(), Exactly);
            row.GetProperty("maximum").GetDecimal().ShouldBe(5m * means.Count);
            row.GetProperty("share").GetDecimal().ShouldBe(means.Values.Sum() / (5m * means.Count), Exactly);
        }

        // An ad-hoc slice of one criterion's answers by service, for every criterion.
        foreach (var code in campaign.Criteria)
        {
            var slice = (await GetAsync($"/api/surveys/slice?campaign={campaign.Code}&criterion={code}&groupBy=service")).EnumerateArray()
                .ToDictionary(r => r.GetProperty("group").GetProperty("service").GetString()!, r => r.GetProperty("figures"));
            var expected = answers.Where(a => a.Scores.ContainsKey(code)).GroupBy(a => a.Service)
                .ToDictionary(g => g.Key, g => Expected(g.Select(a => a.Scores[code])));
            slice.Keys.Order().ShouldBe(expected.Keys.Order(), code);
            foreach (var (service, (n, _, _, mean)) in expected)
            {
                slice[service].GetProperty("n").GetInt64().ShouldBe(n, $"{code} {service}");
                if (mean is null) slice[service].GetProperty("mean").ValueKind.ShouldBe(JsonValueKind.Null);
                else slice[service].GetProperty("mean").GetDecimal().ShouldBe(mean.Value, Exactly, $"{code} {service}");
            }
        }
    }

    [Fact]
    public async Task A_fifteen_criterion_city_survey_recorded_by_api_and_csv_gives_its_ratings_criteria_sums_and_slices()
    {
        var (city, _) = await SetUpAsync();
        city.Criteria.Length.ShouldBe(15);
        var answers = CityAnswers(city);
        // The report's example: one respondent, thirteen 5s and two 4s → 73 of 75.
        answers.Add(new Answer("city-example", city.Services[2], "Body", 5,
            city.Criteria.Select((c, k) => (c, k)).ToDictionary(x => x.c, x => (int?)(x.k is 8 or 13 ? 4 : 5)), false, false, "Male", "From30To44"));
        await RecordAsync(city, answers, singly: 8, questions: true);
        await fixture.Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));

        await CheckFiguresAsync(city, answers);

        var sums = (await GetAsync($"/api/surveys/campaigns/{city.Code}/criteria-sum")).EnumerateArray()
            .ToDictionary(r => r.GetProperty("service").GetString()!);
        // Those served through the State Corporation rated three criteria: their service is scored out of 15, the others out of 75.
        sums[city.Services[1]].GetProperty("maximum").GetDecimal().ShouldBe(15m);
        sums[city.Services[0]].GetProperty("maximum").GetDecimal().ShouldBe(75m);

        // The questions the city survey asked are counted among those asked; the ones it did not ask are null, never 0.
        var total = (await GetAsync($"/api/surveys/ratings?campaign={city.Code}&by=total")).GetProperty("total").GetProperty("shares");
        total.GetProperty("informalPaymentShare").GetDecimal().ShouldBe((decimal)answers.Count(a => a.InformalPayment == true) / answers.Count);
        total.GetProperty("connectionsShare").GetDecimal().ShouldBe((decimal)answers.Count(a => a.UsedConnections == true) / answers.Count);
        foreach (var notAsked in new[] { "complaintShare", "complaintOutcomeSatisfiedShare", "extraDocumentsShare", "meanMinutesQueuedToSubmit" })
            total.GetProperty(notAsked).ValueKind.ShouldBe(JsonValueKind.Null, notAsked);

        // No trust criterion and no complaint question: the social-concern index is null and says why.
        var concern = (await GetAsync($"/api/surveys/social-concern?campaign={city.Code}")).GetProperty("total");
        concern.GetProperty("share").ValueKind.ShouldBe(JsonValueKind.Null);
        concern.GetProperty("index").GetProperty("notAsked").EnumerateArray().Select(e => e.GetString()).ShouldBe(["distrust", "complaint"]);
        var (_, raters, _, _) = Expected(answers.Select(a => a.Overall));
        concern.GetProperty("index").GetProperty("dissatisfiedShare").GetDecimal()
            .ShouldBe((decimal)answers.Count(a => a.Overall is 1 or 2) / raters, Exactly);

        // By gender, from the answers' demographic questions.
        var byGender = (await GetAsync($"/api/surveys/slice?campaign={city.Code}&groupBy=gender")).EnumerateArray()
            .ToDictionary(r => r.GetProperty("group").GetProperty("gender").GetString()!, r => r.GetProperty("figures").GetProperty("n").GetInt64());
        byGender.ShouldBe(answers.GroupBy(a => a.Gender!).ToDictionary(g => g.Key, g => (long)g.Count()), ignoreOrder: true);
    }

    [Fact]
    public async Task The_report_example_of_thirteen_fives_and_two_fours_scores_73_of_75()
    {
        var (city, _) = await SetUpAsync();
        var answer = new Answer("example", city.Services[0], "Body", 5,
            city.Criteria.Select((c, k) => (c, k)).ToDictionary(x => x.c, x => (int?)(x.k is 8 or 13 ? 4 : 5)));
        (await _analyst.PostAsync($"/api/surveys/campaigns/{city.Code}/responses", ApiFixture.JsonBody(Json(answer)))).StatusCode
            .ShouldBe(HttpStatusCode.Created);
        await fixture.Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
        var row = (await GetAsync($"/api/surveys/campaigns/{city.Code}/criteria-sum")).EnumerateArray().Single();
        row.GetProperty("sum").GetDecimal().ShouldBe(answer.Scores.Values.Sum()!.Value);
        row.GetProperty("maximum").GetDecimal().ShouldBe(75m);
        row.GetProperty("share").GetDecimal().ShouldBe(73m / 75m);
        row.GetProperty("percent").GetDecimal().ShouldBe(Math.Round(73m / 75m * 100m, 1, MidpointRounding.AwayFromZero));
    }

    [Fact]
    public async Task A_published_report_of_a_city_campaign_takes_its_instrument_s_criterion_codes()
    {
        var (city, _) = await SetUpAsync();
        var code = "PUB" + city.Code;
        object Report(string criterion) => new
        {
            campaign = new { code, period = 2019, kind = "CitySurvey", scale = 5, rankingRule = "ByMeanThenTopBox", source = "city", instrument = city.Instrument },
            services = new[]
            {
                new
                {
                    serviceCode = city.Services[0], table = "Таблица удовлетворенности",
                    overall = new { counts = new long[] { 0, 1, 2, 10, 27 }, hardToAnswer = 0 },
                    criteria = new[] { new { criterion, counts = new long[] { 0, 0, 1, 4, 35 }, hardToAnswer = 0L } },
                },
            },
        };
        var refused = await _analyst.PostAsync("/api/surveys/published", ApiFixture.JsonBody(Report("Trust")));
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await refused.Content.ReadAsStringAsync());
        (await ApiFixture.Refusal(refused)).Errors["services[0].criteria[0].criterion"].Single().ShouldContain("Cleanliness");
        (await _analyst.GetAsync($"/api/surveys/campaigns/{code}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var imported = await _analyst.PostAsync("/api/surveys/published", ApiFixture.JsonBody(Report("Cleanliness")));
        imported.StatusCode.ShouldBe(HttpStatusCode.OK, await imported.Content.ReadAsStringAsync());
        await fixture.Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
        var row = (await GetAsync($"/api/surveys/ratings?campaign={code}&by=criterion")).GetProperty("rows").EnumerateArray().Single();
        row.GetProperty("key").GetString().ShouldBe("Cleanliness");
        row.GetProperty("figures").GetProperty("mean").GetDecimal().ShouldBe((3m + 4 * 4 + 35 * 5) / 40m);
    }

    [Fact]
    public async Task A_five_criterion_federal_survey_recorded_by_api_and_csv_gives_its_ratings_criteria_sums_and_slices()
    {
        var (_, federal) = await SetUpAsync();
        federal.Criteria.Length.ShouldBe(5);
        var answers = FederalAnswers(federal);
        await RecordAsync(federal, answers, singly: 5, questions: false);
        await fixture.Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));

        await CheckFiguresAsync(federal, answers);

        // "Ваш контроль" asks no integrity question: every such figure is null, and so is the social-concern index.
        var total = (await GetAsync($"/api/surveys/ratings?campaign={federal.Code}&by=total")).GetProperty("total").GetProperty("shares");
        foreach (var notAsked in new[] { "complaintShare", "informalPaymentShare", "connectionsShare", "extraDocumentsShare" })
            total.GetProperty(notAsked).ValueKind.ShouldBe(JsonValueKind.Null, notAsked);
        var concern = (await GetAsync($"/api/surveys/social-concern?campaign={federal.Code}&by=service")).GetProperty("rows").EnumerateArray().ToList();
        concern.Count.ShouldBe(2);
        foreach (var row in concern)
        {
            row.GetProperty("share").ValueKind.ShouldBe(JsonValueKind.Null);
            row.GetProperty("index").GetProperty("notAsked").EnumerateArray().Select(e => e.GetString())
                .ShouldBe(["distrust", "complaint", "informalPayment", "connections"]);
        }
    }

    [Fact]
    public async Task Answers_are_refused_for_a_criterion_or_question_the_campaign_does_not_ask_and_a_file_for_a_column_not_of_its_instrument()
    {
        var (city, federal) = await SetUpAsync();
        async Task<Dictionary<string, string>> Refused(Campaign c, object response)
        {
            var r = await _analyst.PostAsync($"/api/surveys/campaigns/{c.Code}/responses", ApiFixture.JsonBody(response));
            return (await ApiFixture.Refusal(r)).Errors.ToDictionary(e => e.Key, e => e.Value[0]);
        }
        var cityAnswer = CityAnswers(city)[0];
        var fedAnswer = FederalAnswers(federal)[0];

        // A criterion of another instrument: named, and the criteria asked listed.
        var reason = (await Refused(federal, Json(fedAnswer with { Id = "x-1", Scores = new() { ["Cleanliness"] = 5 } })))["response.criterionScores.Cleanliness"];
        foreach (var code in federal.Criteria) reason.ShouldContain(code);
        // A question the campaign does not ask: the federal one asks no integrity question, the city one no complaint.
        (await Refused(federal, Json(fedAnswer with { Id = "x-2", InformalPayment = true }))).Keys.ShouldBe(["response.informalPayment"]);
        var complaint = JsonSerializer.SerializeToNode(Json(cityAnswer with { Id = "x-3" }), ApiFixture.Json)!.AsObject();
        complaint["complaint"] = "Written";
        var r3 = await _analyst.PostAsync($"/api/surveys/campaigns/{city.Code}/responses", ApiFixture.RawJson(complaint.ToJsonString()));
        (await ApiFixture.Refusal(r3)).Errors.Keys.ShouldBe(["response.complaint"]);
        foreach (var (c, id) in new[] { (federal, "x-1"), (federal, "x-2"), (city, "x-3") })
            (await fixture.Store.QuerySession().Events.FetchStreamStateAsync($"response:{c.Code}:{id}")).ShouldBeNull();

        // A file with a column that is not a criterion of the campaign's instrument: the header is refused, nothing imported.
        var csv = Csv([fedAnswer], federal.Criteria, questions: false).Replace("information_availability", "cleanliness");
        var file = await _analyst.PostAsync($"/api/surveys/campaigns/{federal.Code}/imports?format=csv", new StringContent(csv, Encoding.UTF8, "text/csv"));
        file.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await file.Content.ReadAsStringAsync());
        var header = (await ApiFixture.ReadJson(file)).GetProperty("errors").GetProperty("rows[1].header")[0].GetString()!;
        header.ShouldStartWith("unknown column 'cleanliness'");
        header.ShouldContain("information_availability");
        (await fixture.Store.QuerySession().Events.FetchStreamStateAsync($"response:{federal.Code}:{fedAnswer.Id}")).ShouldBeNull();
    }

    [Fact]
    public async Task Campaigns_naming_an_unknown_instrument_or_a_criterion_it_lacks_are_refused()
    {
        var (city, federal) = await SetUpAsync();
        async Task<Dictionary<string, string>> Refused(string code, string instrument, string[]? criteria, string[]? questions = null)
        {
            var r = await _analyst.PostAsync("/api/surveys/campaigns", ApiFixture.JsonBody(new
            {
                code, title = "Отказ", period = 2019, kind = "CitySurvey", scale = 5, rankingRule = "ByMeanThenTopBox",
                methodology = "test", services = city.Services, instrument, criteria, questions,
            }));
            return (await ApiFixture.Refusal(r)).Errors.ToDictionary(e => e.Key, e => e.Value[0]);
        }
        var unknown = await Refused($"U{city.Code}", "NO-SUCH-INSTRUMENT", null);
        unknown.Keys.ShouldBe(["instrument"]);
        unknown["instrument"].ShouldContain("NO-SUCH-INSTRUMENT");
        var lacking = await Refused($"L{city.Code}", city.Instrument, ["Trust", "Cleanliness"]);
        lacking.Keys.ShouldBe(["criteria[0]"]);
        lacking["criteria[0]"].ShouldContain("Trust");
        // "Ваш контроль" asks no demographic question: a campaign cannot ask one of it.
        var asking = await Refused($"Q{city.Code}", federal.Instrument, null, ["Gender"]);
        asking.Keys.ShouldBe(["questions"]);
        asking["questions"].ShouldContain("Gender");
        foreach (var code in new[] { $"U{city.Code}", $"L{city.Code}", $"Q{city.Code}" })
            (await fixture.Store.QuerySession().Events.FetchStreamStateAsync($"campaign:{code}")).ShouldBeNull();
    }

    [Fact]
    public async Task Instruments_with_a_duplicate_code_an_empty_russian_name_or_a_stray_trust_criterion_are_refused_and_a_code_is_published_once()
    {
        var id = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        async Task<Dictionary<string, string>> Refused(string code, Action<JsonObject> spoil)
        {
            var instrument = InstrumentFile(FederalFile);
            instrument["code"] = code;
            spoil(instrument);
            var r = await _analyst.PostAsync("/api/surveys/instruments", ApiFixture.RawJson(instrument.ToJsonString()));
            var errors = (await ApiFixture.Refusal(r)).Errors.ToDictionary(e => e.Key, e => e.Value[0]);
            (await fixture.Store.QuerySession().Events.FetchStreamStateAsync($"instrument:{code}")).ShouldBeNull();
            return errors;
        }
        JsonObject Criterion(JsonObject i, int k) => i["criteria"]![k]!.AsObject();

        var duplicate = await Refused($"DUP-{id}", i => Criterion(i, 1)["code"] = Criterion(i, 0)["code"]!.GetValue<string>());
        duplicate.Keys.ShouldBe(["criteria[1].code"]);
        duplicate["criteria[1].code"].ShouldContain("twice");
        // Spelled another way, the same CSV column is taken: still a duplicate.
        (await Refused($"DUP2-{id}", i => Criterion(i, 1)["code"] = "Service_Time")).Keys.ShouldBe(["criteria[1].code"]);

        var unnamed = await Refused($"RU-{id}", i => Criterion(i, 2)["name"]!["ru"] = " ");
        unnamed.Keys.Single().ShouldBe("criteria[2].name.ru", StringCompareShould.IgnoreCase);

        var trust = await Refused($"TR-{id}", i => i["trustCriterion"] = "Trust");
        trust.Keys.ShouldBe(["trustCriterion"]);
        trust["trustCriterion"].ShouldContain("Trust");

        // The data files publish once: the demo loader publishes both, a second run and the same file sent again are refused.
        (await DemoInstrumentLoader.LoadAsync(fixture.Host.Services, NullLogger.Instance, CancellationToken.None)).ShouldBe(2);
        (await DemoInstrumentLoader.LoadAsync(fixture.Host.Services, NullLogger.Instance, CancellationToken.None)).ShouldBe(0);
        foreach (var file in new[] { CityFile, FederalFile })
        {
            var instrument = InstrumentFile(file);
            var again = await _analyst.PostAsync("/api/surveys/instruments", ApiFixture.RawJson(instrument.ToJsonString()));
            again.StatusCode.ShouldBe(HttpStatusCode.Conflict, await again.Content.ReadAsStringAsync());

            // What is published is what the file says, recorded once by the demo data's user.
            var code = instrument["code"]!.GetValue<string>();
            var published = await GetAsync($"/api/surveys/instruments/{code}");
            published.GetProperty("criteria").EnumerateArray().Select(c => (c.GetProperty("code").GetString()!, c.GetProperty("name").GetProperty("ru").GetString()!,
                    c.GetProperty("name").GetProperty("kk").GetString()!, c.GetProperty("name").GetProperty("en").GetString()!))
                .ShouldBe(instrument["criteria"]!.AsArray().Select(c => (c!["code"]!.GetValue<string>(), c["name"]!["ru"]!.GetValue<string>(),
                    c["name"]!["kk"]!.GetValue<string>(), c["name"]!["en"]!.GetValue<string>())));
            published.GetProperty("questions").EnumerateArray().Select(q => q.GetString())
                .ShouldBe(instrument["questions"]!.AsArray().Select(q => q!.GetValue<string>()));
            published.GetProperty("trustCriterion").ValueKind.ShouldBe(JsonValueKind.Null);
            var events = await fixture.Store.QuerySession().Events.FetchStreamAsync($"instrument:{code}");
            events.Single().UserName.ShouldBe(DemoDataLoader.User);
        }
        // The built-in national questionnaire cannot be published over either.
        var national = InstrumentFile(FederalFile);
        national["code"] = "KZ-NATIONAL";
        (await _analyst.PostAsync("/api/surveys/instruments", ApiFixture.RawJson(national.ToJsonString()))).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var listed = (await GetAsync("/api/surveys/instruments")).EnumerateArray().Select(i => i.GetProperty("code").GetString()).ToList();
        listed.ShouldContain("KZ-NATIONAL");
        listed.ShouldContain(InstrumentFile(CityFile)["code"]!.GetValue<string>());
        listed.ShouldContain(InstrumentFile(FederalFile)["code"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("criteria", "[null]")]
    [InlineData("criteria", "[]")]
    [InlineData("criteria", "[{\"code\":\"A\",\"name\":null}]")]
    [InlineData("criteria", "[{\"code\":\"1a\",\"name\":{\"ru\":\"Имя\"}}]")]
    [InlineData("criteria", "[{\"code\":\"A\",\"name\":{\"ru\":\"Имя\"},\"askedWhen\":\"MetStaff\"}]", "questions")]
    [InlineData("questions", "[\"Telepathy\"]")]
    [InlineData("questions", "[\"ComplaintOutcome\"]")]
    [InlineData("title", "null")]
    [InlineData("trustCriterion", "\"\"")]
    public async Task Hostile_instrument_bodies_are_refused_with_a_400_naming_the_field(string field, string json, string? named = null)
    {
        var instrument = InstrumentFile(FederalFile);
        var code = $"H-{Guid.NewGuid():N}"[..20];
        instrument["code"] = code;
        instrument[field] = JsonNode.Parse(json);
        var r = await _analyst.PostAsync("/api/surveys/instruments", ApiFixture.RawJson(instrument.ToJsonString()));
        r.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await r.Content.ReadAsStringAsync());
        (await ApiFixture.ReadJson(r)).GetProperty("errors").EnumerateObject()
            .ShouldContain(e => e.Name.StartsWith(named ?? field, StringComparison.OrdinalIgnoreCase), await r.Content.ReadAsStringAsync());
        (await fixture.Store.QuerySession().Events.FetchStreamStateAsync($"instrument:{code}")).ShouldBeNull();
    }
}
