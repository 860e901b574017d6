namespace Monitoring.Api.Auth;

/// <summary>
/// Brings the provider's claims to the names the rest of the API reads: roles to <c>role</c>, the steward's body to
/// <c>body</c>. Identity providers differ (Keycloak nests roles in <c>realm_access.roles</c>, Entra ID uses <c>roles</c>),
/// and only the configured claim may grant a role: a same-named <c>role</c> claim the provider happens to pass through
/// is dropped when another claim is configured.
/// </summary>
public static class ProviderClaims
{
    public static void Normalise(ClaimsIdentity identity, JwtSettings settings)
    {
        Map(identity, settings.RoleClaim, "role");
        Map(identity, settings.BodyClaim, "body");
    }

    private static void Map(ClaimsIdentity identity, string source, string target)
    {
        if (string.IsNullOrWhiteSpace(source) || source == target) return;
        var values = Values(identity, source).Distinct(StringComparer.Ordinal).ToList();
        foreach (var stale in identity.FindAll(target).ToList()) identity.TryRemoveClaim(stale);
        foreach (var value in values) identity.AddClaim(new Claim(target, value));
    }

    /// <summary>A flat claim of that exact name, else a dotted path into a JSON-valued claim.</summary>
    public static IEnumerable<string> Values(ClaimsIdentity identity, string path)
    {
        var flat = identity.FindAll(path).ToList();
        if (flat.Count > 0)
        {
            foreach (var v in flat.SelectMany(c => FromValue(c.Value))) yield return v;
            yield break;
        }
        var dot = path.IndexOf('.');
        if (dot <= 0) yield break;
        foreach (var c in identity.FindAll(path[..dot]))
        {
            if (TryParse(c.Value) is not { } node) continue;
            foreach (var segment in path[(dot + 1)..].Split('.'))
                if (node.ValueKind != JsonValueKind.Object || !node.TryGetProperty(segment, out node)) { node = default; break; }
            foreach (var v in FromElement(node)) yield return v;
        }
    }

    // A claim value may itself be a JSON array when the handler kept it whole.
    private static IEnumerable<string> FromValue(string value) =>
        value.StartsWith('[') && TryParse(value) is { } array ? FromElement(array) : [value];

    private static JsonElement? TryParse(string json)
    {
        try { return JsonDocument.Parse(json).RootElement; }
        catch (JsonException) { return null; }
    }

    private static IEnumerable<string> FromElement(JsonElement node) => node.ValueKind switch
    {
        JsonValueKind.String => [node.GetString()!],
        JsonValueKind.Array => node.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!),
        _ => [],
    };
}
