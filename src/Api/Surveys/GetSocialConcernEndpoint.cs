using Monitoring.Domain.Surveys;
using Monitoring.Projections.Surveys;

namespace Monitoring.Api.Surveys;

public static class GetSocialConcernEndpoint
{
    public sealed record SocialConcernView(string Campaign, SocialConcernIndex Components, decimal Index);

    public static void Map(IEndpointRouteBuilder group) =>
        group.MapGet("/campaigns/{code}/social-concern", async (string code, SurveyRatingsQueries queries, CancellationToken ct) =>
                await queries.SocialConcernAsync(code, ct) is { } index
                    ? Results.Ok(new SocialConcernView(code, index, index.Value))
                    : Results.Problem(statusCode: 404, title: "No respondent-level answers",
                        detail: $"Campaign '{code}' has no recorded answers with the trust criterion (published distributions do not carry the yes/no questions)"))
            .WithName("GetSocialConcernIndex")
            .WithSummary("Social-concern index: mean of dissatisfied, distrust, complaint, informal payment and connection shares")
            .Produces<SocialConcernView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
