using Microsoft.AspNetCore.Mvc;
using Monitoring.Api.Common;
using Monitoring.Application.Surveys.Import;

namespace Monitoring.Api.Surveys;

public static class ImportSurveyResponsesEndpoint
{
    /// <summary>Configuration <c>Monitoring:Imports:MaxBytes</c>: the largest file accepted (default 64 MiB).</summary>
    public const long DefaultMaxBytes = 64L * 1024 * 1024;

    public static void Map(IEndpointRouteBuilder group) =>
        group.MapPost("/campaigns/{code}/imports", async (string code, string? format, bool? skipInvalid, HttpContext http,
                SurveyResponseImporter importer, IConfiguration configuration) =>
            {
                var importFormat = (format ?? http.Request.ContentType ?? "").ToLowerInvariant() switch
                {
                    var f when f.Contains("csv") => ImportFormat.Csv,
                    var f when f.Contains("jsonl") || f.Contains("ndjson") || f.Contains("json") => ImportFormat.JsonLines,
                    _ => (ImportFormat?)null,
                };
                if (importFormat is null)
                    return Results.ValidationProblem(new Dictionary<string, string[]> { ["format"] = ["must be csv or jsonl (or send Content-Type text/csv / application/x-ndjson)"] });

                var maxBytes = configuration.GetValue("Monitoring:Imports:MaxBytes", DefaultMaxBytes);
                if (http.Request.ContentLength > maxBytes) return TooLarge(maxBytes);

                // The file is spooled to disk (bounded by the limit) and read from there in passes: memory holds one
                // chunk of rows, whatever the file's size.
                var path = Path.Combine(Path.GetTempPath(), $"monitoring-import-{Guid.NewGuid():N}");
                try
                {
                    await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
                    {
                        var buffer = new byte[81920];
                        long total = 0;
                        int read;
                        while ((read = await http.Request.Body.ReadAsync(buffer, http.RequestAborted)) > 0)
                        {
                            total += read;
                            if (total > maxBytes) return TooLarge(maxBytes);
                            await file.WriteAsync(buffer.AsMemory(0, read), http.RequestAborted);
                        }
                    }
                    var report = await importer.ImportAsync(code, () => File.OpenRead(path), importFormat.Value, http.UserName(), http.CorrelationId(),
                        new ImportOptions(SkipInvalidRows: skipInvalid ?? false), null, http.RequestAborted);
                    if (report.Committed) return Results.Ok(report);

                    var problem = new ValidationProblemDetails(report.Errors
                        .GroupBy(e => $"rows[{e.Line}].{e.Field}")
                        .ToDictionary(g => g.Key, g => g.Select(e => e.Reason).ToArray()))
                    {
                        Status = 400,
                        Title = "The file has invalid rows; nothing was imported",
                        Detail = $"{report.Rejected} of {report.Rows} rows are invalid (first {report.Errors.Count} problems listed). Fix them, or send skipInvalid=true to import the valid rows.",
                    };
                    problem.Extensions["report"] = report;
                    return Results.Problem(problem);
                }
                finally
                {
                    File.Delete(path);
                }
            })
            .WithName("ImportSurveyResponses")
            .WithSummary("Import answers from a CSV or JSON-lines file (a response id counts once per campaign: the same file twice adds nothing)")
            .Accepts<string>("text/csv", "application/x-ndjson")
            .Produces<ImportReport>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            // The limit is ours (configurable, answered as ProblemDetails), not Kestrel's default.
            .WithMetadata(new DisableRequestSizeLimitAttribute());

    private static IResult TooLarge(long maxBytes) => Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "The file is too large",
        detail: $"An import file may be at most {maxBytes:N0} bytes (Monitoring:Imports:MaxBytes); split it, nothing was imported.",
        extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["body"] = [$"larger than {maxBytes} bytes"] } });
}
