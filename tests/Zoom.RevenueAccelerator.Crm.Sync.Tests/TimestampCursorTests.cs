using Microsoft.Extensions.Time.Testing;
using Zoom.RevenueAccelerator.Crm.Testing;

namespace Zoom.RevenueAccelerator.Crm.Sync.Tests;

/// <summary>
/// Change reads by modification timestamp: inclusive, with an overlap, de-duplicated by id, so
/// records sharing the cursor's timestamp, or written late with an earlier one, are never lost.
/// </summary>
public sealed class TimestampCursorTests
{
    private static (FakeCrmConnector Crm, FakeTimeProvider Time) NewCrm(TimeSpan overlap)
    {
        var time = SyncHost.NewTime();
        var crm = new FakeCrmConnector(new FakeCrmConnectorOptions { PageSize = 5, TimestampChangeTracking = true, ChangeOverlap = overlap }, time);
        crm.Upsert(FakeCrmDataGenerator.Generate(60, seed: 4));
        return (crm, time);
    }

    [Fact]
    public async Task Many_records_sharing_one_timestamp_across_page_boundaries_all_arrive_once()
    {
        var (crm, time) = NewCrm(TimeSpan.Zero);
        await using var host = SyncHost.Start(crm, time);
        await host.ConnectAsync();
        await host.Engine.RunAsync("t1");
        time.Advance(TimeSpan.FromMinutes(1));
        crm.Upsert(Enumerable.Range(0, 12).Select(i => new CrmAccount { Id = $"001SAME{i:D2}", Name = $"Same {i}" })); // one timestamp, pages of 5

        var changes = await host.Engine.RunAsync("t1");
        long readInQuietRun = 0;
        var quiet = await host.Engine.RunAsync("t1", new SynchronousProgress<CrmSyncProgress>(p => readInQuietRun = p.TotalRecords));

        Assert.Equal(12, changes.Added);
        Assert.Equal(0, quiet.Added + quiet.Updated + quiet.Deleted);
        Assert.Equal(0, readInQuietRun); // the ids at the cursor's timestamp are not delivered twice
        await host.AssertMirrorsAsync(crm);
    }

    [Fact]
    public async Task A_record_written_later_with_the_cursors_own_timestamp_is_not_lost()
    {
        var (crm, time) = NewCrm(TimeSpan.Zero);
        await using var host = SyncHost.Start(crm, time);
        await host.ConnectAsync();
        await host.Engine.RunAsync("t1");
        time.Advance(TimeSpan.FromMinutes(1));
        var stamp = time.GetUtcNow();
        crm.Upsert(new CrmAccount { Id = "001FIRST", Name = "First" });
        await host.Engine.RunAsync("t1");

        // Another transaction with the same timestamp commits after the read: an exclusive (>) cursor skips it.
        crm.Upsert(new CrmAccount { Id = "001LATE", Name = "Late", LastModified = stamp });
        var run = await host.Engine.RunAsync("t1");

        Assert.Equal(1, run.Added);
        Assert.NotNull(await host.Store().GetAsync(new CrmRecordReference(CrmRecordKind.Account, "001LATE")));
    }

    [Fact]
    public async Task With_an_overlap_a_transaction_that_commits_late_with_an_earlier_timestamp_is_read_and_re_reads_change_nothing()
    {
        var (crm, time) = NewCrm(TimeSpan.FromMinutes(5));
        await using var host = SyncHost.Start(crm, time);
        await host.ConnectAsync();
        await host.Engine.RunAsync("t1");
        time.Advance(TimeSpan.FromMinutes(10));
        crm.Upsert(new CrmAccount { Id = "001NOW", Name = "Now" });
        await host.Engine.RunAsync("t1");

        crm.Upsert(new CrmAccount { Id = "001EARLIER", Name = "Earlier", LastModified = time.GetUtcNow().AddMinutes(-2) });
        var run = await host.Engine.RunAsync("t1");

        Assert.Equal(1, run.Added);
        Assert.Equal(0, run.Updated); // 001NOW, read again inside the overlap, is the same version
        await host.AssertMirrorsAsync(crm);
    }
}
