using Monitoring.Api.Common;
using Monitoring.Application.Surveys.Import;

namespace Monitoring.Api.Surveys;

public static class ImportPublishedReportEndpoint
{
    public static void Map(IEndpointRouteBuilder group) =>
        group.MapPost("/published", (PublishedReportFile file, PublishedReportImporter importer, HttpContext http) =>
                importer.ImportAsync(file, http.UserName(), http.CorrelationId(), http.RequestAborted))
            .WithName("ImportPublishedReport")
            .WithSummary("Import per-service distributions transcribed from a published report (historical data), cross-checked")
            .Produces<PublishedImportReport>()
            .ProducesValidationProblem();
}
