using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Zoom.RevenueAccelerator.Crm.Sync.Internal;
using Zoom.RevenueAccelerator.Crm.Testing;

namespace Zoom.RevenueAccelerator.Crm.Sync.Tests;

public sealed class SchedulerTests
{
    private static InProcessCrmSyncScheduler Scheduler(SyncHost host) => (InProcessCrmSyncScheduler)host.Services.GetRequiredService<ICrmSyncScheduler>();

    /// <summary>Connects tenant t1 with the real scheduler and returns once its first run is held inside the CRM's first read.</summary>
    private static async Task<(SyncHost Host, FakeCrmConnector Crm, SyncEngineTests.GatedConnector Gate, FakeTimeProvider Time)> StartWithFirstRunHeldAsync(
        int records = 100, int pageSize = 25, Action<ICrmIntegrationBuilder>? configure = null)
    {
        var time = SyncHost.NewTime();
        var crm = SyncHost.NewCrm(time, records, pageSize);
        var gate = new SyncEngineTests.GatedConnector(crm);
        var host = SyncHost.Start(gate, time, realScheduler: true, configure: configure);
        await host.ConnectAsync("t1");
        await gate.Entered.Task;
        return (host, crm, gate, time);
    }

    [Fact]
    public async Task Connecting_runs_the_first_full_sync_at_once_then_exactly_every_four_hours()
    {
        var time = SyncHost.NewTime();
        var crm = SyncHost.NewCrm(time, records: 150);
        await using var host = SyncHost.Start(crm, time, realScheduler: true);
        var start = time.GetUtcNow();

        await host.ConnectAsync();
        await Scheduler(host).WhenIdleAsync("t1");

        var status = await host.Connections.GetStatusAsync("t1");
        Assert.Equal(start, status!.LastSync!.StartedAt);
        Assert.Equal(CrmReadMode.Full, status.LastSync.Mode);
        await host.AssertMirrorsAsync(crm);

        for (var interval = 1; interval <= 3; interval++)
        {
            var due = start + TimeSpan.FromHours(4 * interval);
            Assert.Equal(due, Scheduler(host).GetNextRun("t1"));
            time.Advance(due - time.GetUtcNow() - TimeSpan.FromSeconds(1));
            await Scheduler(host).WhenIdleAsync("t1");
            Assert.Equal(due - TimeSpan.FromHours(4), (await host.Connections.GetStatusAsync("t1"))!.LastSync!.StartedAt); // not yet

            crm.Upsert(new CrmAccount { Id = $"001TICK{interval}" });
            time.Advance(TimeSpan.FromSeconds(1));
            await Scheduler(host).WhenIdleAsync("t1");

            var last = (await host.Connections.GetStatusAsync("t1"))!.LastSync!;
            Assert.Equal(due, last.StartedAt);
            Assert.Equal(CrmReadMode.Incremental, last.Mode);
            Assert.Equal(1, last.Added);
        }

        await host.AssertMirrorsAsync(crm);
    }

    [Fact]
    public async Task A_connection_never_has_two_runs_at_once_even_when_triggered_during_a_run()
    {
        var (host, _, gate, _) = await StartWithFirstRunHeldAsync();
        await using var disposeHost = host;

        Assert.True(await Scheduler(host).TriggerAsync("t1"));
        Assert.True(await Scheduler(host).TriggerAsync("t1"));
        gate.Release.SetResult();
        await Scheduler(host).WhenIdleAsync("t1");

        Assert.Equal(Enum.GetValues<CrmRecordKind>().Length, gate.Reads); // exactly one pass over the kinds
    }

    [Fact]
    public async Task Sync_now_through_the_scheduler_runs_at_once_and_keeps_the_interval()
    {
        var time = SyncHost.NewTime();
        var crm = SyncHost.NewCrm(time, records: 50);
        await using var host = SyncHost.Start(crm, time, realScheduler: true);
        await host.ConnectAsync();
        await Scheduler(host).WhenIdleAsync("t1");
        time.Advance(TimeSpan.FromHours(1));
        crm.Upsert(new CrmAccount { Id = "001NOW" });

        Assert.True(await Scheduler(host).TriggerAsync("t1"));
        await Scheduler(host).WhenIdleAsync("t1");

        Assert.NotNull(await host.Store().GetAsync(new CrmRecordReference(CrmRecordKind.Account, "001NOW")));
        Assert.Equal(time.GetUtcNow() + TimeSpan.FromHours(4), Scheduler(host).GetNextRun("t1"));
        Assert.False(await Scheduler(host).TriggerAsync("nobody"));
    }

    [Fact]
    public async Task Cancelling_during_a_run_stops_it_and_no_later_run_happens()
    {
        var (host, crm, _, time) = await StartWithFirstRunHeldAsync();
        await using var disposeHost = host;

        Assert.True(await Scheduler(host).CancelAsync("t1"));

        var reads = crm.CountCalls(FakeCrmOperation.ReadPage);
        Assert.Equal(0, reads); // the held read never got to the CRM
        Assert.Null(Scheduler(host).GetNextRun("t1"));
        time.Advance(TimeSpan.FromDays(2));
        Assert.Equal(reads, crm.CountCalls(FakeCrmOperation.ReadPage));
        Assert.False(await Scheduler(host).CancelAsync("t1"));
    }

    [Fact]
    public async Task Disconnecting_during_a_running_sync_stops_it_and_purges_cleanly()
    {
        var (host, crm, gate, time) = await StartWithFirstRunHeldAsync(records: 400, pageSize: 10);
        await using var disposeHost = host;
        gate.Release.SetResult(); // let it run; the disconnect lands somewhere in the middle

        var result = await host.Connections.DisconnectAsync("t1", removeAllCrmData: true);
        var readsAfter = crm.CountCalls(FakeCrmOperation.ReadPage);
        time.Advance(TimeSpan.FromHours(5));

        Assert.True(result.DataRemoved);
        Assert.Equal(0, (await host.Store().CountAsync()).Total);
        Assert.Null(await host.Store().GetCursorAsync($"sync/{result.ConnectionId}/Account/full"));
        Assert.Equal(readsAfter, crm.CountCalls(FakeCrmOperation.ReadPage));
    }

    [Fact]
    public async Task At_most_the_configured_number_of_connections_sync_at_once()
    {
        var (host, crm, gate, _) = await StartWithFirstRunHeldAsync(records: 50, configure: b => b.ConfigureSync(o => o.MaxConcurrentSyncs = 1));
        await using var disposeHost = host;

        await host.ConnectAsync("t2");
        var readsWhileHeld = gate.Reads;
        gate.Release.SetResult();
        await Scheduler(host).WhenIdleAsync("t1");
        await Scheduler(host).WhenIdleAsync("t2");

        Assert.Equal(1, readsWhileHeld); // t2 waited for t1's slot
        Assert.Equal(2 * Enum.GetValues<CrmRecordKind>().Length, gate.Reads);
        await host.AssertMirrorsAsync(crm, "t2");
    }

    [Fact]
    public async Task After_a_restart_the_next_due_time_kept_in_the_store_holds_a_fresh_sync_is_not_repeated()
    {
        var time = SyncHost.NewTime();
        var crm = SyncHost.NewCrm(time, records: 100);
        var first = SyncHost.Start(crm, time, realScheduler: true);
        var start = time.GetUtcNow();
        await first.ConnectAsync();
        await Scheduler(first).WhenIdleAsync("t1");
        await using var second = SyncHost.Start(crm, time, survivorsOf: first, realScheduler: true); // not started yet
        await first.DisposeAsync();
        time.Advance(TimeSpan.FromHours(1)); // the process is down for an hour
        var reads = crm.CountCalls(FakeCrmOperation.ReadPage);
        var hosted = await second.StartHostedAsync();

        Assert.Equal(start + TimeSpan.FromHours(4), Scheduler(second).GetNextRun("t1"));
        await Scheduler(second).WhenIdleAsync("t1");
        Assert.Equal(reads, crm.CountCalls(FakeCrmOperation.ReadPage)); // nothing re-run on start
        crm.Upsert(new CrmAccount { Id = "001AFTER" });
        time.Advance(TimeSpan.FromHours(3));
        await Scheduler(second).WhenIdleAsync("t1");
        var last = (await second.Connections.GetStatusAsync("t1"))!.LastSync!;
        await hosted.StopAsync(CancellationToken.None);

        Assert.Equal(start + TimeSpan.FromHours(4), last.StartedAt);
        Assert.Equal(1, last.Added);
    }

    [Fact]
    public async Task After_a_restart_a_sync_that_fell_due_while_down_runs_at_once()
    {
        var time = SyncHost.NewTime();
        var crm = SyncHost.NewCrm(time, records: 100);
        var first = SyncHost.Start(crm, time, realScheduler: true);
        await first.ConnectAsync();
        await Scheduler(first).WhenIdleAsync("t1");
        await using var second = SyncHost.Start(crm, time, survivorsOf: first, realScheduler: true); // not started yet
        await first.DisposeAsync();
        time.Advance(TimeSpan.FromHours(9)); // down past two due times
        crm.Upsert(new CrmAccount { Id = "001WHILEDOWN" });
        var hosted = await second.StartHostedAsync();
        await Scheduler(second).WhenIdleAsync("t1");
        var status = (await second.Connections.GetStatusAsync("t1"))!;
        await hosted.StopAsync(CancellationToken.None);

        Assert.Equal(time.GetUtcNow(), status.LastSync!.StartedAt);
        Assert.Equal(1, status.LastSync.Added);
        Assert.Equal(time.GetUtcNow() + TimeSpan.FromHours(4), status.NextSyncAt);
        await second.AssertMirrorsAsync(crm);
    }

    [Fact]
    public async Task A_restart_during_the_first_sync_resumes_it_at_once_where_it_stopped()
    {
        var time = SyncHost.NewTime();
        var crm = SyncHost.NewCrm(time, records: 200, pageSize: 20);
        var hold = new HoldAfterPages(crm, pages: 3);
        var first = SyncHost.Start(hold, time, realScheduler: true);
        await first.ConnectAsync();
        await hold.Holding.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await using var second = SyncHost.Start(crm, time, survivorsOf: first, realScheduler: true); // not started yet
        await first.DisposeAsync(); // the process dies mid-run, three pages applied
        var appliedBefore = (await second.Store().CountAsync()).Total;
        var hosted = await second.StartHostedAsync();
        await Scheduler(second).WhenIdleAsync("t1");
        await hosted.StopAsync(CancellationToken.None);

        Assert.True((await second.Connections.GetStatusAsync("t1"))!.LastSync!.Succeeded);
        Assert.Equal(time.GetUtcNow(), (await second.Connections.GetStatusAsync("t1"))!.LastSync!.StartedAt); // at once
        Assert.True(appliedBefore > 0);
        Assert.Equal(200 - appliedBefore, (await second.Connections.GetStatusAsync("t1"))!.LastSync!.Added); // what was applied is not read again
        await second.AssertMirrorsAsync(crm);
    }

    /// <summary>Delivers a number of pages, then holds the read until cancelled, as a process that stops answering.</summary>
    private sealed class HoldAfterPages(ICrmConnector inner, int pages) : DelegatingCrmConnector(inner)
    {
        private int _delivered;

        public TaskCompletionSource Holding { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override async IAsyncEnumerable<CrmRecordPage> ReadAsync(CrmConnectionContext connection, CrmReadRequest request, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await foreach (var page in base.ReadAsync(connection, request, cancellationToken))
            {
                if (++_delivered > pages)
                {
                    Holding.TrySetResult();
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                }

                yield return page;
            }
        }
    }
}
