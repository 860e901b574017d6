namespace Monitoring.Api.Auth;

/// <summary>The <c>token</c> command: a development bearer token for a role, signed with the configured key.</summary>
public static class DevToken
{
    public static int Run(string[] args)
    {
        var role = args.FirstOrDefault(a => !a.StartsWith("--"));
        if (role is null || !Roles.All.Contains(role))
        {
            Console.Error.WriteLine($"usage: token ROLE [--name NAME] [--body BODYCODE]   ROLE is one of: {string.Join(", ", Roles.All)}");
            return 2;
        }
        string? Option(string name) => Array.IndexOf(args, name) is var i && i >= 0 && i + 1 < args.Length ? args[i + 1] : null;

        // The same sources, in the same order, as the API in that environment; a development tool, so Development
        // unless told otherwise (then it signs with the key that environment's API checks).
        var environment = Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT")
                          ?? Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") ?? Environments.Development;
        var configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddJsonFile($"appsettings.{environment}.json", optional: true)
            .AddEnvironmentVariables()
            .Build();
        var settings = configuration.GetSection(JwtSettings.Section).Get<JwtSettings>() ?? new JwtSettings();
        if (settings.UsesProvider)
        {
            Console.Error.WriteLine($"Auth:Authority is set ({settings.Authority}): tokens come from that provider, not from this command.");
            return 2;
        }
        if (settings.RefusalReason(environment == Environments.Development) is { } refusal)
        {
            Console.Error.WriteLine($"No token (environment {environment}): {refusal}.");
            return 2;
        }
        Console.WriteLine(settings.Issue(Option("--name") ?? $"dev-{role}", [role], Option("--body"), DateTimeOffset.UtcNow));
        return 0;
    }
}
