using System.Text;
using System.Text.Json;

namespace Monitoring.Fuzzing;

/// <summary>One kind of failure: the same check failing on the same operation for the same kind of mutation and status.</summary>
public sealed class FailureClass(string check, string operation, string mutation, int status)
{
    public string Check { get; } = check;
    public string Operation { get; } = operation;
    public string Mutation { get; } = mutation;
    public int Status { get; } = status;
    public int Count { get; set; }
    public List<string> Examples { get; } = [];
}

/// <summary>Counts and the first examples of each failure class over a run.</summary>
public sealed class FuzzReport(int examplesPerClass = 3)
{
    private readonly Dictionary<string, FailureClass> _classes = [];

    public int Sent { get; private set; }
    public SortedDictionary<int, int> ByStatus { get; } = [];
    public int ServerErrors { get; private set; }
    public int NoAnswers { get; private set; }
    public int StateChanges { get; private set; }
    public int ProblemFormatFailures { get; private set; }
    /// <summary>4xx answered by Kestrel before the application ran: reported, not counted as the application's failures.</summary>
    public int ServerRejections { get; private set; }
    /// <summary>Plausible requests the API refused, first per operation: shows where the generator misses the deep checks.</summary>
    public SortedDictionary<string, string> PlausibleRefused { get; } = [];
    /// <summary>Refused requests after which Marten's sequence had moved with no event stored (a rolled-back append).</summary>
    public int SequenceGaps { get; private set; }
    /// <summary>Refused requests during which some other writer (a background job) stored events: their state check is by correlation id.</summary>
    public int OtherWriters { get; private set; }
    /// <summary>Malformed requests the API accepted (2xx), by mutation kind: not failures, but worth a look.</summary>
    public SortedDictionary<string, int> AcceptedMalformed { get; } = [];
    /// <summary>The first accepted request of each malformed kind: to tell "optional and harmless" from "let in".</summary>
    public SortedDictionary<string, string> AcceptedMalformedExamples { get; } = [];
    /// <summary>Time spent per mutation kind: where a run's time goes (and which inputs the API is slow to refuse).</summary>
    public Dictionary<string, (int Count, TimeSpan Total, TimeSpan Max)> TimeByKind { get; } = [];
    /// <summary>The slowest requests of the run.</summary>
    public List<(TimeSpan Elapsed, string Request)> Slowest { get; } = [];
    public int Plausible { get; private set; }
    public int PlausibleAccepted { get; private set; }

    public IEnumerable<FailureClass> Classes => _classes.Values.OrderBy(c => c.Check).ThenBy(c => c.Operation).ThenBy(c => c.Mutation);

    /// <summary>Any 5xx, dropped request or refused request that stored something.</summary>
    public bool Failed => ServerErrors + NoAnswers + StateChanges > 0;

    public void Add(FuzzOutcome o)
    {
        Sent++;
        var kind = o.Request.Mutation?.Kind ?? "plausible";
        var t = TimeByKind.GetValueOrDefault(kind);
        TimeByKind[kind] = (t.Count + 1, t.Total + o.Elapsed, o.Elapsed > t.Max ? o.Elapsed : t.Max);
        if (Slowest.Count < 5 || o.Elapsed > Slowest[^1].Elapsed)
        {
            Slowest.Add((o.Elapsed, $"{o.Request.Describe()} → {o.Status}"));
            Slowest.Sort((a, b) => b.Elapsed.CompareTo(a.Elapsed));
            if (Slowest.Count > 5) Slowest.RemoveAt(5);
        }
        ByStatus[o.Status] = ByStatus.GetValueOrDefault(o.Status) + 1;
        if (o.Request.Mutation is null)
        {
            Plausible++;
            if (o.Status is >= 200 and < 300) PlausibleAccepted++;
            else PlausibleRefused.TryAdd(o.Request.Operation.ToString(), o.Describe());
        }
        else if (o.Status is >= 200 and < 300)
        {
            AcceptedMalformed[o.Request.Mutation.Kind] = AcceptedMalformed.GetValueOrDefault(o.Request.Mutation.Kind) + 1;
            AcceptedMalformedExamples.TryAdd(o.Request.Mutation.Kind, $"{o.Request.Describe()} → {o.Status}");
        }
        if (o.SequenceGap) SequenceGaps++;
        if (o.OtherWritersMeanwhile) OtherWriters++;

        foreach (var failure in o.Failures)
        {
            var check = failure.Split(':')[0];
            switch (check)
            {
                case Checks.ServerError: ServerErrors++; break;
                case Checks.NoAnswer: NoAnswers++; break;
                case Checks.StateChange: StateChanges++; break;
                case Checks.ServerRejected: ServerRejections++; break;
                default: ProblemFormatFailures++; break;
            }
            var key = $"{failure}|{o.Request.Operation}|{o.Request.Mutation?.Kind}|{o.Status}";
            if (!_classes.TryGetValue(key, out var cls))
                _classes[key] = cls = new FailureClass(failure, o.Request.Operation.ToString(), o.Request.Mutation?.Kind ?? "plausible", o.Status);
            cls.Count++;
            if (cls.Examples.Count < examplesPerClass) cls.Examples.Add(o.Describe());
        }
    }

    public string Summary()
    {
        var sb = new StringBuilder();
        sb.AppendLine($"requests sent:                 {Sent:N0} ({Plausible:N0} plausible, {PlausibleAccepted:N0} of them accepted)");
        sb.AppendLine($"by status:                     {string.Join(", ", ByStatus.Select(kv => $"{(kv.Key == 0 ? "none" : kv.Key.ToString())}: {kv.Value:N0}"))}");
        sb.AppendLine($"5xx answers:                   {ServerErrors:N0}");
        sb.AppendLine($"no answer (dropped, timed out): {NoAnswers:N0}");
        sb.AppendLine($"refused but state changed:     {StateChanges:N0}");
        sb.AppendLine($"4xx not ProblemDetails:        {ProblemFormatFailures:N0}");
        sb.AppendLine($"4xx from Kestrel (no app):     {ServerRejections:N0} (rejected before any application code: cannot be ProblemDetails)");
        sb.AppendLine($"sequence gaps on refusal:      {SequenceGaps:N0} (rolled-back appends: no event stored, Marten's sequence moved)");
        if (OtherWriters > 0) sb.AppendLine($"other writers meanwhile:       {OtherWriters:N0} (background events, told apart by correlation id)");
        if (AcceptedMalformed.Count > 0)
            sb.AppendLine($"malformed but accepted (2xx):  {string.Join(", ", AcceptedMalformed.OrderByDescending(kv => kv.Value).Select(kv => $"{kv.Key}: {kv.Value}"))}");
        foreach (var (kind, example) in AcceptedMalformedExamples.Where(e => e.Key.StartsWith("string:", StringComparison.Ordinal)))
            sb.AppendLine($"    accepted {kind}: {example}");
        sb.AppendLine($"time by mutation (top 6):      {string.Join(", ", TimeByKind.OrderByDescending(kv => kv.Value.Total).Take(6).Select(kv => $"{kv.Key}: {kv.Value.Total.TotalSeconds:N0} s over {kv.Value.Count} (max {kv.Value.Max.TotalSeconds:N1} s)"))}");
        sb.AppendLine("slowest requests:");
        foreach (var (elapsed, request) in Slowest) sb.AppendLine($"    {elapsed.TotalSeconds:N1} s  {request}");
        if (PlausibleRefused.Count > 0)
        {
            sb.AppendLine("plausible requests refused (first per operation; later requests may collide with earlier ones):");
            foreach (var (_, example) in PlausibleRefused) sb.AppendLine($"    {example}");
        }
        var classes = Classes.ToList();
        sb.AppendLine();
        sb.AppendLine(classes.Count == 0 ? "No failures." : $"{classes.Count} failure classes (check | operation | mutation | status: count):");
        foreach (var c in classes)
        {
            sb.AppendLine($"- {c.Check} | {c.Operation} | {c.Mutation} | {c.Status}: {c.Count}");
            foreach (var e in c.Examples) sb.AppendLine($"    e.g. {e}");
        }
        return sb.ToString();
    }

    public string ToJson() => JsonSerializer.Serialize(new
    {
        Sent, ByStatus = ByStatus.ToDictionary(kv => kv.Key.ToString(), kv => kv.Value), ServerErrors, NoAnswers, StateChanges,
        ProblemFormatFailures, ServerRejections, SequenceGaps, PlausibleRefused, OtherWriters, AcceptedMalformed, Plausible, PlausibleAccepted,
        Classes = Classes.Select(c => new { c.Check, c.Operation, c.Mutation, c.Status, c.Count, c.Examples }),
    }, new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}
