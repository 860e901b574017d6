namespace Monitoring.Projections.Journal;

/// <summary>The journal's tables and the trigger that writes a leaf for every appended event (filled in by the journal work).</summary>
public static class JournalSchema
{
    public static IReadOnlyList<string> Tables => [];

    public static IEnumerable<string> OwnerSql(string schema) => [];
}
