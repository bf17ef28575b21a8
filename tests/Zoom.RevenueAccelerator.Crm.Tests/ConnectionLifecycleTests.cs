using Microsoft.Extensions.DependencyInjection;
using Zoom.RevenueAccelerator.Crm.Testing;

namespace Zoom.RevenueAccelerator.Crm.Tests;

public sealed class ConnectionLifecycleTests
{
    [Fact]
    public async Task Connect_reports_connected_with_the_token_expiry_and_instance()
    {
        await using var host = TestHost.Create();

        var status = await host.ConnectAsync();

        Assert.True(status.IsConnected);
        Assert.Equal("tenant-a", status.TenantId);
        Assert.Equal("fake", status.ConnectorName);
        Assert.Equal(new CrmSystem("fake"), status.System);
        Assert.Equal(host.Time.GetUtcNow() + TimeSpan.FromHours(2), status.TokenExpiresAt);
        Assert.False(status.TokenExpiryIsEstimate);
        Assert.Equal(new Uri("https://fake.crm.invalid/"), status.InstanceUrl);
        Assert.Equal(host.Time.GetUtcNow(), status.ConnectedAt);
        Assert.Equal(CrmConnectionSettings.DefaultSyncInterval, status.Settings.SyncInterval);
    }

    [Fact]
    public async Task Connect_starts_the_first_sync_at_once_through_the_scheduler_abstraction()
    {
        var scheduler = new RecordingScheduler();
        await using var host = TestHost.Create(crm => crm.Services.AddSingleton<ICrmSyncScheduler>(scheduler));

        var status = await host.ConnectAsync(settings: new CrmConnectionSettings { SyncInterval = TimeSpan.FromHours(6) });

        var schedule = Assert.Single(scheduler.Scheduled);
        Assert.Equal("tenant-a", schedule.TenantId);
        Assert.Equal(status.ConnectionId, schedule.ConnectionId);
        Assert.Equal(TimeSpan.FromHours(6), schedule.Interval);
        Assert.Null(schedule.FirstRunAt); // at once
    }

    [Fact]
    public async Task The_first_sync_brings_every_record_and_the_status_shows_last_and_next_sync()
    {
        await using var host = TestHost.Create(records: 300);
        await host.ConnectAsync();

        var run = await host.Connections.SyncNowAsync("tenant-a");
        var status = await host.Connections.GetStatusAsync("tenant-a");
        var stored = await host.Data.ForTenant("tenant-a").CountAsync();

        Assert.True(run.Succeeded);
        Assert.Equal(300, stored.Total);
        Assert.NotNull(status);
        Assert.NotNull(status.LastSync);
        Assert.True(status.LastSync.Succeeded);
        Assert.Null(status.LastError);
        Assert.Equal(host.Time.GetUtcNow() + TimeSpan.FromHours(4), status.NextSyncAt);
    }

    [Fact]
    public async Task With_manual_sync_scheduling_connecting_starts_no_sync_and_the_host_runs_each_one()
    {
        await using var host = TestHost.Create(crm => crm.UseManualSyncScheduling(), records: 50);
        await host.ConnectAsync();

        var before = await host.Connections.GetStatusAsync("tenant-a");
        Assert.Equal(0, host.Crm.CountCalls(FakeCrmOperation.ReadPage));
        var run = await host.Connections.SyncNowAsync("tenant-a");

        Assert.Null(before!.LastSync);
        Assert.Null(before.NextSyncAt);
        Assert.True(run.Succeeded);
        Assert.Equal(50, (await host.Data.ForTenant("tenant-a").CountAsync()).Total);
    }

    [Fact]
    public async Task Right_after_a_run_whose_scheduler_has_not_re_armed_yet_the_status_shows_the_coming_sync()
    {
        await using var host = TestHost.Create(crm => crm.UseSyncScheduler<NotYetReArmedScheduler>(), records: 50);
        await host.ConnectAsync();
        NotYetReArmedScheduler.Planned = host.Time.GetUtcNow(); // the run it planned, now under way

        await host.Connections.SyncNowAsync("tenant-a");
        var status = await host.Connections.GetStatusAsync("tenant-a");

        Assert.Equal(host.Time.GetUtcNow() + TimeSpan.FromHours(4), status!.NextSyncAt);
    }

    private sealed class NotYetReArmedScheduler : ICrmSyncScheduler
    {
        public static DateTimeOffset? Planned { get; set; }

        public ValueTask ScheduleAsync(CrmSyncSchedule schedule, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public ValueTask<bool> TriggerAsync(string tenantId, CancellationToken cancellationToken = default) => ValueTask.FromResult(false);

        public ValueTask<bool> CancelAsync(string tenantId, CancellationToken cancellationToken = default) => ValueTask.FromResult(false);

        public DateTimeOffset? GetNextRun(string tenantId) => Planned;
    }

    [Fact]
    public async Task Rejected_credentials_raise_a_CrmException_and_store_nothing()
    {
        await using var host = TestHost.Create();

        var error = await Assert.ThrowsAsync<CrmException>(() => host.Connections.ConnectAsync(new CrmConnectRequest
        {
            TenantId = "tenant-a",
            ConnectorName = "fake",
            Credentials = TestHost.Credentials("wrong-secret-VALUE"),
        }));

        Assert.Equal(CrmErrorKind.Unauthorized, error.Kind);
        Assert.DoesNotContain("wrong-secret-VALUE", error.ToString(), StringComparison.Ordinal);
        Assert.Null(await host.Connections.GetStatusAsync("tenant-a"));
        Assert.Equal(0, host.Crm.CountCalls(FakeCrmOperation.ReadPage));
    }

    [Fact]
    public async Task A_second_connect_is_refused_while_the_tenant_is_connected()
    {
        await using var host = TestHost.Create(extraCrms: "other");
        var first = await host.ConnectAsync();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.ConnectAsync(connector: "other"));

        Assert.Contains("already connected", error.Message, StringComparison.Ordinal);
        Assert.Contains("Disconnect it before connecting another CRM", error.Message, StringComparison.Ordinal);
        var status = await host.Connections.GetStatusAsync("tenant-a");
        Assert.Equal(first.ConnectionId, status!.ConnectionId);
        Assert.Equal(0, host.Crms["other"].CountCalls(FakeCrmOperation.Connect));
    }

    [Fact]
    public async Task Disconnect_without_removing_data_revokes_drops_credentials_and_keeps_records()
    {
        await using var host = TestHost.Create(records: 120);
        var status = await host.ConnectAsync();
        await host.Connections.SyncNowAsync("tenant-a");

        var result = await host.Connections.DisconnectAsync("tenant-a", removeAllCrmData: false);

        Assert.Equal(status.ConnectionId, result.ConnectionId);
        Assert.True(result.TokensRevoked);
        Assert.True(host.Crm.IsRevoked(status.ConnectionId));
        Assert.False(result.DataRemoved);
        Assert.Equal(0, result.Removed.Total);
        Assert.Equal(120, (await host.Data.ForTenant("tenant-a").CountAsync()).Total);
        Assert.Null(await host.Services.GetRequiredService<ICrmCredentialStore>().GetAsync("tenant-a", status.ConnectionId));
        var after = await host.Connections.GetStatusAsync("tenant-a");
        Assert.False(after!.IsConnected);
        Assert.Equal(host.Time.GetUtcNow(), after.DisconnectedAt);
        Assert.Null(after.NextSyncAt);
    }

    [Fact]
    public async Task Disconnect_with_data_removal_removes_every_record_and_says_how_many()
    {
        await using var host = TestHost.Create(records: 150);
        await host.ConnectAsync();
        await host.Connections.SyncNowAsync("tenant-a");
        var before = await host.Data.ForTenant("tenant-a").CountAsync();

        var result = await host.Connections.DisconnectAsync("tenant-a", removeAllCrmData: true);

        Assert.True(result.DataRemoved);
        Assert.Equal(before, result.Removed);
        Assert.Equal(150, result.Removed.Total);
        Assert.Equal(0, (await host.Data.ForTenant("tenant-a").CountAsync()).Total);
    }

    [Fact]
    public async Task Disconnecting_with_data_removal_also_removes_the_tenants_conversation_decisions()
    {
        await using var host = TestHost.Create(records: 50);
        await host.ConnectAsync();
        await host.ConnectAsync("tenant-b");
        await host.Connections.SyncNowAsync("tenant-a");
        var conversations = host.Services.GetRequiredService<ICrmConversationService>();
        var meeting = new Conversation { Id = "c1", Start = host.Time.GetUtcNow(), Participants = [new() { Email = "someone@customer.example" }] };
        await conversations.OnConversationAsync("tenant-a", meeting);
        await conversations.OnConversationAsync("tenant-b", meeting);

        var result = await host.Connections.DisconnectAsync("tenant-a", removeAllCrmData: true);

        Assert.Equal(1, result.ConversationsRemoved);
        Assert.Null(await conversations.GetAsync("tenant-a", "c1"));
        Assert.NotNull(await conversations.GetAsync("tenant-b", "c1")); // another tenant keeps its own
        await Assert.ThrowsAsync<InvalidOperationException>(() => conversations.OnConversationAsync("tenant-a", meeting));
    }

    [Fact]
    public async Task A_disconnected_connection_is_never_used_again()
    {
        await using var host = TestHost.Create();
        var first = await host.ConnectAsync();
        await host.Connections.DisconnectAsync("tenant-a", removeAllCrmData: false);
        var readsAfterDisconnect = host.Crm.CountCalls(FakeCrmOperation.ReadPage);

        await Assert.ThrowsAsync<InvalidOperationException>(() => host.Connections.SyncNowAsync("tenant-a"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => host.Connections.DisconnectAsync("tenant-a", true));
        await Assert.ThrowsAsync<InvalidOperationException>(() => host.Connections.UpdateSettingsAsync("tenant-a", new CrmConnectionSettings()));
        Assert.Null(host.Services.GetRequiredService<ICrmSyncScheduler>().GetNextRun("tenant-a"));
        host.Time.Advance(TimeSpan.FromHours(9));
        Assert.Equal(readsAfterDisconnect, host.Crm.CountCalls(FakeCrmOperation.ReadPage));

        // Connecting again is a new connection; the old one stays disconnected.
        var second = await host.ConnectAsync();
        Assert.NotEqual(first.ConnectionId, second.ConnectionId);
        Assert.Null(await host.Services.GetRequiredService<ICrmConnectionStore>().TryUpdateAsync("tenant-a", first.ConnectionId, s => s));
    }

    [Fact]
    public async Task Sync_now_after_the_first_sync_reads_only_what_changed_in_the_CRM()
    {
        // A scheduler that never runs anything: the two runs below are the only ones, so the
        // first is the full sync whatever the thread pool does.
        await using var host = TestHost.Create(crm => crm.Services.AddSingleton<ICrmSyncScheduler>(new RecordingScheduler()), records: 100);
        await host.ConnectAsync();
        var first = await host.Connections.SyncNowAsync("tenant-a");
        host.Crm.Upsert(new CrmAccount { Id = "001NEW", Name = "New Co" });
        host.Crm.Delete(new CrmRecordReference(CrmRecordKind.Account, "001000000000000"));

        var second = await host.Connections.SyncNowAsync("tenant-a");

        Assert.Equal(CrmReadMode.Full, first.Mode);
        Assert.Equal(CrmReadMode.Incremental, second.Mode);
        Assert.Equal(1, second.Added);
        Assert.Equal(0, second.Updated);
        Assert.Equal(1, second.Deleted);
        var store = host.Data.ForTenant("tenant-a");
        Assert.NotNull(await store.GetAsync(new CrmRecordReference(CrmRecordKind.Account, "001NEW")));
        Assert.Null(await store.GetAsync(new CrmRecordReference(CrmRecordKind.Account, "001000000000000")));
    }

    [Fact]
    public async Task Changing_the_sync_interval_moves_the_next_sync()
    {
        await using var host = TestHost.Create();
        await host.ConnectAsync();
        await host.Connections.SyncNowAsync("tenant-a");

        var status = await host.Connections.UpdateSettingsAsync("tenant-a", new CrmConnectionSettings { SyncInterval = TimeSpan.FromHours(1), CreateActivities = true });

        Assert.Equal(TimeSpan.FromHours(1), status.Settings.SyncInterval);
        Assert.True(status.Settings.CreateActivities);
        Assert.Equal(host.Time.GetUtcNow() + TimeSpan.FromHours(1), status.NextSyncAt);
    }

    private sealed class RecordingScheduler : ICrmSyncScheduler
    {
        public List<CrmSyncSchedule> Scheduled { get; } = [];

        public ValueTask ScheduleAsync(CrmSyncSchedule schedule, CancellationToken cancellationToken = default)
        {
            Scheduled.Add(schedule);
            return ValueTask.CompletedTask;
        }

        public ValueTask<bool> TriggerAsync(string tenantId, CancellationToken cancellationToken = default) => ValueTask.FromResult(true);

        public ValueTask<bool> CancelAsync(string tenantId, CancellationToken cancellationToken = default) => ValueTask.FromResult(true);

        public DateTimeOffset? GetNextRun(string tenantId) => null;
    }
}
