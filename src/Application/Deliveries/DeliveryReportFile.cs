using Monitoring.Domain.Deliveries;

namespace Monitoring.Application.Deliveries;

/// <summary>
/// The CSV files of a delivery report (<see cref="SubmitDeliveryReport"/>): its lines, one per service and channel
/// (<c>service,channel,delivered,refusals</c>), and its late deliveries, one per case (<c>reference,service</c>), read as
/// <see cref="CsvFile"/> reads every upload. A channel is one of <see cref="Channel"/>'s names; counts are whole numbers,
/// spaces between digit groups allowed. The command's own rules (known services, non-negative counts, unique references)
/// stay the handler's.
/// </summary>
public static class DeliveryReportFile
{
    public static readonly string[] LineColumns = ["service", "channel", "delivered", "refusals"];
    public static readonly string[] LateColumns = ["reference", "service"];

    public static FileRows<DeliveryLine> ReadLines(Stream csv) => CsvFile.Read(csv, new CsvShape(LineColumns), row =>
        new DeliveryLine(row.Text("service"), row.Enum<Channel>("channel"), row.Count("delivered"), row.Count("refusals")));

    public static FileRows<LateCase> ReadLateCases(Stream csv) => CsvFile.Read(csv, new CsvShape(LateColumns), row =>
        new LateCase(row.Text("reference"), row.Text("service")));
}
