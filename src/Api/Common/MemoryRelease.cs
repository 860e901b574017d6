namespace Monitoring.Api.Common;

/// <summary>
/// Gives back to the operating system what a large import made the process take. An import streams its file from a
/// spool on disk and holds a few batches at a time, but those batches pass through the garbage-collected heap at
/// hundreds of megabytes a minute; the collector keeps the memory it grew to (about 800 MiB after a 64 MiB file, while
/// the live heap was under 100 MiB), and the node then runs on that. One compacting, decommitting collection when a
/// large import ends returns it, at the cost of a pause of a fraction of a second once per import.
/// </summary>
public static class MemoryRelease
{
    /// <summary>Files from this size on are followed by the collection (16 MiB: about 250,000 answers).</summary>
    public const long LargeImportBytes = 16L * 1024 * 1024;

    public static void AfterImport(long fileBytes)
    {
        if (fileBytes < LargeImportBytes) return;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }
}
