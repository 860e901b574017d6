using Microsoft.AspNetCore.Mvc;
using Monitoring.Application.Auth;
using Monitoring.Projections.Catalogue;

namespace Monitoring.Api.Web;

/// <summary>The body a steward's page is for: a steward's own (whatever the address asks), anyone else's choice (null: every body).</summary>
public static class BodyScope
{
    public static string? BodyFor(Actor actor, string? chosen) =>
        actor.ActsForOwnBodyOnly ? actor.Body : string.IsNullOrWhiteSpace(chosen) ? null : chosen.Trim();

    /// <summary>Whether the person may act for <paramref name="body"/> (a steward for their own only): what a page offers.</summary>
    public static bool MayActFor(Actor actor, string body) => !actor.ActsForOwnBodyOnly || actor.Body == body;
}

/// <summary>
/// A page of a body's records (complaints, reports) chosen by <c>?body=&amp;period=</c>: a steward sees their own body and is
/// offered no other; an admin chooses one or all. The filter is <c>/Web/_BodyFilter.cshtml</c>.
/// </summary>
public abstract class BodyScopedPage(CatalogueQueries catalogue) : WebPage
{
    [BindProperty(SupportsGet = true, Name = "body")] public string? Body { get; set; }
    [BindProperty(SupportsGet = true, Name = "period")] public int? Period { get; set; }

    /// <summary>The body the page is for: a steward's own; an admin's choice (null: every body).</summary>
    public string? ScopeBody { get; private set; }
    public bool ChoosesBody => !Actor.ActsForOwnBodyOnly;
    public IReadOnlyList<CatalogueBody> Bodies { get; private set; } = [];
    /// <summary>The services of the chosen body (for its forms).</summary>
    public IReadOnlyList<CatalogueService> BodyServices { get; private set; } = [];

    /// <summary>The body for a command from the form: the one posted (an admin's hidden choice), else the steward's own.</summary>
    protected string CommandBody(string? posted) => string.IsNullOrWhiteSpace(posted) ? Actor.Body ?? "" : posted.Trim();

    /// <summary>A page of this kind for the period chosen and the body a command went for (a steward's is implied).</summary>
    protected string AddressFor(string path, string? postedBody) =>
        $"{path}?period={Period}" + (ChoosesBody ? $"&body={Uri.EscapeDataString(CommandBody(postedBody))}" : "");

    protected async Task LoadScopeAsync(CancellationToken ct)
    {
        ScopeBody = BodyScope.BodyFor(Actor, Body);
        Bodies = await catalogue.BodiesAsync(null, null, null, false, ct);
        if (ScopeBody is not null) BodyServices = await catalogue.ServicesAsync(ScopeBody, null, null, false, ct);
    }

    public BodyFilter Filter(string bodyLabel, string allBodies, string yourBody, string periodLabel) =>
        new(ScopeBody, ChoosesBody, Bodies, Period, bodyLabel, allBodies, yourBody, periodLabel);
}

/// <summary>What the body and period filter shows, with the page's own texts.</summary>
public sealed record BodyFilter(string? ScopeBody, bool ChoosesBody, IReadOnlyList<CatalogueBody> Bodies, int? Period,
    string BodyLabel, string AllBodiesLabel, string YourBodyLabel, string PeriodLabel);
