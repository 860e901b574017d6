using System.Text.Json.Nodes;
using Marten.Events;
using Monitoring.Application.Assessments;
using Monitoring.Application.Deliveries;
using Monitoring.Application.Inspections;
using Monitoring.Domain.Assessments;

namespace Monitoring.Api.DemoData;

/// <summary>
/// Plays <c>data/assessments/*.json</c>: the steps of an assessment (catalogue entries, reports, inspection,
/// complaints, survey figures, opening, measures, publication) as the commands the named people would send. A step
/// that is already recorded answers "already exists" and is skipped, so a restart or a crash half-way never records
/// anything twice; an assessment that is already published is not replayed at all.
/// </summary>
public static class DemoAssessmentLoader
{
    private static readonly Dictionary<string, Type> Commands = new[]
    {
        typeof(RegisterStateBody), typeof(RegisterService), typeof(SubmitDeliveryReport), typeof(SubmitInternalControlReport),
        typeof(OpenInspection), typeof(RecordViolation), typeof(LodgeComplaint), typeof(DecideComplaint), typeof(OpenAssessment),
        typeof(ReportSatisfactionMeasures), typeof(RecogniseSatisfactionMeasures), typeof(PublishAssessment),
    }.ToDictionary(t => t.Name);

    public static async Task LoadAsync(IServiceProvider root, ILogger logger, CancellationToken ct)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "data", "assessments");
        if (!Directory.Exists(folder)) return;
        foreach (var path in Directory.EnumerateFiles(folder, "*.json").Order())
        {
            var steps = JsonNode.Parse(await File.ReadAllTextAsync(path, ct))!["steps"]!.AsArray();
            var open = steps.Select(s => s!["command"]!.GetValue<string>() == nameof(OpenAssessment) ? s["data"] : null).OfType<JsonNode>().Single();
            var key = Assessment.StreamKey(open["bodyCode"]!.GetValue<string>(), open["period"]!.GetValue<int>());
            await using (var scope = root.CreateAsyncScope())
            {
                var existing = await scope.ServiceProvider.GetRequiredService<IQuerySession>().LoadAsync<AssessmentView>(key, ct);
                if (existing is { Revisions.Count: > 0 }) continue;
            }
            var recorded = 0;
            foreach (var step in steps)
                if (await PlayAsync(root, step!, Path.GetFileName(path), ct)) recorded++;
            logger.LogInformation("Demo data: {File}: {Recorded} of {Steps} assessment steps recorded ({Key})", Path.GetFileName(path), recorded, steps.Count, key);
        }
    }

    private static async Task<bool> PlayAsync(IServiceProvider root, JsonNode step, string file, CancellationToken ct)
    {
        var name = step["command"]!.GetValue<string>();
        var user = step["user"]!.GetValue<string>();
        var data = step["data"]!;
        var correlation = $"demo-data:{file}";
        await using var scope = root.CreateAsyncScope();
        if (name == "PublishedReport")
        {
            var report = data.Deserialize<PublishedReportFile>(PublishedReportFile.Json)!;
            var result = await scope.ServiceProvider.GetRequiredService<PublishedReportImporter>().ImportAsync(report, user, correlation, ct);
            return result.DistributionsImported > 0;
        }
        var command = data.Deserialize(Commands[name], DemoDataLoader.Json)!;
        // Publication freezes the survey figures: let the asynchronous survey read model catch up with the import first.
        if (command is PublishAssessment)
            await scope.ServiceProvider.GetRequiredService<IDocumentStore>().WaitForNonStaleProjectionDataAsync(TimeSpan.FromMinutes(2));
        return await SendAsync(root, command, user, correlation, ct);
    }

    /// <summary>Sends a command as <paramref name="user"/>: false when it is recorded already (409, by an earlier run).</summary>
    public static async Task<bool> SendAsync(IServiceProvider root, object command, string user, string correlation, CancellationToken ct)
    {
        await using var scope = root.CreateAsyncScope();
        try
        {
            await scope.ServiceProvider.GetRequiredService<IMessageContext>().SendAsync(command, user, correlation, ct);
            return true;
        }
        catch (Exception e) when (ProblemDetailsExceptionHandler.StatusOf(e) == 409)
        {
            return false;
        }
    }
}
