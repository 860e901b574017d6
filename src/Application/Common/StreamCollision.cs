namespace Monitoring.Application.Common;

/// <summary>
/// Recognises a stream started twice (a duplicate registration, answer or report). Marten and JasperFx each have an
/// exception type for it, and it may come wrapped.
/// </summary>
public static class StreamCollision
{
    public static bool Is(Exception? e, out string? streamKey)
    {
        var collision = WriteConflict.Causes(e).FirstOrDefault(cause =>
            cause is JasperFx.Events.ExistingStreamIdCollisionException or Marten.Exceptions.ExistingStreamIdCollisionException);
        streamKey = collision switch
        {
            JasperFx.Events.ExistingStreamIdCollisionException c => c.Id?.ToString(),
            Marten.Exceptions.ExistingStreamIdCollisionException c => c.Id?.ToString(),
            _ => null,
        };
        return collision is not null;
    }
}
