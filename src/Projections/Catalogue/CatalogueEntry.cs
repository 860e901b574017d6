namespace Monitoring.Projections.Catalogue;

/// <summary>
/// What the read models of a state body and of a service share (inline, consistent with writes): the code, every name
/// with its date, the retirement.
/// </summary>
public abstract class CatalogueEntry
{
    /// <summary>The stream key, <c>body:{code}</c> or <c>service:{code}</c>.</summary>
    public string Id { get; set; } = "";
    public string Code { get; set; } = "";
    public string NameRu { get; set; } = "";
    public string? NameKk { get; set; }
    public List<NameRevision> Names { get; set; } = [];
    public DateOnly? RetiredOn { get; set; }
    public string? RetirementReason { get; set; }
    public long Version { get; set; }
    public DateTimeOffset LastChangedAt { get; set; }
}

public sealed record NameRevision(string NameRu, string? NameKk, DateOnly EffectiveFrom, string? Reason, Provenance RecordedBy);

/// <summary>Projects a catalogue entry: renaming and retirement here, its registration and its own changes in <see cref="Apply"/>.</summary>
public abstract class CatalogueProjection<T> : SingleStreamProjection<T, string> where T : CatalogueEntry, new()
{
    /// <summary>A new entry with its first name.</summary>
    protected static T Registered(string id, string code, string nameRu, string? nameKk, DateOnly effectiveFrom, Provenance provenance) =>
        new() { Id = id, Code = code, NameRu = nameRu, NameKk = nameKk, Names = [new NameRevision(nameRu, nameKk, effectiveFrom, null, provenance)] };

    /// <summary>The entry after an event of its own (its registration creates it), or null when the event is none of them.</summary>
    protected abstract T? Apply(T? entry, string id, object data, Provenance provenance);

    public override T? Evolve(T? snapshot, string id, IEvent e)
    {
        var provenance = Provenance.Of(e);
        switch (e.Data)
        {
            case ICatalogueRenamed renamed when snapshot is not null:
                snapshot.NameRu = renamed.NameRu;
                snapshot.NameKk = renamed.NameKk;
                snapshot.Names.Add(new NameRevision(renamed.NameRu, renamed.NameKk, renamed.EffectiveFrom, renamed.Reason, provenance));
                break;
            case ICatalogueRetired retired when snapshot is not null:
                snapshot.RetiredOn = retired.RetiredOn;
                snapshot.RetirementReason = retired.Reason;
                break;
            default:
                if (Apply(snapshot, id, e.Data, provenance) is not { } applied) return snapshot;
                snapshot = applied;
                break;
        }

        snapshot.Version = e.Version;
        snapshot.LastChangedAt = e.Timestamp;
        return snapshot;
    }
}
