using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Monitoring.Domain.Inspections;
using Npgsql;
using NpgsqlTypes;

/// <summary>
/// Violations imported as a file: an inspection's findings, <see cref="Files"/> CSV files of <see cref="FileRows"/> rows
/// (the most one file may hold), imported over HTTP one after the other into one inspection, end to end (upload, read,
/// check every row, decide, append, inline read model), against a raw binary COPY of the same rows — each violation as
/// the jsonb the store keeps for it — into a plain table in the same run. Then the first file again, which must record
/// nothing, and the read model's count.
/// </summary>
static class ViolationImportBench
{
    public const int Files = 2;
    public const int FileRows = 10_000;
    private const string Inspection = "BENCH-FILE";

    private static readonly string[] Types = ["DeadlineBreach", "IncompletePackage", "ExtraDocumentsDemanded", "BusinessProcessBreach", "UnjustifiedRefusal"];

    public static async Task RunAsync(HttpClient api, string inspectorToken, string connectionString, IReadOnlyList<string> serviceCodes,
        Action<string, string, string, bool?> report)
    {
        using var http = new HttpClient
        {
            BaseAddress = api.BaseAddress, Timeout = api.Timeout,
            DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", inspectorToken) },
        };
        var services = serviceCodes.Take(4).ToArray();
        foreach (var id in new[] { $"{Inspection}-WARM", Inspection })
            await Send(http, "/api/inspections", new
            {
                inspectionId = id, bodyCode = "BENCH-B01", kind = "Planned", services, periodFrom = "2019-01-01", periodTo = "2019-12-31",
                legalBasis = "План проверок", openedOn = "2020-01-15",
            });
        var rows = Enumerable.Range(0, Files * FileRows).Select(i => Row(i, services)).ToList();
        var files = rows.Chunk(FileRows).Select(Csv).ToList();

        // Not measured: the first import pays for compiling the path.
        await Import(http, $"{Inspection}-WARM", Csv(rows.Take(200).ToArray()));
        var copyRate = await RawCopy.RowsPerSecondAsync(connectionString, rows.Select(r => JsonSerializer.Serialize(r, RawCopy.Stored)).ToList());
        report("reference: raw COPY of the same violations (jsonb rows)", $"{copyRate:N0} rows/s", "", null);

        var clock = Stopwatch.StartNew();
        var recorded = 0;
        foreach (var file in files) recorded += (await Import(http, Inspection, file)).GetProperty("recorded").GetInt32();
        var seconds = clock.Elapsed.TotalSeconds;
        var rate = recorded / seconds;
        report($"violations imported as a file over HTTP ({Files} files of {FileRows:N0} rows into one inspection, end to end)",
            $"{rate:N0} violations/s ({recorded:N0} in {seconds:N1} s)", "", null);
        report("violations imported as a file / raw COPY", $"{rate / copyRate:P0}", "≥ 30 %", rate / copyRate >= 0.30);

        clock.Restart();
        var again = await Import(http, Inspection, files[0]);
        report("the same file again (idempotent: records nothing)",
            $"{again.GetProperty("recorded").GetInt32():N0} recorded, {again.GetProperty("skipped").GetInt32():N0} skipped in {clock.Elapsed.TotalSeconds:N1} s",
            "0 recorded", again.GetProperty("recorded").GetInt32() == 0);
        var view = JsonDocument.Parse(await http.GetStringAsync($"/api/inspections/{Inspection}")).RootElement;
        var inReadModel = view.GetProperty("violations").GetArrayLength();
        report("violations of the inspection in its read model", $"{inReadModel:N0}", $"= {recorded:N0}", inReadModel == recorded);
    }

    private static ViolationRecorded Row(int i, string[] services)
    {
        var cases = i % 5 == 0 ? new[] { $"APP-{i}-1", $"APP-{i}-2" } : null;
        return new ViolationRecorded(Inspection, $"f{i}", Enum.Parse<ViolationType>(Types[i % Types.Length]), services[i % services.Length], null, 2019,
            cases?.Length ?? 1 + i % 7, cases, $"Акт проверки № {i}, пункт 3: нарушение срока оказания услуги");
    }

    private static byte[] Csv(ViolationRecorded[] rows)
    {
        var sb = new StringBuilder("violationId,type,serviceCode,period,count,cases,evidence\n");
        foreach (var v in rows)
            sb.Append(v.ViolationId).Append(',').Append(v.Type).Append(',').Append(v.ServiceCode).Append(',').Append(v.Period).Append(',')
                .Append(v.Cases is null ? v.Count.ToString() : "").Append(',').Append(v.Cases is null ? "" : string.Join(';', v.Cases)).Append(",\"")
                .Append(v.Evidence.Replace("\"", "\"\"")).Append("\"\n");
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    private static async Task<JsonElement> Import(HttpClient http, string inspection, byte[] csv)
    {
        var response = await http.PostAsync($"/api/inspections/{inspection}/violations/import",
            new ByteArrayContent(csv) { Headers = { ContentType = new MediaTypeHeaderValue("text/csv") } });
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"import failed: {(int)response.StatusCode} {body[..Math.Min(body.Length, 2000)]}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static async Task Send(HttpClient http, string path, object body)
    {
        var r = await http.PostAsJsonAsync(path, body);
        if (!r.IsSuccessStatusCode) throw new InvalidOperationException($"{path}: {(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
    }
}

/// <summary>
/// The reference the imports are measured against: a raw binary COPY of rows, each as the jsonb the event store keeps,
/// into a plain table of their own (made and dropped here), in rows per second.
/// </summary>
static class RawCopy
{
    /// <summary>The store's JSON: camelCase, enums by name, nulls left out.</summary>
    public static readonly JsonSerializerOptions Stored = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public static async Task<double> RowsPerSecondAsync(string connectionString, IReadOnlyList<string> json)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using (var create = new NpgsqlCommand("create table bench_copy_reference (id bigint, data jsonb)", conn)) await create.ExecuteNonQueryAsync();
        var clock = Stopwatch.StartNew();
        await using (var writer = await conn.BeginBinaryImportAsync("copy bench_copy_reference (id, data) from stdin (format binary)"))
        {
            for (var i = 0; i < json.Count; i++)
            {
                await writer.StartRowAsync();
                await writer.WriteAsync((long)i, NpgsqlDbType.Bigint);
                await writer.WriteAsync(json[i], NpgsqlDbType.Jsonb);
            }
            await writer.CompleteAsync();
        }
        var rate = json.Count / clock.Elapsed.TotalSeconds;
        await using (var drop = new NpgsqlCommand("drop table bench_copy_reference", conn)) await drop.ExecuteNonQueryAsync();
        return rate;
    }
}
