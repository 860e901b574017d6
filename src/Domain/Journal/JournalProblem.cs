namespace Monitoring.Domain.Journal;

/// <summary>What verification found wrong with one place of the recorded history.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<JournalProblemKind>))]
public enum JournalProblemKind
{
    /// <summary>The event's data is not what was appended.</summary>
    DataChanged,
    /// <summary>Who recorded it, its correlation, causation, headers or tenant are not what was appended.</summary>
    MetadataChanged,
    /// <summary>Its stream, version, type, id or recording time are not what was appended.</summary>
    HeaderChanged,
    /// <summary>The event recorded at another sequence now sits here (events swapped or moved).</summary>
    Reordered,
    /// <summary>An appended event is gone.</summary>
    Missing,
    /// <summary>An event is in the store that was never journalled when appended, or only after its place was sealed.</summary>
    Inserted,
    /// <summary>The journal's own record (a leaf, the sealed tree, the chain) was altered.</summary>
    JournalAltered,
    /// <summary>A signed digest does not match the journal, or its signature does not check.</summary>
    DigestMismatch,
}

public sealed record JournalProblem(long? Sequence, string? Stream, long? Version, JournalProblemKind Kind, string Detail,
    string? Expected = null, string? Actual = null);
