using BenchmarkDotNet.Attributes;

namespace Zoom.RevenueAccelerator.Crm.Matching.Benchmarks;

/// <summary>One match, by tenant size and conversation size, without and with the trace.</summary>
public class MatchBenchmarks
{
    private IConversationMatcher _matcher = null!;
    private Conversation[] _conversations = null!;
    private int _next;

    [Params(10_000, 100_000, 1_000_000)]
    public int Records { get; set; }

    [Params(2, 10, 50)]
    public int Participants { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var snapshot = Workload.Snapshot(Records);
        _matcher = ConversationMatcher.Create(snapshot, Workload.Options);
        _conversations = Workload.Conversations(snapshot, Participants);
    }

    [Benchmark(Baseline = true)]
    public MatchDecision Match() => _matcher.Match(_conversations[_next++ & 63]);

    [Benchmark]
    public MatchDecision MatchWithTrace() => _matcher.Match(_conversations[_next++ & 63], includeTrace: true);
}
