namespace Monitoring.Application.Common;

/// <summary>What a command returns: the id it acted on and the stream version after it (the next expected version).</summary>
public sealed record CommandResult(string Id, long Version);
