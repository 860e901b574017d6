using Microsoft.AspNetCore.Mvc;
using Monitoring.Application.Surveys;
using Monitoring.Domain.Surveys;
using Monitoring.Projections.Surveys;

namespace Monitoring.Api.Surveys;

public sealed record PublishedWarning(string ServiceCode, string Split, string Table, IReadOnlyList<string> Warnings);

public static class SurveyEndpoints
{
    /// <summary>Configuration <c>Monitoring:Imports:MaxBytes</c>: the largest file accepted (default 64 MiB).</summary>
    public const long DefaultMaxBytes = 64L * 1024 * 1024;

    public static void MapSurveys(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/surveys").WithTags("Surveys");
        var read = group.MapGroup("").RequireAuthorization(Policies.Read).RejectUnknownQuery();
        var write = group.MapGroup("").RequireAuthorization(Policies.SurveyWrite).RejectUnknownQuery();

        app.MapCommands<PublishSurveyInstrument>("Surveys", Policies.SurveyWrite);
        read.MapVerbatims();
        read.MapGet("/instruments", async (IQuerySession session, CancellationToken ct) =>
                Instruments.BuiltIn.Concat((await session.Query<SurveyInstrumentView>().ToListAsync(ct)).Select(v => v.Instrument))
                    .OrderBy(i => i.Code, StringComparer.Ordinal).ToList())
            .WithName("ListSurveyInstruments")
            .WithSummary("Survey instruments: the built-in Kazakh national questionnaire and every published one")
            .Produces<IReadOnlyList<SurveyInstrument>>();
        read.MapGet("/instruments/{code}", async (string code, IQuerySession session, CancellationToken ct) =>
                await SurveyInstrumentView.FindAsync(session, code, ct) ?? throw new NotFound("Survey instrument", code))
            .WithName("GetSurveyInstrument")
            .WithSummary("A survey instrument: its criteria (codes, names in ru/kk/en, when asked), optional questions and trust criterion")
            .Produces<SurveyInstrument>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        write.MapCommand<OpenSurveyCampaign>("/campaigns", (_, r) => $"/api/surveys/campaigns/{r.Id}")
            .WithSummary("Open a survey campaign: period, kind, scale, ranking rule, criteria and services")
            .ProducesProblem(StatusCodes.Status409Conflict);
        write.MapCommand<RecordContactListFigures>("/campaigns/{campaignCode}/contacts")
            .WithSummary("Record a campaign's contact list figures (contacts, reached, refused → response rate)")
            .ProducesProblem(StatusCodes.Status404NotFound);
        // The body is the answer alone (the campaign is the URL's); the command carries both.
        write.MapPost("/campaigns/{code}/responses", (string code, SurveyResponseInput response, IMessageContext bus, HttpContext http) =>
                bus.CreatedAsync(new RecordSurveyResponse(code, response), http, r => $"/api/audit/streams/{RecordSurveyResponseHandler.StreamKey(code, r.Id)}/events"))
            .WithName("RecordSurveyResponse")
            .WithSummary("Record one respondent's answers (the same response id twice is a 409)")
            .Produces<CommandResult>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        write.MapPost("/campaigns/{code}/imports", ImportResponsesAsync)
            .WithName("ImportSurveyResponses")
            .WithSummary("Import answers from a CSV or JSON-lines file (a response id counts once per campaign: the same file twice adds nothing); wait=false: 202 and a status to poll")
            .Accepts<string>("text/csv", "application/x-ndjson")
            .Produces<ImportReport>()
            .Produces<ImportRunStatus>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            // The limit is ours (configurable, answered as ProblemDetails), not Kestrel's default.
            .WithMetadata(new DisableRequestSizeLimitAttribute());
        write.MapGet("/imports/{runId:guid}", (Guid runId, SurveyImportRuns runs, HttpContext http) =>
                runs.Find(runId, http.UserName()) is { } run ? Results.Ok(ImportRunStatus.Of(run)) : throw new NotFound("Import", runId.ToString()))
            .WithName("GetSurveyImportStatus")
            .WithSummary("The progress of an import started with wait=false (its starter only): batches and rows written, then its report")
            .Produces<ImportRunStatus>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        write.MapPost("/published", (PublishedReportFile file, PublishedReportImporter importer, HttpContext http) =>
                importer.ImportAsync(file, http.UserName(), http.CorrelationId(), http.RequestAborted))
            .WithName("ImportPublishedReport")
            .WithSummary("Import per-service distributions transcribed from a published report (historical data), cross-checked")
            .Produces<PublishedImportReport>()
            .ProducesValidationProblem();

        read.MapGet("/campaigns", (int? period, SurveyCampaignQueries campaigns, CancellationToken ct) => campaigns.CampaignsAsync(period, ct))
            .WithName("ListSurveyCampaigns")
            .WithSummary("Survey campaigns, optionally of one period")
            .Produces<IReadOnlyList<SurveyCampaignView>>();
        read.MapGet("/campaigns/{code}", (string code, SurveyCampaignQueries campaigns, CancellationToken ct) => campaigns.CampaignAsync(code, ct))
            .WithName("GetSurveyCampaign")
            .WithSummary("A campaign with its methodology choices and contact figures")
            .Produces<SurveyCampaignView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        read.MapGet("/campaigns/{code}/published-warnings", async (string code, IQuerySession session, CancellationToken ct) =>
                (await session.Events.QueryRawEventDataOnly<PublishedDistributionImported>().Where(e => e.CampaignCode == code).ToListAsync(ct))
                .Where(e => e.Warnings.Count > 0)
                .Select(e => new PublishedWarning(e.ServiceCode, e.Split.Value is null ? e.Split.Kind.ToString() : $"{e.Split.Kind}:{e.Split.Value}", e.Table, e.Warnings))
                .OrderBy(w => w.ServiceCode).ToList())
            .WithName("GetPublishedWarnings")
            .WithSummary("What the cross-checks found wrong in the published report behind a campaign's historical data")
            .Produces<IReadOnlyList<PublishedWarning>>();
        read.MapGet("/ratings", async (string? campaign, int? period, SurveyKind? kind, string? by, SurveyRatingsQueries queries,
                    RatingResponses responses, HttpContext http, CancellationToken ct) =>
                responses.Answer(http, await queries.RatingInputsAsync(new CampaignScope(campaign, period, kind), Dimension.Parse(by ?? "service", "by"), ct)))
            .WithName("GetRatings")
            .Produces(StatusCodes.Status304NotModified)
            .WithSummary("Ratings by service, body, region, channel, criterion (or pairs such as body|region) for a campaign, campaigns listed " +
                         "(campaign=A,B) or a period's campaigns of one kind, ranked by their rule (campaigns with different rules or scales are refused)")
            .Rating<RatingsView>();
        read.MapGet("/ratings/changes", (string campaign, string previous, string? by, SurveyRatingsQueries queries, CancellationToken ct) =>
                queries.ChangesAsync(campaign, previous, Dimension.Parse(by ?? "service", "by"), ct))
            .WithName("GetRatingChanges")
            .WithSummary("Year-over-year change against a previous campaign, with a caveat for every difference that changes meaning " +
                         "(scale, kind, methodology, ranking rule, instrument, criteria, questions, service set, small-sample threshold)")
            .Rating<RatingChangesView>();
        read.MapGet("/slice", (string? campaign, int? period, string? service, string? body, string? region, string? channel,
                    string? gender, string? ageBand, string? source, string? criterion, string? groupBy, int? smallSample, DateTimeOffset? asOf,
                    SurveyRatingsQueries queries, CancellationToken ct) =>
                queries.SliceAsync(new SurveyRatingsQueries.SliceFilter(campaign, period, service, body, region, channel, gender, ageBand, source, criterion, asOf),
                    SliceBy.Parse(groupBy),
                    smallSample ?? SatisfactionFigures.DefaultSmallSampleThreshold, ct))
            .WithName("GetSlice")
            .WithSummary("Ad-hoc slice of the answers: any filters, grouped by any of campaign, period, service, body, unit, region, channel, gender, ageBand, source, complaint; asOf gives the figures as known at that moment")
            .Produces<IReadOnlyList<SurveyRatingsQueries.SliceRow>>()
            .ProducesValidationProblem();
        read.MapGet("/ratings/difference", (string? campaign, int? period, SurveyKind? kind, string? by, string key, string other,
                    SurveyRatingsQueries queries, CancellationToken ct) =>
                queries.DifferenceAsync(new CampaignScope(campaign, period, kind), Dimension.Parse(by ?? "body", "by"), key, other, ct))
            .WithName("GetRatingDifference")
            .WithSummary("Whether two rows of a view (e.g. two bodies) differ beyond sampling noise: the differences of mean (Welch t) and " +
                         "shares (two-proportion z) with 95 % intervals and p-values")
            .Rating<RatingDifference>();
        read.MapGet("/drivers", (string? campaign, int? period, SurveyKind? kind, string? service, string? body, string? region,
                    string? channel, string? gender, string? ageBand, string? source, DateTimeOffset? asOf, SurveyDriverQueries queries,
                    CancellationToken ct) =>
                queries.DriversAsync(new CampaignScope(campaign, period, kind),
                    new SurveyRatingsQueries.SliceFilter(null, null, service, body, region, channel, gender, ageBand, source, null, asOf), ct))
            .WithName("GetSatisfactionDrivers")
            .WithSummary("Driver analysis of a campaign or any slice of its answers: each criterion's correlation with overall satisfaction " +
                         "(N, 95 % interval, p), standardised regression coefficients, relative importance (Pratt) and the priority matrix " +
                         "that names the criteria to fix first")
            .Rating<DriversView>();
        read.MapGet("/social-concern", (string? campaign, int? period, SurveyKind? kind, string? by, SurveyRatingsQueries queries, CancellationToken ct) =>
                queries.SocialConcernAsync(new CampaignScope(campaign, period, kind), Dimension.Parse(by ?? "total", "by"), ct))
            .WithName("GetSocialConcernIndex")
            .WithSummary("Social-concern index per body, region or service (by=), or in total: the mean of the dissatisfied, distrust, " +
                         "complaint, informal payment and connection shares, each among those asked (null where nobody was)")
            .Rating<SocialConcernView>();
        read.MapGet("/campaigns/{code}/social-concern", (string code, SurveyRatingsQueries queries, CancellationToken ct) =>
                queries.SocialConcernAsync(new CampaignScope(code, null), Dimension.Total, ct))
            .WithName("GetCampaignSocialConcernIndex")
            .WithSummary("A campaign's social-concern index in total (the same as /social-concern?campaign=…)")
            .Rating<SocialConcernView>();
        read.MapGet("/campaigns/{code}/criteria-sum", (string code, SurveyRatingsQueries queries, CancellationToken ct) =>
                queries.CriteriaSumAsync(code, ct))
            .WithName("GetCriteriaSum")
            .WithSummary("City-survey score per service: criterion means summed against 5 × criteria (e.g. 73 of 75 = 97 %)")
            .Produces<IReadOnlyList<CriteriaSumRow>>()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    /// <summary>A rating view: its rows, a 400 for an unknown <c>by</c>, a 404 for an unknown campaign or period.</summary>
    private static RouteHandlerBuilder Rating<TView>(this RouteHandlerBuilder endpoint) =>
        endpoint.Produces<TView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<IResult> ImportResponsesAsync(string code, string? format, bool? skipInvalid, bool? wait, HttpContext http,
        SurveyResponseImporter importer, SurveyImportRuns runs, SurveyCampaignQueries campaigns, IConfiguration configuration)
    {
        var importFormat = ImportFormatOf(format ?? http.Request.ContentType);
        if (importFormat is null)
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["format"] = [ImportFormatRule] });

        var maxBytes = MaxImportBytes(configuration);
        if (http.Request.ContentLength > maxBytes) return TooLarge(maxBytes);

        // The file is spooled to disk (bounded by the limit) and read from there in passes: memory holds one
        // chunk of rows, whatever the file's size.
        string? path = Path.Combine(Path.GetTempPath(), $"monitoring-import-{Guid.NewGuid():N}");
        long spooled = 0;
        try
        {
            await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
            {
                var buffer = new byte[81920];
                int read;
                while ((read = await http.Request.Body.ReadAsync(buffer, http.RequestAborted)) > 0)
                {
                    if (file.Position + read > maxBytes) return TooLarge(maxBytes);
                    await file.WriteAsync(buffer.AsMemory(0, read), http.RequestAborted);
                }
                spooled = file.Position;
            }
            var options = new ImportOptions(SkipInvalidRows: skipInvalid ?? false);
            if (wait == false)
            {
                // Refused now, as the waiting import would be (404), rather than accepted and failing in the background.
                await campaigns.CampaignAsync(code, http.RequestAborted);
                // In the background, with a status resource to poll for its progress (a long file's client shows a bar);
                // the run deletes the spooled file when it ends.
                var run = runs.Start(code, path, "request body", importFormat.Value, options, http.UserName(), http.CorrelationId());
                path = null;
                return Results.Accepted($"/api/surveys/imports/{run.Id}", ImportRunStatus.Of(run));
            }
            var report = await importer.ImportAsync(code, () => File.OpenRead(path), importFormat.Value, http.UserName(), http.CorrelationId(),
                options, null, http.RequestAborted);
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
            if (path is not null)
            {
                File.Delete(path);
                MemoryRelease.AfterImport(spooled);
            }
        }
    }

    public const string ImportFormatRule = "must be csv or jsonl (or send Content-Type text/csv / application/x-ndjson)";

    /// <summary>An import file's format from what names it (a format parameter, a content type, a file's extension), or null.</summary>
    public static ImportFormat? ImportFormatOf(string? hint) => (hint ?? "").ToLowerInvariant() switch
    {
        var f when f.Contains("csv") => ImportFormat.Csv,
        var f when f.Contains("json") => ImportFormat.JsonLines, // json, jsonl, ndjson
        _ => null,
    };

    /// <summary>The largest import file accepted (configuration <c>Monitoring:Imports:MaxBytes</c>).</summary>
    public static long MaxImportBytes(IConfiguration configuration) => configuration.GetValue("Monitoring:Imports:MaxBytes", DefaultMaxBytes);

    private static IResult TooLarge(long maxBytes) => Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "The file is too large",
        detail: $"An import file may be at most {maxBytes:N0} bytes (Monitoring:Imports:MaxBytes); split it, nothing was imported.",
        extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["body"] = [$"larger than {maxBytes} bytes"] } });
}
