using Monitoring.Domain.Deliveries;

namespace Monitoring.Application.Deliveries;

/// <summary>Submit a service-delivery report of a body for a period from one source (the body, or the information system).</summary>
[Post("/api/reports/deliveries",
    "Submit a delivery report (delivered, refusals, late cases by reference) of a body for a period; the same submission twice is a 409",
    Created = "/api/reports/deadline-compliance?body={bodyCode}&period={period}", Problems = [409], Steward = true)]
public sealed record SubmitDeliveryReport(
    string Reference, DeliverySource Source, string BodyCode, int Period, IReadOnlyList<DeliveryLine> Lines,
    IReadOnlyList<LateCase>? LateDeliveries, int LateDataSubmissions) : IBodyScoped;

public sealed class SubmitDeliveryReportValidator : AbstractValidator<SubmitDeliveryReport>
{
    public SubmitDeliveryReportValidator()
    {
        RuleFor(x => x.Reference).NotEmpty().Matches(Inspections.InspectionRules.IdPattern);
        RuleFor(x => x.Source).Must(s => s is DeliverySource.BodyReport or DeliverySource.InformationSystem)
            .WithMessage("must be BodyReport or InformationSystem");
        RuleFor(x => x.BodyCode).IsCatalogueCode();
        RuleFor(x => x.Period).InclusiveBetween(2000, 2100);
        RuleFor(x => x.LateDataSubmissions).GreaterThanOrEqualTo(0);
        RuleForEach(x => x.Lines).ChildRules(l =>
        {
            l.RuleFor(x => x.ServiceCode).NotEmpty();
            l.RuleFor(x => x.Delivered).GreaterThanOrEqualTo(0);
            l.RuleFor(x => x.Refusals).GreaterThanOrEqualTo(0);
        });
        RuleForEach(x => x.LateDeliveries).ChildRules(l =>
        {
            l.RuleFor(x => x.Reference).NotEmpty().MaximumLength(100);
            l.RuleFor(x => x.ServiceCode).NotEmpty();
        });
        RuleFor(x => x.LateDeliveries).Must(l => l!.Select(c => c.Reference).Distinct().Count() == l!.Count)
            .When(x => x.LateDeliveries is not null).WithMessage("references must be unique within a report");
    }
}

public static class SubmitDeliveryReportHandler
{
    public static string StreamKey(DeliverySource source, string body, int period, string reference) => $"delivery:{source}:{body}:{period}:{reference}";

    public static async Task<CommandResult> Handle(SubmitDeliveryReport c, IDocumentSession session, CancellationToken ct)
    {
        await CatalogueRules.RequireActiveBodyAsync(session, c.BodyCode, "bodyCode", ct);
        await CatalogueRules.RequireServicesAsync(session,
            c.Lines.Select(l => l.ServiceCode).Concat((c.LateDeliveries ?? []).Select(l => l.ServiceCode)), "lines", ct);

        // The same source, body, period and reference twice collides on the stream key: 409, nothing changes.
        session.Events.StartStream(StreamKey(c.Source, c.BodyCode, c.Period, c.Reference),
            new DeliveryReportSubmitted(c.Reference, c.Source, c.BodyCode, c.Period, c.Lines, c.LateDeliveries ?? [], c.LateDataSubmissions));
        return new CommandResult(c.Reference, 1);
    }
}
