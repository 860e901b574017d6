using JasperFx.Events;
using Marten.Events.Aggregation;
using Monitoring.Domain.Catalogue;

namespace Monitoring.Projections.Catalogue;

// Live aggregations of the write-side state: FetchForWriting folds the stream with the domain's own Evolve,
// so the decisions run on exactly the state the domain defines (nothing is stored for these).

public sealed class StateBodyAggregation : SingleStreamProjection<StateBody, string>
{
    public override StateBody? Evolve(StateBody? snapshot, string id, IEvent e) => StateBody.Evolve(snapshot, e.Data);
}

public sealed class PublicServiceAggregation : SingleStreamProjection<PublicService, string>
{
    public override PublicService? Evolve(PublicService? snapshot, string id, IEvent e) => PublicService.Evolve(snapshot, e.Data);
}
