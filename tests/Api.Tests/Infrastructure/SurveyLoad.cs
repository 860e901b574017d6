using System.Net;
using System.Text;
using System.Text.Json;
using Marten;
using Monitoring.Application.Surveys;
using Monitoring.Domain.Surveys;
using Npgsql;

namespace Monitoring.Api.Tests.Infrastructure;

/// <summary>
/// A campaign with its catalogue, made over HTTP on an empty database, and survey answers sent to it in bulk: what the
/// tests that kill API processes under load (<c>ApiKillTests</c>, <c>TwoNodeFailoverTests</c>) write and then count.
/// </summary>
public static class SurveyLoad
{
    public const string Region = "KZ-KAR";

    /// <summary>Registers the region, a body <paramref name="code"/>, its services and a campaign <c>{code}-C</c> of them.</summary>
    public static async Task<string> PrepareCampaignAsync(HttpClient admin, string code, IReadOnlyList<string> services)
    {
        await OkAsync(admin.PostAsync("/api/catalogue/territories", ApiFixture.JsonBody(new { code = Region, country = "KZ", nameRu = "Карагандинская область" })));
        await OkAsync(admin.PostAsync("/api/catalogue/bodies", ApiFixture.JsonBody(new { code, nameRu = "Орган", level = "Central", effectiveFrom = "2017-01-01" })));
        foreach (var service in services)
            await OkAsync(admin.PostAsync("/api/catalogue/services", ApiFixture.JsonBody(new
            {
                code = service, nameRu = "Услуга",
                passport = new { bodyCode = code, level = "Central", channels = new[] { "Body" }, standardTerm = new { value = 5, unit = "WorkingDays" }, paid = false, effectiveFrom = "2017-01-01" },
            })));
        var campaign = $"{code}-C";
        await OkAsync(admin.PostAsync("/api/surveys/campaigns", ApiFixture.JsonBody(new
        {
            code = campaign, title = "Волна", period = 2019, kind = "NationalPublicMonitoring", scale = 5, rankingRule = "ByTopBoxShare",
            methodology = "KZ-2018", criteria = Array.Empty<string>(), services,
        })));
        return campaign;
    }

    /// <summary>An import file of <paramref name="rows"/> answers, the i-th (from 1) to service i mod the count.</summary>
    public static StringContent Csv(string prefix, int rows, IReadOnlyList<string> services)
    {
        var csv = new StringBuilder("response_id,service,region,channels,overall\n");
        for (var i = 1; i <= rows; i++) csv.Append($"{prefix}-{i},{services[i % services.Count]},{Region},Body,{1 + i % 5}\n");
        return new StringContent(csv.ToString(), Encoding.UTF8, "text/csv");
    }

    /// <summary>One answer sent on its own.</summary>
    public static Task<HttpResponseMessage> AnswerAsync(HttpClient client, string campaign, string responseId, string service, int overall) =>
        client.PostAsync($"/api/surveys/campaigns/{campaign}/responses", ApiFixture.JsonBody(new
        {
            responseId, serviceCode = service, regionCode = Region, channels = new[] { "Body" }, overall, informalPayment = false,
        }));

    /// <summary>Answers counted in the campaign's standard rating (<c>n</c> of the total); -1 when the node does not answer.</summary>
    public static async Task<long> RatedAsync(HttpClient client, string campaign)
    {
        var response = await client.GetAsync($"/api/surveys/ratings?campaign={campaign}&by=total");
        if (!response.IsSuccessStatusCode) return -1;
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return json.TryGetProperty("total", out var total) && total.ValueKind == JsonValueKind.Object
            ? total.GetProperty("figures").GetProperty("n").GetInt64()
            : 0;
    }

    /// <summary>Answers counted per service in the campaign's rating by service.</summary>
    public static async Task<Dictionary<string, long>> RatedByServiceAsync(HttpClient client, string campaign)
    {
        var response = await client.GetAsync($"/api/surveys/ratings?campaign={campaign}&by=service");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await ApiFixture.ReadJson(response)).GetProperty("rows").EnumerateArray()
            .ToDictionary(r => r.GetProperty("key").GetString()!, r => r.GetProperty("figures").GetProperty("n").GetInt64());
    }

    /// <summary>Rows of the survey fact table (one per answer in the read models).</summary>
    public static Task<long> FactsAsync(string connectionString) => CountAsync(connectionString, "select count(*) from monitoring.survey_facts");

    /// <summary>Rows of single answers in the survey fact table (one per answer the asynchronous projection wrote).</summary>
    public static Task<long> SingleAnswerFactsAsync(string connectionString) =>
        CountAsync(connectionString, $"select count(*) from monitoring.survey_facts where source = '{SurveySource.Interview}'");

    private static async Task<long> CountAsync(string connectionString, string sql)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var count = new NpgsqlCommand(sql, conn);
        return (long)(await count.ExecuteScalarAsync())!;
    }

    /// <summary>
    /// A backlog of single answers for the asynchronous survey projection: <paramref name="count"/> answers of the body
    /// <paramref name="body"/> (the i-th, from 1, to service i mod the count, scored 1 + i mod 5), appended straight to the
    /// event store as the API records a single answer, one stream each. The API would take a minute to record them one by
    /// one; here they are in within seconds, so the projection has tens of thousands to catch up on.
    /// </summary>
    public static async Task AppendAnswersAsync(string connectionString, string campaign, string body, string prefix, int count,
        IReadOnlyList<string> services)
    {
        using var store = DocumentStore.For(o =>
        {
            Monitoring.Projections.MonitoringStore.Configure(o, connectionString);
            o.AutoCreateSchemaObjects = JasperFx.AutoCreate.None;
        });
        foreach (var chunk in Enumerable.Range(1, count).Chunk(2_000))
        {
            await using var session = store.LightweightSession();
            session.LastModifiedBy = "load";
            foreach (var i in chunk)
            {
                var id = $"{prefix}-{i}";
                session.Events.StartStream(RecordSurveyResponseHandler.StreamKey(campaign, id), new SurveyResponseRecorded(
                    id, campaign, 2019, services[i % services.Count], body, null, Region, [Monitoring.Domain.Catalogue.Channel.Body], 1 + i % 5,
                    new Dictionary<string, int?>(), false, null, null, false, null, null, null, null, null, null, null, null,
                    SurveySource.Interview, null));
            }
            await session.SaveChangesAsync();
        }
    }

    public static async Task OkAsync(Task<HttpResponseMessage> call)
    {
        var response = await call;
        response.IsSuccessStatusCode.ShouldBeTrue(await response.Content.ReadAsStringAsync());
    }
}
