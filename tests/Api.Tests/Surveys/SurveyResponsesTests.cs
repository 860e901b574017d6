using System.Net;
using System.Text;
using System.Text.Json;
using Marten;
using Marten.Events;
using Monitoring.Api.Tests.Catalogue;
using Monitoring.Api.Tests.Infrastructure;
using Monitoring.Application.Surveys.Import;
using Monitoring.Domain.Surveys;
using Microsoft.Extensions.DependencyInjection;

namespace Monitoring.Api.Tests.Surveys;

public sealed class SurveyResponsesTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private readonly HttpClient _analyst = fixture.Client("analyst", "aigerim");

    /// <summary>A body with a free service (Body, EGov) and a paid one (StateCorporation), and a campaign over both.</summary>
    private async Task<(string Campaign, string Free, string Paid)> SetUpAsync()
    {
        var id = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var admin = new CatalogueApi(fixture.Client("admin"));
        var body = $"B{id}";
        await admin.Created(admin.RegisterBody(CatalogueApi.Body(body)));
        var free = $"F{id}";
        var paid = $"P{id}";
        await admin.Created(admin.RegisterService(new
        {
            code = free, nameRu = "Бесплатная услуга", passport = CatalogueApi.Passport(body, channels: ["Body", "EGov"]),
        }));
        await admin.Created(admin.RegisterService(new
        {
            code = paid, nameRu = "Платная услуга", passport = CatalogueApi.Passport(body, channels: ["StateCorporation"], paid: true),
        }));
        var campaign = $"C{id}";
        var opened = await _analyst.PostAsync("/api/surveys/campaigns", ApiFixture.JsonBody(new
        {
            code = campaign, title = "Тестовая волна", period = 2019, kind = "NationalPublicMonitoring", scale = 5,
            rankingRule = "ByMeanThenTopBox", methodology = "KZ-2018", smallSampleThreshold = 2,
            criteria = new[] { "Trust", "StaffCompetence", "Deadlines", "FeeProportionality" }, services = new[] { free, paid },
        }));
        opened.StatusCode.ShouldBe(HttpStatusCode.Created, await opened.Content.ReadAsStringAsync());
        return (campaign, free, paid);
    }

    private static object Response(string id, string service, int? overall, string channel = "EGov", object? criteria = null) => new
    {
        responseId = id, serviceCode = service, regionCode = "KZ-KAR", channels = new[] { channel }, overall,
        criterionScores = criteria ?? new { Trust = 5 }, metStaff = false, complaint = "No", informalPayment = false, usedConnections = false,
    };

    [Fact]
    public async Task A_recorded_answer_reaches_the_ratings_with_who_recorded_it()
    {
        var (campaign, free, _) = await SetUpAsync();
        var created = await _analyst.PostAsync($"/api/surveys/campaigns/{campaign}/responses", ApiFixture.JsonBody(Response("r-1", free, 5)));
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        (await _analyst.PostAsync($"/api/surveys/campaigns/{campaign}/responses", ApiFixture.JsonBody(Response("r-2", free, 3)))).EnsureSuccessStatusCode();
        (await _analyst.PostAsync($"/api/surveys/campaigns/{campaign}/responses", ApiFixture.JsonBody(Response("r-3", free, null)))).EnsureSuccessStatusCode();

        await fixture.Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
        var ratings = await ApiFixture.ReadJson(await _analyst.GetAsync($"/api/surveys/ratings?campaign={campaign}&by=service"));
        var row = ratings.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("key").GetString() == free);
        var figures = row.GetProperty("figures");
        figures.GetProperty("n").GetInt64().ShouldBe(3);
        figures.GetProperty("raters").GetInt64().ShouldBe(2);
        figures.GetProperty("mean").GetDecimal().ShouldBe(4m);
        figures.GetProperty("satisfactionShare").GetDecimal().ShouldBe(0.5m);
        row.GetProperty("rank").GetInt32().ShouldBe(1);
        row.GetProperty("shares").GetProperty("informalPaymentShare").GetDecimal().ShouldBe(0m);

        var events = await fixture.Store.QuerySession().Events.FetchStreamAsync($"response:{campaign}:r-1");
        events.Single().UserName.ShouldBe("aigerim (analyst)");
    }

    [Fact]
    public async Task A_rating_served_again_is_the_same_until_an_answer_or_a_name_changes_it_and_its_etag_says_so()
    {
        var (campaign, free, paid) = await SetUpAsync();
        (await _analyst.PostAsync($"/api/surveys/campaigns/{campaign}/imports?format=csv", new StringContent(Csv(free, paid, 100), Encoding.UTF8, "text/csv")))
            .EnsureSuccessStatusCode();
        var url = $"/api/surveys/ratings?campaign={campaign}&by=body";
        async Task<(string Body, string ETag)> Get()
        {
            var response = await _analyst.GetAsync(url);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
            return (await response.Content.ReadAsStringAsync(), response.Headers.ETag!.Tag);
        }
        var first = await Get();
        (await Get()).ShouldBe(first);
        using (var conditional = new HttpRequestMessage(HttpMethod.Get, url) { Headers = { IfNoneMatch = { new(first.ETag) } } })
            (await _analyst.SendAsync(conditional)).StatusCode.ShouldBe(HttpStatusCode.NotModified);
        // The header is a list, weak tags compare weakly, and "*" matches any current view; another tag alone does not.
        foreach (var (header, status) in new[] { ($"\"other\", {first.ETag}", HttpStatusCode.NotModified), ($"W/{first.ETag}", HttpStatusCode.NotModified),
                     ("*", HttpStatusCode.NotModified), ("\"other\"", HttpStatusCode.OK) })
        {
            using var listed = new HttpRequestMessage(HttpMethod.Get, url);
            listed.Headers.TryAddWithoutValidation("If-None-Match", header);
            (await _analyst.SendAsync(listed)).StatusCode.ShouldBe(status, header);
        }

        // A new answer: new figures, a new tag.
        (await _analyst.PostAsync($"/api/surveys/campaigns/{campaign}/responses", ApiFixture.JsonBody(Response("etag-1", free, 5)))).EnsureSuccessStatusCode();
        await fixture.Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
        var answered = await Get();
        answered.ETag.ShouldNotBe(first.ETag);
        JsonDocument.Parse(answered.Body).RootElement.GetProperty("total").GetProperty("figures").GetProperty("n").GetInt64().ShouldBe(101);
        using (var stale = new HttpRequestMessage(HttpMethod.Get, url) { Headers = { IfNoneMatch = { new(first.ETag) } } })
            (await _analyst.SendAsync(stale)).StatusCode.ShouldBe(HttpStatusCode.OK);

        // The body renamed: the row names it anew, though no count moved.
        var body = JsonDocument.Parse(answered.Body).RootElement.GetProperty("rows").EnumerateArray().Single().GetProperty("key").GetString()!;
        (await fixture.Client("admin").PostAsync($"/api/catalogue/bodies/{body}/rename", ApiFixture.JsonBody(
            new { nameRu = "Орган, переименованный", effectiveFrom = "2019-01-01", reason = "Переименование" }))).EnsureSuccessStatusCode();
        var renamed = await Get();
        renamed.ETag.ShouldNotBe(answered.ETag);
        JsonDocument.Parse(renamed.Body).RootElement.GetProperty("rows").EnumerateArray().Single().GetProperty("name").GetString()
            .ShouldBe("Орган, переименованный");
    }

    [Fact]
    public async Task Invalid_answers_are_refused_field_by_field_and_nothing_is_recorded()
    {
        var (campaign, free, paid) = await SetUpAsync();
        async Task<Dictionary<string, string>> Refused(object response)
        {
            var r = await _analyst.PostAsync($"/api/surveys/campaigns/{campaign}/responses", ApiFixture.JsonBody(response));
            r.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await r.Content.ReadAsStringAsync());
            return (await ApiFixture.Refusal(r)).Errors.ToDictionary(e => e.Key, e => e.Value[0]);
        }

        (await Refused(Response("bad-1", free, 7)))["response.overall"].ShouldContain("1..5");
        (await Refused(Response("bad-2", free, 5, criteria: new { FeeProportionality = 4 })))["response.criterionScores.FeeProportionality"]
            .ShouldContain("free");
        (await Refused(Response("bad-3", "NO-SUCH-SERVICE", 5)))["response.serviceCode"].ShouldContain("not covered");
        (await Refused(Response("bad-4", paid, 5, channel: "EGov")))["response.channels"].ShouldContain("not allowed");
        (await Refused(Response("bad-5", free, 5, criteria: new { StaffCompetence = 5 })))["response.criterionScores.StaffCompetence"]
            .ShouldContain("staff");

        foreach (var id in new[] { "bad-1", "bad-2", "bad-3", "bad-4", "bad-5" })
            (await fixture.Store.QuerySession().Events.FetchStreamStateAsync($"response:{campaign}:{id}")).ShouldBeNull();
    }

    [Fact]
    public async Task Answers_sent_together_keep_each_its_own_recorder_and_correlation_and_a_duplicate_fails_alone()
    {
        var (campaign, free, _) = await SetUpAsync();
        var clients = new[] { fixture.Client("analyst", "dana"), fixture.Client("admin", "erlan") };
        async Task<HttpResponseMessage> Send(int i, string id)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/surveys/campaigns/{campaign}/responses")
            {
                Content = ApiFixture.JsonBody(Response(id, free, 1 + i % 5)),
            };
            request.Headers.Add("X-Correlation-Id", $"together-{i}");
            return await clients[i % 2].SendAsync(request);
        }
        // 40 answers at once, the last one repeating the id of the first.
        var results = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Send(i, i == 39 ? "g-0" : $"g-{i}")));
        results.Count(r => r.StatusCode == HttpStatusCode.Created).ShouldBe(39);
        results.Count(r => r.StatusCode == HttpStatusCode.Conflict).ShouldBe(1);

        await using var session = fixture.Store.QuerySession();
        for (var i = 0; i < 39; i++)
        {
            var recorded = (await session.Events.FetchStreamAsync($"response:{campaign}:g-{i}")).Single();
            if (i == 0) recorded.CorrelationId.ShouldBeOneOf("together-0", "together-39");
            else recorded.CorrelationId.ShouldBe($"together-{i}");
            var sender = int.Parse(recorded.CorrelationId!.Split('-')[1]);
            recorded.UserName.ShouldBe(sender % 2 == 1 ? "erlan (admin)" : "dana (analyst)");
        }
    }

    [Fact]
    public async Task The_same_response_id_twice_is_a_409()
    {
        var (campaign, free, _) = await SetUpAsync();
        (await _analyst.PostAsync($"/api/surveys/campaigns/{campaign}/responses", ApiFixture.JsonBody(Response("dup", free, 5)))).EnsureSuccessStatusCode();
        (await _analyst.PostAsync($"/api/surveys/campaigns/{campaign}/responses", ApiFixture.JsonBody(Response("dup", free, 4))))
            .StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    private async Task<List<T>> Rows<T>(string sql, Func<Npgsql.NpgsqlDataReader, T> read, object parameter)
    {
        await using var conn = new Npgsql.NpgsqlConnection(fixture.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new Npgsql.NpgsqlCommand(sql, conn) { Parameters = { new Npgsql.NpgsqlParameter { Value = parameter } } };
        await using var reader = await cmd.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync()) rows.Add(read(reader));
        return rows;
    }

    private static string Csv(string free, string paid, int rows, int? badLine = null)
    {
        var csv = new StringBuilder("response_id,service,region,channels,overall,trust,fee_proportionality,complaint,informal_payment,gender\n");
        for (var i = 1; i <= rows; i++)
        {
            var line = i + 1;
            var (service, channel, fee) = i % 2 == 0 ? (paid, "StateCorporation", "4") : (free, "Body;EGov", "");
            var overall = line == badLine ? "9" : (i % 5 == 0 ? "hard" : (1 + i % 5).ToString());
            csv.Append($"row-{i},{service},KZ-KAR,{channel},{overall},5,{fee},{(i % 7 == 0 ? "Written" : "No")},{(i % 3 == 0 ? "yes" : "no")},{(i % 2 == 0 ? "Female" : "Male")}\n");
        }
        return csv.ToString();
    }

    [Fact]
    public async Task An_import_sent_not_to_wait_answers_202_and_a_status_its_starter_polls_until_the_report()
    {
        var (campaign, free, paid) = await SetUpAsync();
        var accepted = await _analyst.PostAsync($"/api/surveys/campaigns/{campaign}/imports?format=csv&wait=false",
            new StringContent(Csv(free, paid, 2500), Encoding.UTF8, "text/csv"));
        accepted.StatusCode.ShouldBe(HttpStatusCode.Accepted, await accepted.Content.ReadAsStringAsync());
        var location = accepted.Headers.Location!.ToString();
        location.ShouldStartWith("/api/surveys/imports/");

        System.Text.Json.JsonElement status;
        var seen = new List<int>();
        var until = DateTime.UtcNow.AddSeconds(60);
        do
        {
            status = await ApiFixture.ReadJson(await _analyst.GetAsync(location));
            seen.Add(status.GetProperty("percent").GetInt32());
            if (status.GetProperty("state").GetString() != "Running") break;
            await Task.Delay(100);
        } while (DateTime.UtcNow < until);
        status.GetProperty("state").GetString().ShouldBe("Imported");
        status.GetProperty("percent").GetInt32().ShouldBe(100);
        seen.ShouldBe(seen.Order().ToList(), "progress never goes back");
        status.GetProperty("rowsWritten").GetInt64().ShouldBe(2500);
        status.GetProperty("rowsChecked").GetInt64().ShouldBe(2500);
        status.GetProperty("phase").GetString().ShouldBe("Writing");
        status.GetProperty("report").GetProperty("imported").GetInt32().ShouldBe(2500);

        // Only its starter sees it.
        (await fixture.Client("analyst", "someone-else").GetAsync(location)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        // An unknown campaign is refused at once, as a waiting import is, not accepted to fail later.
        var unknown = await _analyst.PostAsync("/api/surveys/campaigns/NO-SUCH-CAMPAIGN/imports?format=csv&wait=false",
            new StringContent(Csv(free, paid, 3), Encoding.UTF8, "text/csv"));
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        unknown.Headers.Location.ShouldBeNull();
    }

    [Fact]
    public async Task An_import_is_idempotent_and_reports_what_it_did()
    {
        var (campaign, free, paid) = await SetUpAsync();
        var csv = Csv(free, paid, 250);
        var first = await _analyst.PostAsync($"/api/surveys/campaigns/{campaign}/imports?format=csv", new StringContent(csv, Encoding.UTF8, "text/csv"));
        first.StatusCode.ShouldBe(HttpStatusCode.OK, await first.Content.ReadAsStringAsync());
        var report = await ApiFixture.ReadJson(first);
        report.GetProperty("imported").GetInt32().ShouldBe(250);
        report.GetProperty("alreadyImported").GetInt32().ShouldBe(0);

        var again = await ApiFixture.ReadJson(await _analyst.PostAsync($"/api/surveys/campaigns/{campaign}/imports?format=csv",
            new StringContent(csv, Encoding.UTF8, "text/csv")));
        again.GetProperty("imported").GetInt32().ShouldBe(0);
        again.GetProperty("alreadyImported").GetInt32().ShouldBe(250);

        await fixture.Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
        var total = (await ApiFixture.ReadJson(await _analyst.GetAsync($"/api/surveys/ratings?campaign={campaign}&by=service"))).GetProperty("total");
        total.GetProperty("figures").GetProperty("n").GetInt64().ShouldBe(250);
        total.GetProperty("figures").GetProperty("hardToAnswer").GetInt64().ShouldBe(50);
        total.GetProperty("shares").GetProperty("informalPaymentShare").GetDecimal().ShouldBe(83m / 250m);

        var byGender = await ApiFixture.ReadJson(await _analyst.GetAsync($"/api/surveys/slice?campaign={campaign}&groupBy=gender"));
        byGender.EnumerateArray().Select(r => (r.GetProperty("group").GetProperty("gender").GetString(), r.GetProperty("figures").GetProperty("n").GetInt64()))
            .ShouldBe([("Female", 125L), ("Male", 125L)]);
    }

    [Fact]
    public async Task Replaying_events_into_the_survey_projection_counts_nothing_twice()
    {
        var (campaign, free, paid) = await SetUpAsync();
        (await _analyst.PostAsync($"/api/surveys/campaigns/{campaign}/imports?format=csv", new StringContent(Csv(free, paid, 120), Encoding.UTF8, "text/csv")))
            .EnsureSuccessStatusCode();
        (await _analyst.PostAsync($"/api/surveys/campaigns/{campaign}/responses", ApiFixture.JsonBody(Response("replay-1", free, 4)))).EnsureSuccessStatusCode();
        await fixture.Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
        async Task<string> Ratings() => await _analyst.GetStringAsync($"/api/surveys/ratings?campaign={campaign}&by=body|region");
        async Task<long> Facts()
        {
            var slice = await ApiFixture.ReadJson(await _analyst.GetAsync($"/api/surveys/slice?campaign={campaign}"));
            return slice.EnumerateArray().Single().GetProperty("figures").GetProperty("n").GetInt64();
        }
        var before = await Ratings();
        (await Facts()).ShouldBe(121);

        // Feed the same events to the projection again, as a replay or a rebuild would.
        await using (var session = fixture.Store.LightweightSession())
        {
            var events = await session.Events.QueryAllRawEvents()
                .Where(e => e.StreamKey!.StartsWith($"import:{campaign}:") || e.StreamKey == $"response:{campaign}:replay-1").ToListAsync();
            events.Count.ShouldBe(2);
            await fixture.Host.Services.GetRequiredService<Monitoring.Projections.Surveys.SurveyFactsProjection>().ApplyAsync(session, events, CancellationToken.None);
            await session.SaveChangesAsync();
        }

        (await Ratings()).ShouldBe(before);
        (await Facts()).ShouldBe(121);
    }

    [Fact]
    public async Task An_imported_file_is_in_the_read_models_when_the_import_returns_each_fact_naming_its_batch_event()
    {
        var (campaign, free, paid) = await SetUpAsync();
        var importer = fixture.Host.Services.GetRequiredService<SurveyResponseImporter>();
        var report = await importer.ImportAsync(campaign, Encoding.UTF8.GetBytes(Csv(free, paid, 700)), ImportFormat.Csv, "aigerim", "corr-inline",
            new ImportOptions(BatchSize: 100, Parallelism: 4), null, CancellationToken.None);
        report.Imported.ShouldBe(700);

        // No wait for any projection: the batches wrote their read models as they were appended.
        var total = (await ApiFixture.ReadJson(await _analyst.GetAsync($"/api/surveys/ratings?campaign={campaign}&by=total"))).GetProperty("total");
        total.GetProperty("figures").GetProperty("n").GetInt64().ShouldBe(700);
        total.GetProperty("figures").GetProperty("hardToAnswer").GetInt64().ShouldBe(140);
        var byService = await ApiFixture.ReadJson(await _analyst.GetAsync($"/api/surveys/ratings?campaign={campaign}&by=service"));
        byService.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("figures").GetProperty("n").GetInt64()).Sum().ShouldBe(700);

        // Every fact names the event it came from (its sequence, stream, version and time), and each batch is marked applied.
        await using var session = fixture.Store.QuerySession();
        var events = await session.Events.QueryAllRawEvents().Where(e => e.StreamKey!.StartsWith($"import:{campaign}:")).ToListAsync();
        events.Count.ShouldBe(7);
        var facts = await Rows("select seq, stream_key, version, recorded_at, recorded_by from monitoring.survey_facts where campaign = $1 and item = 1 order by seq",
            r => (r.GetInt64(0), r.GetString(1), r.GetInt64(2), r.GetFieldValue<DateTimeOffset>(3), r.GetString(4)), campaign);
        facts.ShouldBe(events.OrderBy(e => e.Sequence).Select(e => (e.Sequence, e.StreamKey!, e.Version, e.Timestamp, "aigerim")).ToList());
        (await Rows("select count(*) from monitoring.survey_facts where campaign = $1", r => r.GetInt64(0), campaign)).Single().ShouldBe(700);
        (await Rows("select count(*) from monitoring.survey_applied where seq = any($1)", r => r.GetInt64(0), events.Select(e => e.Sequence).ToArray()))
            .Single().ShouldBe(7);
        var bodyRows = await Rows("select seq, raters from monitoring.survey_body_events where campaign = $1 order by seq",
            r => (r.GetInt64(0), r.GetInt64(1)), campaign);
        bodyRows.Select(r => r.Item1).ShouldBe(events.Select(e => e.Sequence).Order());
        bodyRows.Sum(r => r.Item2).ShouldBe(560); // the answers not "hard to answer"
    }

    [Fact]
    public async Task Files_imported_at_once_into_one_campaign_count_every_answer_once()
    {
        var (campaign, free, paid) = await SetUpAsync();
        var importer = fixture.Host.Services.GetRequiredService<SurveyResponseImporter>();
        // Four files whose batches upsert the same aggregate rows at the same time, four batches each in flight.
        var files = Enumerable.Range(0, 4).Select(f => Encoding.UTF8.GetBytes(Csv(free, paid, 600).Replace("row-", $"f{f}-"))).ToList();
        var reports = await Task.WhenAll(files.Select(content => importer.ImportAsync(campaign, content, ImportFormat.Csv, "aigerim", null,
            new ImportOptions(BatchSize: 50, Parallelism: 4), null, CancellationToken.None)));
        reports.Sum(r => r.Imported).ShouldBe(2_400);

        var total = (await ApiFixture.ReadJson(await _analyst.GetAsync($"/api/surveys/ratings?campaign={campaign}&by=total"))).GetProperty("total");
        total.GetProperty("figures").GetProperty("n").GetInt64().ShouldBe(2_400);
        var slice = await ApiFixture.ReadJson(await _analyst.GetAsync($"/api/surveys/slice?campaign={campaign}"));
        slice.EnumerateArray().Single().GetProperty("figures").GetProperty("n").GetInt64().ShouldBe(2_400);
    }

    [Fact]
    public async Task Batches_an_earlier_version_left_to_the_projection_are_caught_up_once()
    {
        var (campaign, free, paid) = await SetUpAsync();
        var (legacy, _, _) = await SetUpAsync();
        (await _analyst.PostAsync($"/api/surveys/campaigns/{campaign}/imports?format=csv", new StringContent(Csv(free, paid, 120), Encoding.UTF8, "text/csv")))
            .EnsureSuccessStatusCode();
        // An earlier version appended a batch and left its read models to the projection, which this version's does not take.
        await using (var session = fixture.Store.LightweightSession())
        {
            var batch = (SurveyResponsesImported)(await session.Events.QueryAllRawEvents()
                .Where(e => e.StreamKey!.StartsWith($"import:{campaign}:")).SingleAsync()).Data;
            session.Events.StartStream($"import:{legacy}:earlier:0000002", batch with { CampaignCode = legacy });
            await session.SaveChangesAsync();
        }
        await fixture.Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
        async Task<long> Answers() => (await ApiFixture.ReadJson(await _analyst.GetAsync($"/api/surveys/ratings?campaign={legacy}&by=total")))
            .GetProperty("total").GetProperty("figures").GetProperty("n").GetInt64();
        (await Answers()).ShouldBe(0);

        var catchUp = fixture.Host.Services.GetRequiredService<Monitoring.Api.Surveys.SurveyImportFactsCatchUp>();
        (await catchUp.CatchUpAsync(CancellationToken.None)).ShouldBe(1);
        (await Answers()).ShouldBe(120);
        (await catchUp.CatchUpAsync(CancellationToken.None)).ShouldBe(0);
        (await Answers()).ShouldBe(120);
    }

    [Fact]
    public async Task A_file_with_invalid_rows_imports_nothing_and_names_each_row_field_and_reason()
    {
        var (campaign, free, paid) = await SetUpAsync();
        var csv = Csv(free, paid, 20, badLine: 4) + $"row-x,{free},KZ-XXX,Pigeon,5,5,,No,no,Male\n";
        var response = await _analyst.PostAsync($"/api/surveys/campaigns/{campaign}/imports?format=csv", new StringContent(csv, Encoding.UTF8, "text/csv"));
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await ApiFixture.ReadJson(response);
        var errors = problem.GetProperty("errors");
        errors.GetProperty("rows[4].overall")[0].GetString()!.ShouldContain("1..5");
        errors.GetProperty("rows[22].channels")[0].GetString()!.ShouldContain("Pigeon");
        problem.GetProperty("report").GetProperty("imported").GetInt32().ShouldBe(0);
        var hash = problem.GetProperty("report").GetProperty("fileHash").GetString()!;
        (await fixture.Store.QuerySession().Events.FetchStreamStateAsync(SurveyResponseImporter.BatchStreamKey(campaign, hash, 0))).ShouldBeNull();

        var skipping = await ApiFixture.ReadJson(await _analyst.PostAsync($"/api/surveys/campaigns/{campaign}/imports?format=csv&skipInvalid=true",
            new StringContent(csv, Encoding.UTF8, "text/csv")));
        skipping.GetProperty("imported").GetInt32().ShouldBe(19);
        skipping.GetProperty("rejected").GetInt32().ShouldBe(2);
    }

    [Fact]
    public async Task A_csv_is_refused_for_its_header_a_stray_quote_or_a_cell_that_does_not_read()
    {
        var (campaign, free, _) = await SetUpAsync();
        async Task<Dictionary<string, string>> Refused(string csv)
        {
            var r = await _analyst.PostAsync($"/api/surveys/campaigns/{campaign}/imports?format=csv", new StringContent(csv, Encoding.UTF8, "text/csv"));
            r.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await r.Content.ReadAsStringAsync());
            return (await ApiFixture.ReadJson(r)).GetProperty("errors").EnumerateObject().ToDictionary(p => p.Name, p => p.Value[0].GetString()!);
        }

        (await Refused("service,region,channels,overall,pigeon\n"))["rows[1].header"].ShouldStartWith("unknown column 'pigeon'");
        (await Refused("service,service,region,channels,overall\n"))["rows[1].header"].ShouldBe("column 'service' appears twice");
        (await Refused("service,region,overall\n"))["rows[1].header"].ShouldBe("missing column 'channels'");
        var errors = await Refused($"response_id,service,region,channels,overall,met_staff,complaint,gender,queue_submit_minutes\n" +
                                   $"q-1,{free},KZ-KAR,Bo\"dy,5,no,No,Male,1\n" +
                                   $"q-2,{free},KZ-KAR,Body;Pigeon,hard,maybe,Loud,Robot,soon\n");
        errors["rows[2].row"].ShouldStartWith("a quote inside an unquoted cell");
        errors["rows[3].channels"].ShouldStartWith("'Pigeon' is not one of ");
        errors["rows[3].met_staff"].ShouldBe("'maybe' is not yes/no");
        errors["rows[3].complaint"].ShouldBe("'Loud' is not one of No, Oral, Written");
        errors["rows[3].gender"].ShouldBe("'Robot' is not one of Female, Male");
        errors["rows[3].queue_submit_minutes"].ShouldBe("'soon' is not a whole number");
    }

    [Fact]
    public async Task An_import_cut_off_half_way_resumes_without_losing_or_duplicating_anything()
    {
        var (campaign, free, paid) = await SetUpAsync();
        var content = Encoding.UTF8.GetBytes(Csv(free, paid, 1_000));
        var importer = fixture.Host.Services.GetRequiredService<SurveyResponseImporter>();
        using var crash = new CancellationTokenSource();
        var options = new ImportOptions(BatchSize: 100, Parallelism: 1);
        await Should.ThrowAsync<OperationCanceledException>(() => importer.ImportAsync(campaign, content, ImportFormat.Csv, "test", null, options,
            new SyncProgress(p => { if (p.BatchesDone == 3) crash.Cancel(); }), crash.Token));

        var resumed = await importer.ImportAsync(campaign, content, ImportFormat.Csv, "test", null, options, null, CancellationToken.None);
        resumed.AlreadyImported.ShouldBeGreaterThanOrEqualTo(300);
        (resumed.Imported + resumed.AlreadyImported).ShouldBe(1_000);

        await fixture.Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
        var total = (await ApiFixture.ReadJson(await _analyst.GetAsync($"/api/surveys/ratings?campaign={campaign}&by=total"))).GetProperty("total");
        total.GetProperty("figures").GetProperty("n").GetInt64().ShouldBe(1_000);
    }

    [Fact]
    public async Task Json_lines_import_the_same_answers_and_the_social_concern_index_follows()
    {
        var (campaign, free, _) = await SetUpAsync();
        var lines = string.Join('\n', Enumerable.Range(1, 10).Select(i => System.Text.Json.JsonSerializer.Serialize(new
        {
            responseId = $"j{i}", serviceCode = free, regionCode = "KZ-AST", channels = new[] { "Body" }, overall = i <= 2 ? 1 : 5,
            criterionScores = new Dictionary<string, int?> { ["Trust"] = i <= 3 ? 2 : 5 }, complaint = i == 1 ? "Oral" : "No",
            informalPayment = i == 2, usedConnections = i <= 4,
        })));
        var report = await _analyst.PostAsync($"/api/surveys/campaigns/{campaign}/imports?format=jsonl", new StringContent(lines, Encoding.UTF8, "application/x-ndjson"));
        report.StatusCode.ShouldBe(HttpStatusCode.OK, await report.Content.ReadAsStringAsync());

        await fixture.Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
        var index = await ApiFixture.ReadJson(await _analyst.GetAsync($"/api/surveys/campaigns/{campaign}/social-concern"));
        // dissatisfied 2/10, distrust 3/10, complaints 1/10, informal 1/10, connections 4/10 → mean 0.22
        index.GetProperty("total").GetProperty("share").GetDecimal().ShouldBe(0.22m);
        index.GetProperty("total").GetProperty("percent").GetDecimal().ShouldBe(22.0m);
    }

    [Fact]
    public async Task The_city_variants_read_criteria_sums_and_review_stars()
    {
        var (campaign, free, _) = await SetUpAsync();
        // Trust means 5 (two 5s), Deadlines 4 (5 and 3), StaffCompetence 4.5 (4 and 5): 13.5 of 15 = 90 %.
        var answers = new[]
        {
            Response("cv-1", free, 3, criteria: new { Trust = 5, Deadlines = 5, StaffCompetence = 4 }),
            Response("cv-2", free, 2, criteria: new { Trust = 5, Deadlines = 3, StaffCompetence = 5 }),
        };
        foreach (var a in answers)
        {
            var body = System.Text.Json.JsonSerializer.SerializeToNode(a, ApiFixture.Json)!.AsObject();
            body["metStaff"] = true;
            (await _analyst.PostAsync($"/api/surveys/campaigns/{campaign}/responses", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json")))
                .EnsureSuccessStatusCode();
        }
        await fixture.Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));

        var row = (await ApiFixture.ReadJson(await _analyst.GetAsync($"/api/surveys/campaigns/{campaign}/criteria-sum"))).EnumerateArray().Single();
        row.GetProperty("sum").GetDecimal().ShouldBe(13.5m);
        row.GetProperty("maximum").GetDecimal().ShouldBe(15m);
        row.GetProperty("share").GetDecimal().ShouldBe(0.9m);
        // Deadlines 5 and 3: mean 4, s = √2, t(0.975, 1) = 12.706205 (tables) → 4 ± 12.706205 · √2 / √2.
        var deadlinesInterval = row.GetProperty("criterionMeanIntervals").GetProperty("Deadlines");
        ((double)deadlinesInterval.GetProperty("low").GetDecimal()).ShouldBe(4 - 12.706205, 1e-5);
        ((double)deadlinesInterval.GetProperty("high").GetDecimal()).ShouldBe(4 + 12.706205, 1e-5);
        // In the questionnaire's order (Trust, StaffCompetence, Deadlines), not alphabetical.
        row.GetProperty("criterionMeans").EnumerateObject().Select(p => p.Name).ShouldBe(["Trust", "StaffCompetence", "Deadlines"]);

        // Overall 3 and 2 → mean 2.5 → as review stars 50 % of the maximum.
        var ratings = await ApiFixture.ReadJson(await _analyst.GetAsync($"/api/surveys/ratings?campaign={campaign}&by=service"));
        ratings.GetProperty("rows")[0].GetProperty("figures").GetProperty("shareOfMaximum").GetDecimal().ShouldBe(0.5m);

        // The same criterion answers sliced from the fact table.
        var deadlines = (await ApiFixture.ReadJson(await _analyst.GetAsync($"/api/surveys/slice?campaign={campaign}&criterion=Deadlines"))).EnumerateArray().Single();
        deadlines.GetProperty("figures").GetProperty("n").GetInt64().ShouldBe(2);
        deadlines.GetProperty("figures").GetProperty("mean").GetDecimal().ShouldBe(4m);
    }

    [Fact]
    public async Task Only_analysts_and_admins_record_answers()
    {
        var (campaign, free, _) = await SetUpAsync();
        (await fixture.Client("inspector").PostAsync($"/api/surveys/campaigns/{campaign}/responses", ApiFixture.JsonBody(Response("x", free, 5))))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await fixture.Client("auditor").GetAsync($"/api/surveys/ratings?campaign={campaign}")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private sealed class SyncProgress(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }
}
