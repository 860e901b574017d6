using Microsoft.AspNetCore.Mvc;

namespace Monitoring.Api.Assessments;

/// <summary>
/// <c>/assessments/{body}/{period}/revisions/{n}/conclusion</c>: the conclusion document of a published revision — the
/// same content as the API's (<see cref="ConclusionDocument"/>, in Russian, as the document is issued) on a page that
/// prints cleanly (the style sheet's print rules leave the document alone on the paper).
/// </summary>
public sealed class ConclusionModel(AssessmentQueries queries) : AssessmentPage
{
    [BindProperty(SupportsGet = true)] public int Revision { get; set; }

    public ConclusionDocument.Section Document { get; private set; } = null!;
    public ConclusionDocument.Source Source { get; private set; } = null!;

    protected override async Task LoadAsync(CancellationToken ct)
    {
        Source = await ConclusionDocument.LoadAsync(queries, Body, Period, Revision, ct);
        Document = Source.Build();
    }

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);
}
