using Microsoft.AspNetCore.Mvc;
using Monitoring.Application.Inspections;
using Monitoring.Domain.Inspections;
using Monitoring.Projections.Inspections;

namespace Monitoring.Api.Inspections;

public static class InspectionEndpoints
{
    public static void MapInspections(this IEndpointRouteBuilder app)
    {
        var read = app.MapGroup("/api/inspections").WithTags("Inspections").RequireAuthorization(Policies.Read).RejectUnknownQuery();
        app.MapCommands<OpenInspection>("Inspections", Policies.InspectionWrite);
        app.MapPost("/api/inspections/{inspectionId}/violations/import", ImportViolationsAsync)
            .WithTags("Inspections").RequireAuthorization(Policies.InspectionWrite).RejectUnknownQuery()
            .WithName("ImportViolations")
            .WithSummary("Record an open inspection's findings from a CSV file (text/csv), all or nothing: a bad row is a 400 naming its line " +
                         "and column; a violation already recorded with the same content is skipped (the same file twice records nothing new), " +
                         "with other content a 409")
            .Accepts<string>("text/csv")
            .Produces<ViolationImportResult>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            // The limit is ours (configurable, answered as ProblemDetails), not Kestrel's default.
            .WithMetadata(new DisableRequestSizeLimitAttribute());

        read.MapGet("/violations", (string? body, int? period, ViolationType? type, string? groupBy, ViolationQueries queries, CancellationToken ct) =>
                queries.TotalsAsync(body, period, type,
                    (groupBy ?? "type").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), ct))
            .WithName("GetViolationTotals")
            .WithSummary("Standing violations (revocations and corrections applied) grouped by body, unit, service, type, period or inspection")
            .Produces<IReadOnlyList<ViolationTotal>>().ProducesValidationProblem();
        read.MapGet("/{id}", (string id, InspectionQueries queries, CancellationToken ct) => queries.InspectionAsync(id, ct))
            .WithName("GetInspection")
            .WithSummary("An inspection with its violations (each with its history of corrections and revocations)")
            .Produces<InspectionView>().ProducesProblem(StatusCodes.Status404NotFound);
        read.MapGet("", (string? body, InspectionQueries queries, CancellationToken ct) => queries.ListAsync(body, null, ct))
            .WithName("ListInspections").WithSummary("Inspections, optionally of one body")
            .Produces<IReadOnlyList<InspectionView>>();
    }

    /// <summary>Configuration <c>Monitoring:Inspections:ImportMaxBytes</c>: the largest file of findings accepted (default 8 MiB).</summary>
    public const long DefaultImportMaxBytes = 8L * 1024 * 1024;

    /// <summary>
    /// The file is read whole (bounded by the limit), every row checked (400 naming each bad line and column, nothing sent),
    /// then sent as one command to the inspection's aggregate handler, which decides on all rows and appends them in one
    /// transaction. Rows at most <c>Monitoring:Inspections:ImportMaxRows</c> (default and ceiling: the API's list limit).
    /// </summary>
    private static async Task<IResult> ImportViolationsAsync(string inspectionId, HttpContext http, IMessageContext bus, IConfiguration configuration)
    {
        var maxBytes = configuration.GetValue("Monitoring:Inspections:ImportMaxBytes", DefaultImportMaxBytes);
        var maxRows = Math.Min(configuration.GetValue("Monitoring:Inspections:ImportMaxRows", InputHygiene.MaxItems), InputHygiene.MaxItems);
        if (http.Request.ContentLength > maxBytes) return TooLarge(maxBytes);
        using var file = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = await http.Request.Body.ReadAsync(buffer, http.RequestAborted)) > 0)
        {
            if (file.Length + read > maxBytes) return TooLarge(maxBytes);
            file.Write(buffer, 0, read);
        }
        file.Position = 0;

        var rows = ViolationFile.Read(file, inspectionId, maxRows);
        if (rows.Errors.Count > 0)
            return Results.Problem(new ValidationProblemDetails(rows.Errors
                .GroupBy(e => e.Column == "header" ? "header" : e.Column == "row" ? $"rows[{e.Line}]" : $"rows[{e.Line}].{e.Column}")
                .ToDictionary(g => g.Key, g => g.Select(e => e.Reason).Distinct().ToArray()))
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "The file has invalid rows; nothing was recorded",
                Detail = $"{rows.Errors.Select(e => e.Line).Distinct().Count()} line(s) of the file cannot be recorded: rows[N] is the file's line N " +
                         $"(the header is line 1). The columns: {string.Join(",", ViolationFile.Required.Concat(ViolationFile.Optional))}.",
            });
        var result = await bus.SendAsync<ViolationImportResult>(new ImportViolations(inspectionId, rows.Rows, rows.Lines), http.Actor(),
            http.CorrelationId(), http.RequestAborted);
        return Results.Ok(result);
    }

    private static IResult TooLarge(long maxBytes) => Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "The file is too large",
        detail: $"A file of findings may be at most {maxBytes:N0} bytes (Monitoring:Inspections:ImportMaxBytes); split it, nothing was recorded.",
        extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["body"] = [$"larger than {maxBytes} bytes"] } });
}
