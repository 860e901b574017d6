namespace Monitoring.Projections.Surveys;

/// <summary>
/// A response id taken in a campaign. Written in the same transaction as the event that carries the answer, whichever
/// way it came (one answer, a file of any bytes, the command line): the document's primary key makes a second
/// recording of the same id fail in the database itself, so concurrent writers cannot both count one respondent.
/// </summary>
public sealed class RecordedResponse
{
    /// <summary><c>{campaign}:{response id}</c>.</summary>
    public string Id { get; set; } = "";
    public string CampaignCode { get; set; } = "";
    public string ResponseId { get; set; } = "";
    /// <summary>The stream of the event that carries the answer (<c>response:…</c> or <c>import:…</c>).</summary>
    public string StreamKey { get; set; } = "";

    public static string IdOf(string campaign, string responseId) => $"{campaign}:{responseId}";

    public static RecordedResponse For(string campaign, string responseId, string streamKey) =>
        new() { Id = IdOf(campaign, responseId), CampaignCode = campaign, ResponseId = responseId, StreamKey = streamKey };
}
