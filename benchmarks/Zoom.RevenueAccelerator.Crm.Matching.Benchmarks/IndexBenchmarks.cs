using BenchmarkDotNet.Attributes;

namespace Zoom.RevenueAccelerator.Crm.Matching.Benchmarks;

/// <summary>Building the index from a snapshot, and applying changes to a built one.</summary>
public class IndexBuildBenchmarks
{
    private CrmSnapshot _snapshot = null!;

    [Params(100_000, 1_000_000)]
    public int Records { get; set; }

    [GlobalSetup]
    public void Setup() => _snapshot = Workload.Snapshot(Records);

    [Benchmark]
    public int Build() => ConversationMatcher.Create(_snapshot, Workload.Options).RecordCount;
}

/// <summary>Applying a batch of changed records (contacts moving address and account, opportunities changing, deletes) to a 1M-record index.</summary>
public class IncrementalUpdateBenchmarks
{
    private const int BatchSize = 100;
    private IConversationMatcher _matcher = null!;
    private CrmChangeBatch[] _batches = null!;
    private int _next;

    [Params(1_000_000)]
    public int Records { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var snapshot = Workload.Snapshot(Records);
        _matcher = ConversationMatcher.Create(snapshot, Workload.Options);
        var random = new Random(7);
        _batches = new CrmChangeBatch[32];
        for (var b = 0; b < _batches.Length; b++)
        {
            var upserts = new List<CrmRecord>(BatchSize);
            for (var i = 0; i < BatchSize - 10; i++)
            {
                var contact = snapshot.Contacts[random.Next(snapshot.Contacts.Count)];
                var account = snapshot.Accounts[random.Next(snapshot.Accounts.Count)];
                upserts.Add(i % 3 == 0
                    ? snapshot.Opportunities[random.Next(snapshot.Opportunities.Count)] with { LastModified = Workload.Start.AddDays(-b) }
                    : contact with { AccountId = account.Id, Emails = [$"moved{b}.{i}@{Workload.Domain(account)}"] });
            }

            var deletes = Enumerable.Range(0, 10).Select(_ => new CrmRecordReference(CrmRecordKind.Lead, snapshot.Leads[random.Next(snapshot.Leads.Count)].Id)).ToArray();
            _batches[b] = new CrmChangeBatch { Upserts = upserts, Deletes = deletes };
        }
    }

    /// <summary>Time per changed record: one batch of 100 changes per operation, reported per change.</summary>
    [Benchmark(OperationsPerInvoke = BatchSize)]
    public void ApplyBatchOf100() => _matcher.Apply(_batches[_next++ & 31], "v" + _next);
}
