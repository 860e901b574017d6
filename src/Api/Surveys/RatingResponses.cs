using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Monitoring.Projections.Surveys;

namespace Monitoring.Api.Surveys;

/// <summary>
/// Rating views as answered, serialised, by the digest of what they were computed from
/// (<see cref="SurveyRatingsQueries.RatingInputs.Digest"/>: the campaigns at their versions, the view's pooled rows and
/// total, the names of its keys). Every request still reads those inputs from the database, so an answer is never older
/// than the read models; what is kept is the work of computing the figures, intervals and ranks of every row and writing
/// them out, which is most of a dashboard's request. The digest is also the answer's ETag. Bounded: past
/// <see cref="Capacity"/> views it starts afresh.
/// </summary>
public sealed class RatingResponses(IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
{
    public const int Capacity = 128;
    private readonly ConcurrentDictionary<string, byte[]> _views = new(StringComparer.Ordinal);

    public IResult Answer(HttpContext http, SurveyRatingsQueries.RatingInputs inputs)
    {
        var etag = $"\"{inputs.Digest}\"";
        http.Response.Headers.ETag = etag;
        // If-None-Match is a list of tags, weak or strong, or "*" (RFC 9110, 13.1.2: compared weakly).
        var current = new Microsoft.Net.Http.Headers.EntityTagHeaderValue(etag);
        if (http.Request.GetTypedHeaders().IfNoneMatch?.Any(t => t.Equals(Microsoft.Net.Http.Headers.EntityTagHeaderValue.Any)
                || t.Compare(current, useStrongComparison: false)) == true)
            return Results.StatusCode(StatusCodes.Status304NotModified);
        if (!_views.TryGetValue(inputs.Digest, out var body))
        {
            body = JsonSerializer.SerializeToUtf8Bytes(SurveyRatingsQueries.Ratings(inputs), json.Value.SerializerOptions);
            if (_views.Count >= Capacity) _views.Clear();
            _views[inputs.Digest] = body;
        }
        return Results.Bytes(body, "application/json; charset=utf-8");
    }
}
