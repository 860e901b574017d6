using Microsoft.AspNetCore.Mvc;
using Monitoring.Api.Common;
using Monitoring.Application.Surveys.Import;

namespace Monitoring.Api.Surveys;

public static class ImportSurveyResponsesEndpoint
{
    public static void Map(IEndpointRouteBuilder group) =>
        group.MapPost("/campaigns/{code}/imports", async (string code, string? format, bool? skipInvalid, HttpContext http,
                SurveyResponseImporter importer) =>
            {
                var importFormat = (format ?? http.Request.ContentType ?? "").ToLowerInvariant() switch
                {
                    var f when f.Contains("csv") => ImportFormat.Csv,
                    var f when f.Contains("jsonl") || f.Contains("ndjson") || f.Contains("json") => ImportFormat.JsonLines,
                    _ => (ImportFormat?)null,
                };
                if (importFormat is null)
                    return Results.ValidationProblem(new Dictionary<string, string[]> { ["format"] = ["must be csv or jsonl (or send Content-Type text/csv / application/x-ndjson)"] });

                using var buffer = new MemoryStream();
                await http.Request.Body.CopyToAsync(buffer, http.RequestAborted);
                var report = await importer.ImportAsync(code, buffer.ToArray(), importFormat.Value, http.UserName(), http.CorrelationId(),
                    new ImportOptions(SkipInvalidRows: skipInvalid ?? false), null, http.RequestAborted);
                if (report.Committed) return Results.Ok(report);

                var problem = new ValidationProblemDetails(report.Errors
                    .GroupBy(e => $"rows[{e.Line}].{e.Field}")
                    .ToDictionary(g => g.Key, g => g.Select(e => e.Reason).ToArray()))
                {
                    Status = 400,
                    Title = "The file has invalid rows; nothing was imported",
                    Detail = $"{report.Rejected} of {report.Rows} rows are invalid (first {report.Errors.Count} listed). Fix them, or send skipInvalid=true to import the valid rows.",
                };
                problem.Extensions["report"] = report;
                return Results.Problem(problem);
            })
            .WithName("ImportSurveyResponses")
            .WithSummary("Import answers from a CSV or JSON-lines file (idempotent: the same file twice adds nothing)")
            .Accepts<string>("text/csv", "application/x-ndjson")
            .Produces<ImportReport>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithMetadata(new Microsoft.AspNetCore.Mvc.DisableRequestSizeLimitAttribute());
}
