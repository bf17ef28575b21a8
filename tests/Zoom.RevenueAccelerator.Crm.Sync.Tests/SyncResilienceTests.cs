using Microsoft.Extensions.DependencyInjection;
using Zoom.RevenueAccelerator.Crm.Testing;

namespace Zoom.RevenueAccelerator.Crm.Sync.Tests;

/// <summary>Rate limits, transient failures, expired cursors, reconciliation, API budgets and live progress.</summary>
public sealed class SyncResilienceTests
{
    [Fact]
    public async Task A_rate_limit_waits_for_its_Retry_After_on_the_TimeProvider_then_resumes_from_the_last_page()
    {
        var time = SyncHost.NewTime();
        var crm = SyncHost.NewCrm(time, records: 200, pageSize: 20);
        await using var host = SyncHost.Start(crm, time);
        await host.ConnectAsync();
        crm.InjectFault(new FakeCrmFault { Operation = FakeCrmOperation.ReadPage, Kind = CrmErrorKind.RateLimited, RetryAfter = TimeSpan.FromSeconds(30), Skip = 3 });
        var waiting = new TaskCompletionSource<CrmSyncProgress>(TaskCreationOptions.RunContinuationsAsynchronously);

        var run = host.Engine.RunAsync("t1", new SynchronousProgress<CrmSyncProgress>(p =>
        {
            if (p.WaitingUntil is not null)
            {
                waiting.TrySetResult(p);
            }
        }));
        var report = await waiting.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var readsWhileWaiting = crm.CountCalls(FakeCrmOperation.ReadPage);

        Assert.Equal(time.GetUtcNow() + TimeSpan.FromSeconds(30), report.WaitingUntil);
        Assert.Equal(report, (await host.Connections.GetStatusAsync("t1"))!.SyncInProgress);
        time.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(readsWhileWaiting, crm.CountCalls(FakeCrmOperation.ReadPage));
        Assert.False(run.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));
        var summary = await run.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(summary.Succeeded, summary.Error);
        Assert.Equal(200, summary.Added);
        await host.AssertMirrorsAsync(crm);
        Assert.Null((await host.Connections.GetStatusAsync("t1"))!.SyncInProgress);
    }

    [Fact]
    public async Task A_Retry_After_longer_than_the_longest_wait_ends_the_run_with_a_clear_status_and_the_next_run_resumes()
    {
        var time = SyncHost.NewTime();
        var crm = SyncHost.NewCrm(time, records: 100, pageSize: 20);
        await using var host = SyncHost.Start(crm, time);
        await host.ConnectAsync();
        crm.InjectFault(new FakeCrmFault { Operation = FakeCrmOperation.ReadPage, Kind = CrmErrorKind.RateLimited, RetryAfter = TimeSpan.FromHours(2), Skip = 2 });

        var limited = await host.Engine.RunAsync("t1");
        var status = await host.Connections.GetStatusAsync("t1");
        var resumed = await host.Engine.RunAsync("t1");

        Assert.False(limited.Succeeded);
        Assert.StartsWith("RateLimited", limited.Error, StringComparison.Ordinal);
        Assert.Equal(2, limited.Pages);
        Assert.Equal(limited.Error, status!.LastError);
        Assert.True(resumed.Succeeded, resumed.Error);
        Assert.Equal(100, limited.Added + resumed.Added);
        await host.AssertMirrorsAsync(crm);
    }

    [Fact]
    public async Task Transient_failures_are_retried_with_doubling_waits_and_then_fail_the_run()
    {
        var time = SyncHost.NewTime();
        var crm = SyncHost.NewCrm(time, records: 50, pageSize: 50);
        await using var host = SyncHost.Start(crm, time, configure: b => b.ConfigureSync(o => { o.MaxRetries = 2; o.RetryDelay = TimeSpan.FromSeconds(10); }));
        await host.ConnectAsync();
        for (var i = 0; i < 3; i++)
        {
            crm.InjectFault(new FakeCrmFault { Operation = FakeCrmOperation.ReadPage, Kind = CrmErrorKind.Transient });
        }

        var waits = new List<DateTimeOffset>();
        var signal = new SemaphoreSlim(0);
        var run = host.Engine.RunAsync("t1", new SynchronousProgress<CrmSyncProgress>(p =>
        {
            if (p.WaitingUntil is { } until)
            {
                waits.Add(until);
                signal.Release();
            }
        }));
        await signal.WaitAsync(TimeSpan.FromSeconds(30));
        var firstWaitStart = time.GetUtcNow();
        time.Advance(TimeSpan.FromSeconds(10));
        await signal.WaitAsync(TimeSpan.FromSeconds(30));
        time.Advance(TimeSpan.FromSeconds(20));
        var summary = await run.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal([firstWaitStart + TimeSpan.FromSeconds(10), firstWaitStart + TimeSpan.FromSeconds(30)], waits);
        Assert.False(summary.Succeeded);
        Assert.StartsWith("Transient", summary.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_expired_cursor_reads_the_kind_again_in_full_and_removes_what_was_deleted_in_the_gap()
    {
        var time = SyncHost.NewTime();
        var crm = SyncHost.NewCrm(time, records: 200, pageSize: 25);
        await using var host = SyncHost.Start(crm, time);
        await host.ConnectAsync();
        await host.Engine.RunAsync("t1");
        var gone = crm.GetRecords(CrmRecordKind.User)[0].Reference;
        crm.Delete(gone);
        crm.Upsert(new CrmUser { Id = "005NEW", Name = "New User", Emails = ["new@seller.example"] });
        // The user read's delta token expired: the CRM cannot say what changed, deletions included.
        crm.InjectFault(new FakeCrmFault { Operation = FakeCrmOperation.ReadPage, Kind = CrmErrorKind.CursorExpired });

        var run = await host.Engine.RunAsync("t1");

        Assert.True(run.Succeeded, run.Error);
        Assert.Equal(CrmReadMode.Full, run.Mode);
        Assert.Null(await host.Store().GetAsync(gone));
        Assert.NotNull(await host.Store().GetAsync(new CrmRecordReference(CrmRecordKind.User, "005NEW")));
        await host.AssertMirrorsAsync(crm);
    }

    [Fact]
    public async Task Where_the_CRM_does_not_report_deletions_a_weekly_full_read_removes_records_that_are_gone()
    {
        var time = SyncHost.NewTime();
        var all = new FakeCrmConnectorOptions().Capabilities;
        var crm = SyncHost.NewCrm(time, records: 150, pageSize: 30, capabilities: all & ~CrmCapabilities.DeletedRecords);
        await using var host = SyncHost.Start(crm, time);
        await host.ConnectAsync();
        await host.Engine.RunAsync("t1");
        var gone = crm.GetRecords(CrmRecordKind.Contact)[3].Reference;
        crm.Delete(gone);

        time.Advance(TimeSpan.FromDays(6));
        var incremental = await host.Engine.RunAsync("t1");
        var keptMeanwhile = await host.Store().GetAsync(gone);
        time.Advance(TimeSpan.FromDays(1));
        var reconciling = await host.Engine.RunAsync("t1");
        var afterwards = await host.Engine.RunAsync("t1");

        Assert.Equal(CrmReadMode.Incremental, incremental.Mode);
        Assert.NotNull(keptMeanwhile); // the CRM never said it was deleted
        Assert.Equal(CrmReadMode.Full, reconciling.Mode);
        Assert.Equal(1, reconciling.Deleted);
        Assert.Null(await host.Store().GetAsync(gone));
        Assert.Equal(CrmReadMode.Incremental, afterwards.Mode); // reconciled: back to changes only
        await host.AssertMirrorsAsync(crm);
    }

    [Fact]
    public async Task An_interrupted_reconciliation_deletes_nothing_it_cannot_be_sure_of_and_stays_due()
    {
        var time = SyncHost.NewTime();
        var all = new FakeCrmConnectorOptions().Capabilities;
        var crm = SyncHost.NewCrm(time, records: 150, pageSize: 10, capabilities: all & ~CrmCapabilities.DeletedRecords);
        await using var host = SyncHost.Start(crm, time, configure: b => b.ConfigureSync(o => o.MaxRetries = 0));
        await host.ConnectAsync();
        await host.Engine.RunAsync("t1");
        var gone = crm.GetRecords(CrmRecordKind.Account)[0].Reference;
        crm.Delete(gone);
        time.Advance(TimeSpan.FromDays(8));
        crm.InjectFault(new FakeCrmFault { Operation = FakeCrmOperation.ReadPage, Kind = CrmErrorKind.ProviderError, Skip = 4 });

        var interrupted = await host.Engine.RunAsync("t1");
        var resumed = await host.Engine.RunAsync("t1");
        var stillThere = await host.Store().GetAsync(gone);
        var reconciled = await host.Engine.RunAsync("t1");

        Assert.False(interrupted.Succeeded);
        Assert.True(resumed.Succeeded, resumed.Error);
        Assert.NotNull(stillThere);
        Assert.True(reconciled.Succeeded, reconciled.Error);
        Assert.Null(await host.Store().GetAsync(gone));
        await host.AssertMirrorsAsync(crm);
    }

    [Fact]
    public async Task A_sync_pauses_once_the_CRM_says_its_API_allocation_is_used_past_the_share_and_resumes_later()
    {
        var time = SyncHost.NewTime();
        var crm = SyncHost.NewCrm(time, records: 200, pageSize: 20);
        await using var host = SyncHost.Start(crm, time);
        await host.ConnectAsync();
        var pages = 0;

        var paused = await host.Engine.RunAsync("t1", new SynchronousProgress<CrmSyncProgress>(_ =>
        {
            if (++pages == 3)
            {
                crm.SetApiUsage(new CrmApiUsage(Used: 55_000, Limit: 100_000));
            }
        }));
        var stillOver = await host.Engine.RunAsync("t1");
        crm.SetApiUsage(new CrmApiUsage(Used: 1_000, Limit: 100_000)); // a new day
        var resumed = await host.Engine.RunAsync("t1");

        Assert.False(paused.Succeeded);
        Assert.Contains("Paused", paused.Error, StringComparison.Ordinal);
        Assert.Equal(3, paused.Pages);
        Assert.Equal(0, stillOver.Pages);
        Assert.True(resumed.Succeeded, resumed.Error);
        Assert.Equal(200, paused.Added + resumed.Added);
        await host.AssertMirrorsAsync(crm);
    }

    [Fact]
    public async Task Progress_reports_counts_per_kind_and_an_estimate_when_the_CRM_gives_totals()
    {
        var time = SyncHost.NewTime();
        var crm = SyncHost.NewCrm(time, records: 300, pageSize: 40);
        await using var host = SyncHost.Start(crm, time);
        await host.ConnectAsync();
        var reports = new List<CrmSyncProgress>();

        await host.Engine.RunAsync("t1", new SynchronousProgress<CrmSyncProgress>(p =>
        {
            time.Advance(TimeSpan.FromSeconds(1)); // each page takes a second
            reports.Add(p);
        }));

        var last = reports[^1];
        Assert.Equal(300, last.Read.Total);
        foreach (var kind in Enum.GetValues<CrmRecordKind>())
        {
            Assert.Equal(crm.GetRecords(kind).Count, last.Read[kind]);
        }

        var midKind = reports.First(p => p.KindTotal is { } total && p.KindRecords < total);
        Assert.NotNull(midKind.KindRemaining);
        Assert.True(midKind.RecordsPerSecond > 0);
    }
}
