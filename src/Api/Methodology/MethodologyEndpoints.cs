using Monitoring.Application.Methodology;
using Monitoring.Projections.Methodology;

namespace Monitoring.Api.Methodology;

public static class MethodologyEndpoints
{
    public sealed record ScoreRequest(Dictionary<string, decimal?> Inputs, decimal? PreviousFinal);

    public static void MapMethodology(this IEndpointRouteBuilder app)
    {
        var read = app.MapGroup("/api/methodologies").WithTags("Methodology").RequireAuthorization(Policies.Read).RejectUnknownQuery();
        app.MapCommands<PublishMethodologyVersion>("Methodology", Policies.Assess);


        read.MapGet("", (MethodologyQueries queries, CancellationToken ct) => queries.ListAsync(ct))
            .WithName("ListMethodologyVersions").WithSummary("Every published methodology version, with its criteria and the digest it was frozen with").Produces<IReadOnlyList<MethodologyView>>();

        read.MapGet("/{code}", async (string code, MethodologyQueries queries, CancellationToken ct) =>
                await queries.FindAsync(code, ct) ?? throw new NotFound("Methodology version", code))
            .WithName("GetMethodologyVersion").WithSummary("One methodology version: criteria, indicators, scales and the survey rules it applies").Produces<MethodologyView>().ProducesProblem(StatusCodes.Status404NotFound);

        // What-if: score any inputs under a version, writing nothing.
        read.MapPost("/{code}/score", async (string code, ScoreRequest request, MethodologyQueries queries, CancellationToken ct) =>
            {
                // Nothing is stored, but what-if inputs get the same checks as any other input (names, sizes, magnitudes).
                if (InputHygiene.Check(request) is { Count: > 0 } problems) throw new DomainRuleViolation(problems);
                var view = await queries.FindAsync(code, ct) ?? throw new NotFound("Methodology version", code);
                return ScorecardCalculator.Compute(view.Version, request.Inputs, request.PreviousFinal);
            })
            .WithName("ScoreUnderMethodology").NotBodyScoped("scores the inputs sent, reads no body's data and stores nothing")
            .WithSummary("What-if: compute a scorecard from named inputs under a version, with every indicator's derivation; nothing is stored")
            .Produces<ScorecardResult>().ProducesProblem(StatusCodes.Status404NotFound);
    }
}
