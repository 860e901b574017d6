using Monitoring.Domain.Journal;

namespace Monitoring.Domain.Tests.Journal;

public sealed class JournalLeafTests
{
    /// <summary>
    /// A violation event (Cyrillic in its data, JSON null headers, no binary data) and the hashes PostgreSQL's trigger wrote
    /// for it when it was appended (read back from a benchmark database): the encoding here must give the same bytes.
    /// </summary>
    [Fact]
    public void The_hashes_are_those_the_database_trigger_wrote_when_the_event_was_appended()
    {
        var e = new JournalEvent(25144, Guid.Parse("669a8d84-04b4-4580-a661-25238763f481"), "inspection:BENCH-B02-I0001", 2, "violation_recorded",
            1796145570576975, "*DEFAULT*", "bench (inspector)", "49fd56013aee4eb2aa089c9ad4d046f6", "08df4fcf-42af-99ea-0698-32abff480000", "null",
            "Monitoring.Domain.Inspections.ViolationRecorded, Monitoring.Domain", null,
            """{"type": "IncompletePackage", "count": 1, "period": 2019, "counted": 1, "evidence": "Акт", "serviceCode": "BENCH-S22", "violationId": "v0", "inspectionId": "BENCH-B02-I0001"}""");

        var hashes = JournalLeaf.Hash(e);

        Convert.ToHexStringLower(hashes.Data).ShouldBe("98e304560f93b91fd482ba4d57fb17539e42959f9540947a1c597dd7f2d3c50e");
        Convert.ToHexStringLower(hashes.Meta).ShouldBe("580ea3507b66ba289e2378708ccd3c736cad55ba8254881be80e18f9b7352042");
        Convert.ToHexStringLower(hashes.Leaf).ShouldBe("0bdbb1aa6597b021cff60b156bcaa8b3fd4e08117b3c002aed2a9df1a55cd076");
    }
}
