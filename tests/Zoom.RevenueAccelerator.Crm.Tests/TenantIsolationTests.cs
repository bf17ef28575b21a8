using Microsoft.Extensions.DependencyInjection;

namespace Zoom.RevenueAccelerator.Crm.Tests;

public sealed class TenantIsolationTests
{
    [Fact]
    public async Task A_tenant_view_of_the_store_never_reads_another_tenants_records_even_with_the_same_ids()
    {
        await using var host = TestHost.Create();
        var a = host.Data.ForTenant("tenant-a");
        var b = host.Data.ForTenant("tenant-b");
        await a.ApplyAsync(new CrmChangeBatch { Upserts = [new CrmAccount { Id = "001X", Name = "A's account" }], Cursors = new Dictionary<string, string?> { ["c"] = "a-cursor" } });
        await b.ApplyAsync(new CrmChangeBatch { Upserts = [new CrmAccount { Id = "001X", Name = "B's account" }, new CrmContact { Id = "003Y" }] });

        var fromA = (CrmAccount?)await a.GetAsync(new CrmRecordReference(CrmRecordKind.Account, "001X"));
        var allOfA = await a.ReadAllAsync(CrmRecordKind.Contact).ToListAsync();

        Assert.Equal("A's account", fromA!.Name);
        Assert.Empty(allOfA);
        Assert.Null(await b.GetCursorAsync("c"));
        Assert.Equal(1, (await a.CountAsync()).Total);
        Assert.Equal(2, (await b.CountAsync()).Total);
    }

    [Fact]
    public async Task Two_tenants_on_two_CRMs_sync_only_their_own_data_and_one_purge_leaves_the_other_whole()
    {
        await using var host = TestHost.Create(records: 100, extraCrms: "other");
        host.Crms["other"].Upsert(new CrmAccount { Id = "001ONLY-B", Name = "Only in B's CRM" });
        await host.ConnectAsync("tenant-a", "fake");
        await host.ConnectAsync("tenant-b", "other");
        await host.Connections.SyncNowAsync("tenant-a");
        await host.Connections.SyncNowAsync("tenant-b");

        var a = host.Data.ForTenant("tenant-a");
        var b = host.Data.ForTenant("tenant-b");
        Assert.Null(await a.GetAsync(new CrmRecordReference(CrmRecordKind.Account, "001ONLY-B")));
        Assert.NotNull(await b.GetAsync(new CrmRecordReference(CrmRecordKind.Account, "001ONLY-B")));
        var accountsOfA = await a.ReadAllAsync(CrmRecordKind.Account).ToListAsync();
        Assert.Equal(host.Crm.GetRecords(CrmRecordKind.Account), accountsOfA);

        var removed = await host.Connections.DisconnectAsync("tenant-a", removeAllCrmData: true);

        Assert.Equal(100, removed.Removed.Total);
        Assert.Equal(101, (await b.CountAsync()).Total);
        Assert.True((await host.Connections.GetStatusAsync("tenant-b"))!.IsConnected);
    }

    [Fact]
    public async Task Credentials_are_kept_per_tenant_and_connection()
    {
        await using var host = TestHost.Create(extraCrms: "other");
        var a = await host.ConnectAsync("tenant-a", "fake");
        var b = await host.ConnectAsync("tenant-b", "other");
        var store = host.Services.GetRequiredService<ICrmCredentialStore>();

        Assert.NotNull(await store.GetAsync("tenant-a", a.ConnectionId));
        Assert.Null(await store.GetAsync("tenant-b", a.ConnectionId));
        Assert.Null(await store.GetAsync("tenant-a", b.ConnectionId));
    }
}
