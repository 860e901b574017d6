using Monitoring.Application.Surveys;

namespace Monitoring.Api.DemoData;

/// <summary>
/// Publishes <c>data/surveys/instruments/*.json</c> (the Petropavlovsk 2019 city survey's questionnaire, Russia's
/// "Ваш контроль") through <see cref="PublishSurveyInstrument"/>, as an analyst would: an instrument already published
/// answers 409 and is skipped, so a restart publishes nothing twice.
/// </summary>
public static class DemoInstrumentLoader
{
    /// <summary>Publishes the instruments not yet published; returns how many it published.</summary>
    public static async Task<int> LoadAsync(IServiceProvider root, ILogger logger, CancellationToken ct)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "data", "surveys", "instruments");
        if (!Directory.Exists(folder)) return 0;
        var count = 0;
        foreach (var path in Directory.EnumerateFiles(folder, "*.json").Order())
        {
            await using var json = File.OpenRead(path);
            var command = await JsonSerializer.DeserializeAsync<PublishSurveyInstrument>(json, DemoDataLoader.Json, ct)
                          ?? throw new InvalidDataException($"{path} is empty");
            var published = await DemoAssessmentLoader.SendAsync(root, command, DemoDataLoader.User, $"demo-data:{Path.GetFileName(path)}", ct);
            if (published) count++;
            logger.LogInformation("Demo data: instrument {Code} ({Criteria} criteria) {Outcome}", command.Code, command.Criteria.Count,
                published ? "published" : "already published");
        }
        return count;
    }
}
