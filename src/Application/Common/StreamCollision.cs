namespace Monitoring.Application.Common;

/// <summary>
/// Recognises a stream started twice (a duplicate registration, answer or report). Marten and JasperFx each have an
/// exception type for it, and it may come wrapped.
/// </summary>
public static class StreamCollision
{
    public static bool Is(Exception? e, out string? streamKey)
    {
        for (; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case JasperFx.Events.ExistingStreamIdCollisionException c:
                    streamKey = c.Id?.ToString();
                    return true;
                case Marten.Exceptions.ExistingStreamIdCollisionException c:
                    streamKey = c.Id?.ToString();
                    return true;
            }
        }
        streamKey = null;
        return false;
    }
}
