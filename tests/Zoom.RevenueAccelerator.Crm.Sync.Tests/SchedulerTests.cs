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
}
