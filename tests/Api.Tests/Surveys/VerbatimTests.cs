using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Marten;
using Marten.Events;
using Microsoft.Extensions.DependencyInjection;
using Monitoring.Api.Tests.Catalogue;
using Monitoring.Api.Tests.Infrastructure;
using Monitoring.Domain.Surveys;
using Monitoring.Projections.Surveys;

namespace Monitoring.Api.Tests.Surveys;

public sealed class VerbatimTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private readonly HttpClient _analyst = fixture.Client("analyst", "aigerim");

    /// <summary>A body with two free services and a campaign over both asking the given questions (all when null).</summary>
    private async Task<(string Campaign, string First, string Second)> SetUpAsync(string[]? questions = null)
    {
        var id = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var admin = new CatalogueApi(fixture.Client("admin"));
        var body = $"B{id}";
        await admin.Created(admin.RegisterBody(CatalogueApi.Body(body)));
        var (first, second) = ($"F{id}", $"G{id}");
        foreach (var service in new[] { first, second })
            await admin.Created(admin.RegisterService(new
            {
                code = service, nameRu = "Услуга", passport = CatalogueApi.Passport(body, channels: ["Body", "EGov"]),
            }));
        var campaign = $"C{id}";
        var opened = await _analyst.PostAsync("/api/surveys/campaigns", ApiFixture.JsonBody(new
        {
            code = campaign, title = "Волна с комментариями", period = 2019, kind = "CitySurvey", scale = 5,
            rankingRule = "ByMeanThenTopBox", methodology = "CITY-2019", smallSampleThreshold = 2,
            criteria = new[] { "Trust", "Deadlines" }, services = new[] { first, second }, questions,
        }));
        opened.StatusCode.ShouldBe(HttpStatusCode.Created, await opened.Content.ReadAsStringAsync());
        return (campaign, first, second);
    }

    private Task<HttpResponseMessage> RecordAsync(string campaign, string id, string service, int? overall, string? comment) =>
        _analyst.PostAsync($"/api/surveys/campaigns/{campaign}/responses", ApiFixture.JsonBody(new
        {
            responseId = id, serviceCode = service, regionCode = "KZ-KAR", channels = new[] { "Body" }, overall,
            criterionScores = new { Trust = 4 }, comment,
        }));

    private Task<HttpResponseMessage> ImportAsync(string campaign, string csv) =>
        _analyst.PostAsync($"/api/surveys/campaigns/{campaign}/imports?format=csv", new StringContent(csv, Encoding.UTF8, "text/csv"));

    private static string Quoted(string s) => $"\"{s.Replace("\"", "\"\"")}\"";

    // The test's own reading of the dictionary's rule: a keyword matches a word (a run of letters, marks and digits) that
    // starts with it, ignoring case, "ё" read as "е"; a comment counts once under each theme it matches.
    private static readonly Regex Word = new(@"[\p{L}\p{M}\p{Nd}]+");

    private static string Folded(string s) => s.ToLowerInvariant().Replace('ё', 'е');

    private static bool Matches(string comment, IEnumerable<string> keywords) =>
        Word.Matches(Folded(comment)).Any(w => keywords.Any(k => w.Value.StartsWith(Folded(k), StringComparison.Ordinal)));

    private static Dictionary<string, string[]> KeywordsOf(JsonElement applied) =>
        applied.GetProperty("themes").EnumerateArray().ToDictionary(t => t.GetProperty("code").GetString()!,
            t => t.GetProperty("keywords").EnumerateObject().SelectMany(l => l.Value.EnumerateArray().Select(k => k.GetString()!)).ToArray());

    /// <summary>The theme counts the API gives must be what the test counts itself from the comments it sent.</summary>
    private async Task ShouldCountAsync(string url, IReadOnlyList<string> comments)
    {
        var applied = await ApiFixture.ReadJson(await _analyst.GetAsync("/api/surveys/comment-themes"));
        var keywords = KeywordsOf(applied);
        var counts = await ApiFixture.ReadJson(await _analyst.GetAsync(url));
        counts.GetProperty("dictionaryVersion").GetString().ShouldBe(applied.GetProperty("version").GetString());
        counts.GetProperty("comments").GetInt64().ShouldBe(comments.Count);
        var themes = counts.GetProperty("themes").EnumerateArray().ToDictionary(t => t.GetProperty("code").GetString()!);
        themes.Keys.ShouldBe(keywords.Keys, ignoreOrder: true);
        foreach (var (code, words) in keywords)
        {
            var expected = comments.Count(c => Matches(c, words));
            var theme = themes[code];
            theme.GetProperty("comments").GetInt64().ShouldBe(expected, code);
            theme.GetProperty("share").GetDecimal().ShouldBe((decimal)expected / comments.Count, code);
            theme.GetProperty("percent").GetDecimal().ShouldBe(Math.Round(100m * expected / comments.Count, 1, MidpointRounding.AwayFromZero), code);
        }
        var none = comments.Count(c => keywords.Values.All(words => !Matches(c, words)));
        counts.GetProperty("noTheme").GetInt64().ShouldBe(none);
        counts.GetProperty("noThemeShare").GetDecimal().ShouldBe((decimal)none / comments.Count);
    }

    [Fact]
    public async Task Comments_sent_one_by_one_and_in_a_file_are_searched_and_counted_by_theme()
    {
        var (campaign, first, second) = await SetUpAsync();
        var sent = new List<(string Id, string Service, string Comment)>
        {
            ("a-1", first, "Очень долго ждал в ОЧЕРЕДИ, сотрудник нагрубил."),
            ("a-2", first, "Всё быстро и вежливо, спасибо!"),
            ("a-3", second, "Сайт egov не работал, пришлось идти в ЦОН.\nТам очередь на час."),
            ("a-4", second, "Кезек өте ұзақ болды, қызметкер дөрекі сөйледі."),
        };
        foreach (var (id, service, comment) in sent)
            (await RecordAsync(campaign, id, service, 5, comment)).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await RecordAsync(campaign, "a-5", first, 3, null)).StatusCode.ShouldBe(HttpStatusCode.Created);
        // Blank is no comment at all.
        (await RecordAsync(campaign, "a-6", first, 3, "   ")).StatusCode.ShouldBe(HttpStatusCode.Created);

        // A quoted cell with a comma, a quote and a line break is one comment; an empty cell is none.
        var imported = new List<(string Id, string Service, string Comment)>
        {
            ("f-1", first, "Документы приняли быстро, но\nсправку ждали две недели, \"как обычно\""),
            ("f-2", second, "Требовали взятку за ускорение"),
            ("f-3", first, "Nothing to add: it was fine"),
        };
        var csv = new StringBuilder("response_id,service,region,channels,overall,trust,comment\n");
        foreach (var (id, service, comment) in imported) csv.Append($"{id},{service},KZ-KAR,Body,4,5,{Quoted(comment)}\n");
        csv.Append($"f-4,{second},KZ-KAR,Body,2,,\n");
        var import = await ImportAsync(campaign, csv.ToString());
        import.StatusCode.ShouldBe(HttpStatusCode.OK, await import.Content.ReadAsStringAsync());
        (await ApiFixture.ReadJson(import)).GetProperty("imported").GetInt32().ShouldBe(4);
        sent.AddRange(imported);

        await fixture.Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));

        var all = await ApiFixture.ReadJson(await _analyst.GetAsync($"/api/surveys/campaigns/{campaign}/comments"));
        all.GetProperty("total").GetInt64().ShouldBe(sent.Count);
        var items = all.GetProperty("comments").EnumerateArray().ToList();
        items.Select(i => (i.GetProperty("responseId").GetString()!, i.GetProperty("service").GetString()!, i.GetProperty("comment").GetString()!))
            .ShouldBe(sent, ignoreOrder: true);
        // Newest first.
        var times = items.Select(i => i.GetProperty("recordedAt").GetDateTimeOffset()).ToList();
        times.ShouldBe(times.OrderByDescending(t => t).ToList(), customMessage: "newest first");
        // Where each came from: the answer's own stream, or the file's batch with the answer's line.
        var one = items.Single(i => i.GetProperty("responseId").GetString() == "a-1");
        one.GetProperty("streamKey").GetString().ShouldBe($"response:{campaign}:a-1");
        one.GetProperty("version").GetInt64().ShouldBe(1);
        one.GetProperty("overall").GetInt32().ShouldBe(5);
        one.GetProperty("recordedBy").GetString().ShouldBe("aigerim (analyst)");
        var fromFile = items.Single(i => i.GetProperty("responseId").GetString() == "f-1");
        fromFile.GetProperty("streamKey").GetString()!.ShouldStartWith($"import:{campaign}:");
        fromFile.GetProperty("source").GetString().ShouldBe("FileImport");
        fromFile.GetProperty("sourceReference").GetString()!.ShouldEndWith(":3");

        // By service, and by a text in another case (a substring, case-insensitive), and both.
        async Task<List<string>> Ids(string query) =>
            (await ApiFixture.ReadJson(await _analyst.GetAsync($"/api/surveys/campaigns/{campaign}/comments?{query}")))
            .GetProperty("comments").EnumerateArray().Select(i => i.GetProperty("responseId").GetString()!).ToList();
        (await Ids($"service={second}")).ShouldBe(sent.Where(s => s.Service == second).Select(s => s.Id), ignoreOrder: true);
        var text = "очередь";
        (await Ids($"q={Uri.EscapeDataString(text)}")).ShouldBe(
            sent.Where(s => s.Comment.Contains(text, StringComparison.OrdinalIgnoreCase)).Select(s => s.Id), ignoreOrder: true);
        text = "ОЧЕРЕД";
        (await Ids($"service={first}&q={Uri.EscapeDataString(text)}")).ShouldBe(
            sent.Where(s => s.Service == first && s.Comment.Contains(text, StringComparison.OrdinalIgnoreCase)).Select(s => s.Id), ignoreOrder: true);
        (await Ids("q=%25")).ShouldBeEmpty(); // a LIKE wildcard is a plain character here
        (await Ids("body=NO-SUCH-BODY")).ShouldBeEmpty();

        // Pages: disjoint, in the same order as the whole.
        var page1 = await Ids("limit=3&offset=0");
        var page2 = await Ids("limit=3&offset=3");
        page1.Concat(page2).ShouldBe(items.Select(i => i.GetProperty("responseId").GetString()!).Take(6));

        await ShouldCountAsync($"/api/surveys/campaigns/{campaign}/comment-themes", sent.Select(s => s.Comment).ToList());
        await ShouldCountAsync($"/api/surveys/campaigns/{campaign}/comment-themes?service={second}&region=KZ-KAR",
            sent.Where(s => s.Service == second).Select(s => s.Comment).ToList());
    }

    [Fact]
    public async Task A_comment_is_refused_where_the_campaign_does_not_ask_it_or_it_is_malformed()
    {
        var (silent, first, _) = await SetUpAsync(["Complaint", "InformalPayment"]);
        var refused = await ApiFixture.Refusal(await RecordAsync(silent, "s-1", first, 5, "Хороший сервис"));
        refused.Errors["response.comment"].Single().ShouldContain("not asked");
        var file = await ImportAsync(silent, $"response_id,service,region,channels,overall,comment\ns-2,{first},KZ-KAR,Body,4,\"Есть, что сказать\"\n");
        (await ApiFixture.Refusal(file)).Errors["rows[2].comment"].Single().ShouldContain("not asked");

        var (campaign, service, _) = await SetUpAsync();
        (await ApiFixture.Refusal(await RecordAsync(campaign, "m-1", service, 5, "звонок\u0007")))
            .Errors["response.comment"].Single().ShouldContain("control character");
        (await ApiFixture.Refusal(await RecordAsync(campaign, "m-2", service, 5, new string('а', Comments.MaxLength + 1))))
            .Errors["response.comment"].Single().ShouldContain("at most 4000");
        (await ApiFixture.Refusal(await RecordAsync(campaign, "m-3", service, 5, "скрытый \u202Eтекст")))
            .Errors["response.comment"].ShouldNotBeEmpty();
        // A paragraph, with tabs and line breaks, is what people write.
        (await RecordAsync(campaign, "m-4", service, 5, "Первый абзац.\r\n\r\n\tВторой абзац.")).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await RecordAsync(campaign, "m-5", service, 5, new string('а', Comments.MaxLength))).StatusCode.ShouldBe(HttpStatusCode.Created);
        foreach (var id in new[] { "s-1", "m-1", "m-2", "m-3" })
            (await fixture.Store.QuerySession().Events.FetchStreamStateAsync($"response:{(id[0] == 's' ? silent : campaign)}:{id}")).ShouldBeNull();

        (await ApiFixture.Refusal(await _analyst.GetAsync($"/api/surveys/campaigns/{campaign}/comments?limit=500"))).Errors.ShouldContainKey("limit");
        (await ApiFixture.Refusal(await _analyst.GetAsync($"/api/surveys/campaigns/{campaign}/comments?offset=-1"))).Errors.ShouldContainKey("offset");
        (await ApiFixture.Refusal(await _analyst.GetAsync($"/api/surveys/campaigns/{campaign}/comments?q=%00"))).Errors.ShouldContainKey("q");
        (await ApiFixture.Refusal(await _analyst.GetAsync($"/api/surveys/campaigns/{campaign}/comments?q={new string('x', 201)}"))).Errors.ShouldContainKey("q");
        (await ApiFixture.Refusal(await _analyst.GetAsync($"/api/surveys/campaigns/{campaign}/comment-themes?channel=EGov"))).Errors.ShouldContainKey("channel");
        (await _analyst.GetAsync("/api/surveys/campaigns/NO-SUCH/comments")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await _analyst.GetAsync("/api/surveys/campaigns/NO-SUCH/comment-themes")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_published_dictionary_applies_to_the_counts_and_bad_ones_are_refused_by_field()
    {
        var (campaign, service, _) = await SetUpAsync();
        string[] comments = ["Парковки нет совсем", "Негде поставить машину, parking is a nightmare", "Всё хорошо", "ПАРКОВКА платная"];
        for (var i = 0; i < comments.Length; i++)
            (await RecordAsync(campaign, $"p-{i}", service, 4, comments[i])).StatusCode.ShouldBe(HttpStatusCode.Created);
        await fixture.Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
        var url = $"/api/surveys/campaigns/{campaign}/comment-themes";
        await ShouldCountAsync(url, comments);

        var version = $"test-{Guid.NewGuid():N}";
        var dictionary = new
        {
            version,
            themes = new object[]
            {
                new { code = "parking", name = new { ru = "Парковка", kk = "Көлік тұрағы", en = "Parking" },
                      keywords = new Dictionary<string, string[]> { ["ru"] = ["парков", "машин"], ["en"] = ["parking"] } },
                new { code = "praise", name = new { ru = "Благодарность" }, keywords = new Dictionary<string, string[]> { ["ru"] = ["хорош"] } },
            },
        };
        var published = await _analyst.PostAsync("/api/surveys/comment-themes", ApiFixture.JsonBody(dictionary));
        published.StatusCode.ShouldBe(HttpStatusCode.Created, await published.Content.ReadAsStringAsync());
        var applied = await ApiFixture.ReadJson(await _analyst.GetAsync("/api/surveys/comment-themes"));
        applied.GetProperty("version").GetString().ShouldBe(version);
        applied.GetProperty("shipped").GetBoolean().ShouldBeFalse();
        applied.GetProperty("publishedBy").GetProperty("recordedBy").GetString().ShouldBe("aigerim (analyst)");

        await ShouldCountAsync(url, comments);
        var counts = await ApiFixture.ReadJson(await _analyst.GetAsync(url));
        // Three comments speak of parking (one only through "машину"); one matches nothing but praise.
        counts.GetProperty("themes")[0].GetProperty("code").GetString().ShouldBe("parking");
        counts.GetProperty("themes")[0].GetProperty("comments").GetInt64().ShouldBe(3);
        counts.GetProperty("noTheme").GetInt64().ShouldBe(0);

        // The same version again is a conflict: a label names one dictionary.
        (await _analyst.PostAsync("/api/surveys/comment-themes", ApiFixture.JsonBody(dictionary))).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        async Task<IDictionary<string, string[]>> Refused(object body) =>
            (await ApiFixture.Refusal(await _analyst.PostAsync("/api/surveys/comment-themes", ApiFixture.JsonBody(body)))).Errors;
        static object Theme(string code, Dictionary<string, string[]> keywords) => new { code, name = new { ru = "Тема" }, keywords };
        var ok = new Dictionary<string, string[]> { ["ru"] = ["очеред"] };
        (await Refused(new { version = "v-bad", themes = Array.Empty<object>() })).ShouldContainKey("themes");
        (await Refused(new { version = "v-bad", themes = new[] { Theme("queues", ok), Theme("QUEUES", ok) } })).ShouldContainKey("themes[1].code");
        (await Refused(new { version = "v-bad", themes = new[] { Theme("queues", new() { ["ru"] = ["о"] }) } })).ShouldContainKey("themes[0].keywords.ru[0]");
        (await Refused(new { version = "v-bad", themes = new[] { Theme("queues", new() { ["ru"] = ["две очереди"] }) } }))
            .ShouldContainKey("themes[0].keywords.ru[0]");
        (await Refused(new { version = "v-bad", themes = new[] { Theme("queues", new() { ["ru"] = [new string('о', 51)] }) } }))
            .ShouldContainKey("themes[0].keywords.ru[0]");
        (await Refused(new { version = "v-bad", themes = new[] { Theme("queues", new() { ["ru"] = [] }) } })).ShouldContainKey("themes[0].keywords");
        (await Refused(new { version = "v-bad", themes = new[] { Theme("queues", new() { ["de"] = ["warte"] }) } })).ShouldContainKey("themes[0].keywords");
        (await Refused(new { version = "v-bad", themes = new[] { Theme("bad code!", ok) } })).ShouldContainKey("themes[0].code");
        (await Refused(new { version = "", themes = new[] { Theme("queues", ok) } })).ShouldContainKey("version");
        (await Refused(new { version = "v-bad", themes = Enumerable.Range(0, 101).Select(i => Theme($"t{i}", ok)).ToArray() })).ShouldContainKey("themes");
        (await ApiFixture.ReadJson(await _analyst.GetAsync("/api/surveys/comment-themes"))).GetProperty("version").GetString().ShouldBe(version);
    }

    [Fact]
    public void The_shipped_dictionary_keeps_its_rules_and_matches_word_stems_in_three_languages()
    {
        var shipped = JsonSerializer.Deserialize<CommentThemes>(File.ReadAllText(VerbatimQueries.ShippedThemesPath), new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        shipped.Problems().ShouldBeEmpty();
        shipped.Themes.Count.ShouldBe(8);
        shipped.Themes.ShouldAllBe(t => t.Name.Kk != null && t.Name.En != null && CommentThemes.Languages.All(l => t.Keywords.ContainsKey(l)));
        var matcher = new CommentThemeMatcher(shipped);
        string[] Themes(string comment) => [.. matcher.Match(comment).ToArray().Select((hit, i) => (hit, i)).Where(x => x.hit).Select(x => shipped.Themes[x.i].Code)];
        Themes("Очередь огромная").ShouldBe(["queues"]);
        Themes("Кезекте екі сағат тұрдық").ShouldBe(["queues"]);
        Themes("We waited in a long queue").ShouldBe(["queues"]);
        Themes("Сотрудник был груб").ShouldBe(["staff_manner"]);
        Themes("Қызметкер өте сыпайы").ShouldBe(["staff_manner"]);
        Themes("Пара сұрады, жемқорлық").ShouldBe(["corruption"]);
        Themes("Құжаттарды екі рет әкелдім").ShouldBe(["documents"]);
        Themes("Мерзімі кешікті").ShouldBe(["deadlines"]);
        Themes("Ғимаратта лифт жоқ").ShouldBe(["premises"]);
        Themes("Ақпарат түсініксіз").ShouldBe(["information"]);
        Themes("Через egov всё онлайн").ShouldBe(["online"]);
        Themes("Спасибо").ShouldBeEmpty();
        // A stem matches the start of a word, not its middle: "сайт" is not in "посайте".
        Themes("посайте").ShouldBeEmpty();
    }
}
