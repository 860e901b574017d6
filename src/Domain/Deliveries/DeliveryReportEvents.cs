namespace Monitoring.Domain.Deliveries;

/// <summary>Delivered services and refusals of one service through one channel in the report's period.</summary>
public sealed record DeliveryLine(string ServiceCode, Channel Channel, long Delivered, long Refusals);

/// <summary>A late delivery reported individually: its application/delivery reference identifies it across sources.</summary>
public sealed record LateCase(string Reference, string ServiceCode);

/// <summary>
/// A service-delivery report (отчёт об оказании услуг) of a body for a period, from one source: the body itself or
/// the ministry's information system. Stream: <c>delivery:{source}:{body}:{period}:{reference}</c>, so the same
/// submission sent twice is refused and changes nothing.
/// </summary>
public sealed record DeliveryReportSubmitted(
    string Reference, DeliverySource Source, string BodyCode, int Period, IReadOnlyList<DeliveryLine> Lines,
    IReadOnlyList<LateCase> LateDeliveries, int LateDataSubmissions);
