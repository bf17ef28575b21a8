using BenchmarkDotNet.Attributes;

namespace Zoom.RevenueAccelerator.Crm.Matching.Benchmarks;

/// <summary>One 10-participant match: the indexed engine against scanning the snapshot's lists (the baseline).</summary>
public class MatchVersusNaiveBenchmarks
{
    private IConversationMatcher _matcher = null!;
    private NaiveMatcher _naive = null!;
    private Conversation[] _conversations = null!;
    private int _next;

    [Params(10_000, 100_000)]
    public int Records { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var snapshot = Workload.Snapshot(Records);
        _matcher = ConversationMatcher.Create(snapshot, Workload.Options);
        _naive = new NaiveMatcher(snapshot, Workload.Options);
        _conversations = Workload.Conversations(snapshot, participants: 10);
    }

    [Benchmark(Baseline = true, Description = "naive scan")]
    public string? Naive() => _naive.Match(_conversations[_next++ & 63]);

    [Benchmark(Description = "indexed engine")]
    public MatchDecision Engine() => _matcher.Match(_conversations[_next++ & 63]);
}
