using System.Text;
using Monitoring.Application.Common;
using Monitoring.Application.Deliveries;
using Monitoring.Domain.Catalogue;
using Monitoring.Domain.Deliveries;

namespace Monitoring.Api.Tests.Deliveries;

/// <summary>The CSV files of a delivery report (the steward's upload): what reads, and every row that does not, by its file line.</summary>
public sealed class DeliveryReportFileTests
{
    private static MemoryStream File(string text) => new(Encoding.UTF8.GetBytes(text));

    [Fact]
    public void Lines_read_in_any_column_order_with_commas_or_semicolons_a_byte_order_mark_and_grouped_digits()
    {
        var read = DeliveryReportFile.ReadLines(File("\uFEFFRefusals;Service;CHANNEL;delivered\r\n3;PM-1;body;1 200\r\n\r\n0;\"PM-2\";StateCorporation;5400\r\n"));
        read.Errors.ShouldBeEmpty();
        read.Rows.ShouldBe([new DeliveryLine("PM-1", Channel.Body, 1200, 3), new DeliveryLine("PM-2", Channel.StateCorporation, 5400, 0)]);
        read.Lines.ShouldBe([2, 4]);

        var late = DeliveryReportFile.ReadLateCases(File("reference,service\nR-1,PM-1\n\"R,2\",PM-1\n"));
        late.Errors.ShouldBeEmpty();
        late.Rows.ShouldBe([new LateCase("R-1", "PM-1"), new LateCase("R,2", "PM-1")]);
    }

    [Fact]
    public void Every_bad_cell_is_named_by_line_and_column_and_a_missing_column_by_the_header()
    {
        var read = DeliveryReportFile.ReadLines(File("service,channel,delivered,refusals\n,Fax,12,0\nPM-1,Body,many,-1\nPM-1,3,1,\nPM-2,EGov,4,0\n"));
        read.Rows.ShouldBe([new DeliveryLine("PM-2", Channel.EGov, 4, 0)]);
        read.Errors.Select(e => (e.Line, e.Column)).ShouldBe([(2, "service"), (2, "channel"), (3, "delivered"), (4, "channel"), (4, "refusals")]);
        read.Errors[2].Reason.ShouldBe("'many' is not a whole number");

        var header = DeliveryReportFile.ReadLines(File("service,channel,count\nPM-1,Body,1\n"));
        header.Errors.ShouldHaveSingleItem().ShouldBe(new FileRowError(1, "header",
            "missing columns delivered, refusals (the first line names the columns: service,channel,delivered,refusals)"));
        DeliveryReportFile.ReadLateCases(File("")).Errors.ShouldHaveSingleItem().Column.ShouldBe("header");
    }
}
