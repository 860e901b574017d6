using Microsoft.AspNetCore.Mvc;

namespace Monitoring.Api.Assessments;

/// <summary>
/// An assessor's action on an assessment (recognise measures, assess or withdraw a penalty, publish a revision): one form
/// per page, so the API's reasons land on that form's fields. The command is the API's, sent as the signed-in assessor
/// with the version of the assessment they saw (a change meanwhile is refused, not overwritten); after it went through,
/// back to the scorecard with a message.
/// </summary>
public abstract class AssessmentActionPage(AssessmentQueries queries) : AssessmentPage
{
    /// <summary>The version of the assessment's stream the person saw (<c>expectedVersion</c> of the command).</summary>
    [BindProperty] public long? ExpectedVersion { get; set; }

    public AssessmentView Record { get; private set; } = null!;

    protected AssessmentQueries Queries => queries;

    protected override async Task LoadAsync(CancellationToken ct)
    {
        Record = await queries.AssessmentAsync(Body, Period, ct);
        await LoadMoreAsync(ct);
    }

    /// <summary>What else the page shows beside the assessment's record.</summary>
    protected virtual Task LoadMoreAsync(CancellationToken ct) => Task.CompletedTask;

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    /// <summary>Sends the command unless the form was refused already; refused → the page again with the reasons; done → the scorecard.</summary>
    protected async Task<IActionResult> ActAsync(object command, Func<CommandResult, string> done, string anchor, CancellationToken ct)
    {
        if (!ModelState.IsValid || await SendAsync(command, ct) is not { } result) return await RefusedPageAsync(ct);
        Flash = done(result);
        return Redirect($"{Home}#{anchor}");
    }
}
