namespace Monitoring.Application.Complaints;

/// <summary>A command on one complaint: Wolverine's aggregate handler workflow fetches the stream named by <see cref="StreamKey"/>.</summary>
public abstract record ComplaintCommand(string ComplaintId)
{
    [Identity, JsonIgnore]
    public string StreamKey => Complaint.StreamKey(ComplaintId);
}

public static class ComplaintRules
{
    /// <summary>The complaint's own body, not one named in the request, decides whether the sender may act on it (403).</summary>
    public static Complaint ActedOnBy(this Complaint complaint, Actor actor)
    {
        actor.EnsureMayActFor(complaint.BodyCode);
        return complaint;
    }
}
