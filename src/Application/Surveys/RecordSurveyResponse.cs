namespace Monitoring.Application.Surveys;

/// <summary>Record one respondent's answers. The response id is the caller's: sending the same id twice is refused (409).</summary>
public sealed record RecordSurveyResponse(string CampaignCode, SurveyResponseInput Response);

public sealed class RecordSurveyResponseValidator : AbstractValidator<RecordSurveyResponse>
{
    public RecordSurveyResponseValidator()
    {
        RuleFor(x => x.CampaignCode).NotEmpty();
        RuleFor(x => x.Response).NotNull();
        RuleFor(x => x.Response.ResponseId).NotEmpty().MaximumLength(100).When(x => x.Response is not null);
        RuleFor(x => x.Response.ServiceCode).NotEmpty().When(x => x.Response is not null);
        RuleFor(x => x.Response.RegionCode).NotEmpty().When(x => x.Response is not null);
        RuleFor(x => x.Response.Channels).NotEmpty().When(x => x.Response is not null);
    }
}

public static class RecordSurveyResponseHandler
{
    public static string StreamKey(string campaign, string responseId) => $"response:{campaign}:{responseId}";

    public static async Task<CommandResult> Handle(RecordSurveyResponse command, IQuerySession session, SurveyContextCache contexts,
        SurveyAnswerWriter writer, IMessageContext message, CancellationToken ct)
    {
        var context = await contexts.GetAsync(session, command.CampaignCode, command.Response.ServiceCode, ct);
        var passport = context.PassportOf(command.Response.ServiceCode);
        var recorded = command.Response.ToEvent(context.Campaign, passport, SurveySource.Interview, null);
        var problems = context.Campaign.Check(recorded, passport, context.IsTerritory);
        if (problems.Count > 0) throw new DomainRuleViolation(problems.Select(p => ($"response.{p.Field}", p.Reason)).ToList());

        // Written by group commit, which first looks up the group's ids (one query for the group: an id already taken is
        // refused before anything is written) and then takes them in the answers' own transaction.
        await writer.WriteAsync(StreamKey(command.CampaignCode, recorded.ResponseId), recorded, message.UserName, message.CorrelationId, ct);
        return new CommandResult(recorded.ResponseId, 1);
    }
}
