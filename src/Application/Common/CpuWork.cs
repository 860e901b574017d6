namespace Monitoring.Application.Common;

/// <summary>
/// The options of every CPU-bound parallel loop (checking and parsing the rows of a file). Left unbounded, a loop keeps
/// replicating itself onto every thread-pool thread it finds, and with several batches in flight the pool's threads are
/// all busy for seconds: the timers that keep the node alive in the cluster (Wolverine's heartbeat and its check of the
/// other nodes) then wait, and a busy node looks dead or sees a dead one late. One worker per core is all a CPU-bound
/// loop can use anyway.
/// </summary>
public static class CpuWork
{
    public static ParallelOptions Options { get; } = new() { MaxDegreeOfParallelism = Environment.ProcessorCount };
}
