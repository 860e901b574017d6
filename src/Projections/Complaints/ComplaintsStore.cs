using Monitoring.Domain.Complaints;

namespace Monitoring.Projections.Complaints;

public static class ComplaintsStore
{
    public static StoreOptions ConfigureComplaints(this StoreOptions opts)
    {
        opts.Events.AddEventTypes([typeof(ComplaintLodged), typeof(ComplaintDecided), typeof(ComplaintAnswered), typeof(ComplaintAnswerOverdue)]);
        opts.Projections.Add(new ComplaintViewProjection(), ProjectionLifecycle.Inline);
        opts.Projections.Add(new WriteModelAggregation<Complaint>(Complaint.Evolve), ProjectionLifecycle.Live);
        opts.Schema.For<ComplaintView>().Index(x => x.BodyCode);
        return opts;
    }
}
