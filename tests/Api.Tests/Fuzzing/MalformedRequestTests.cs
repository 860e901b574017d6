using FsCheck;
using FsCheck.Fluent;
using Monitoring.Fuzzing;
using Xunit.Abstractions;

namespace Monitoring.Api.Tests.Fuzzing;

/// <summary>
/// Trust I: every write is checked and all-or-nothing. Generated requests, plausible and malformed (one thing changed),
/// against the in-process API on a real PostgreSQL: never a 5xx; every 4xx is ProblemDetails (a 400 naming a field or
/// giving a detail); and a refused request leaves the event store exactly as it was. The generator is the command-line
/// fuzzer's (tools/Monitoring.Fuzzing); FsCheck picks the cases from a fixed seed and shrinks a failing one.
/// </summary>
public sealed class MalformedRequestTests(FuzzingFixture fixture, ITestOutputHelper output) : IClassFixture<FuzzingFixture>
{
    private const int Requests = 300;
    /// <summary>Fixed, so a failure reproduces; change it to explore other cases.</summary>
    private static readonly Replay Seed = new(new Rnd(20261201UL, 0x9E3779B97F4A7C15UL), Microsoft.FSharp.Core.FSharpOption<int>.None);

    private Arbitrary<FuzzCase> Cases()
    {
        var factory = fixture.Factory;
        var gen =
            from op in Gen.Choose(0, factory.Operations.Count - 1)
            // -1 is the plausible request: about one case in twenty.
            from pick in Gen.Choose(-factory.MutationsOf(op).Count / 20 - 1, factory.MutationsOf(op).Count - 1)
            from seed in Gen.Choose(0, int.MaxValue)
            select new FuzzCase(op, Math.Max(pick, -1), seed);
        return Arb.From(gen, Shrink);
    }

    /// <summary>Simpler requests that may fail the same way: the same change at a shallower place, the plausible request,
    /// the first value seed.</summary>
    private IEnumerable<FuzzCase> Shrink(FuzzCase c)
    {
        var mutations = fixture.Factory.MutationsOf(c.Operation);
        if (c.Mutation >= 0)
        {
            yield return c with { Mutation = -1 };
            var kind = mutations[c.Mutation].Kind;
            for (var m = 0; m < c.Mutation; m++)
                if (mutations[m].Kind == kind) yield return c with { Mutation = m };
        }
        if (c.Seed != 0) yield return c with { Seed = 0 };
    }

    [Fact]
    public void Malformed_writes_are_refused_with_ProblemDetails_and_change_nothing()
    {
        var sent = 0;
        var property = Prop.ForAll(Cases(), c =>
        {
            var request = fixture.Factory.Build(c);
            // FsCheck runs synchronously; the request runs on the pool so no synchronisation context is blocked.
            var outcome = Task.Run(() => fixture.Runner.SendAsync(request)).GetAwaiter().GetResult();
            sent++;
            var failures = outcome.Failures;
            if (failures.Count > 0) output.WriteLine($"FAILED {string.Join("; ", failures)}: {outcome.Describe()}");
            return (failures.Count == 0).Label($"{string.Join("; ", failures)} — {outcome.Describe()} — case {c}");
        });
        try
        {
            Check.One(Config.QuickThrowOnFailure.WithMaxTest(Requests).WithReplay(Seed).WithName("malformed writes"), property);
        }
        finally
        {
            output.WriteLine($"{sent} requests sent (shrinking included)");
        }
    }
}
