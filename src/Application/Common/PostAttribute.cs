namespace Monitoring.Application.Common;

/// <summary>
/// A command's HTTP endpoint, kept with the command so that adding a command to a capability is writing one file: the
/// Api maps every command of a capability that carries it (<c>CommandEndpoints.MapCommands</c>). POST to
/// <see cref="Route"/>, whose route values are the command's fields of the same names; the OpenAPI operation is named
/// after the command.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class PostAttribute(string route, string summary) : Attribute
{
    public string Route { get; } = route;
    public string Summary { get; } = summary;

    /// <summary>
    /// For a command that creates something: where to read it, answered 201 with this location; <c>{field}</c> is the
    /// command's field of that name, <c>{id}</c> the id in the result.
    /// </summary>
    public string? Created { get; set; }

    /// <summary>The problems it answers besides 400: 404 when what it changes is not there, 409 when its state or version does not allow it.</summary>
    public int[] Problems { get; set; } = [];

    /// <summary>Sent by a state body's data steward (or an admin) for their own body, which is checked against their token (403).</summary>
    public bool Steward { get; set; }
}
