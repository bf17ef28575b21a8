using Microsoft.Extensions.Logging;
using Zoom.RevenueAccelerator.Crm.Testing;

namespace Zoom.RevenueAccelerator.Crm.Tests;

public sealed class SecretsTests
{
    [Fact]
    public async Task No_secret_reaches_any_log_record_during_connect_sync_failure_and_disconnect()
    {
        await using var host = TestHost.Create(records: 80);

        // A refused connect, a connect, a sync that re-authorises after an expired session, a failed sync, a disconnect.
        await Assert.ThrowsAsync<CrmException>(() => host.Connections.ConnectAsync(new CrmConnectRequest
        {
            TenantId = "tenant-a",
            ConnectorName = "fake",
            Credentials = TestHost.Credentials("wrong-secret-VALUE"),
        }));
        await host.ConnectAsync();
        await host.Connections.SyncNowAsync("tenant-a");
        host.Crm.ExpireSessions();
        host.Crm.Upsert(new CrmContact { Id = "003NEW" });
        await host.Connections.SyncNowAsync("tenant-a");
        host.Crm.InjectFault(new FakeCrmFault { Operation = FakeCrmOperation.ReadPage, Kind = CrmErrorKind.Forbidden });
        await host.Connections.SyncNowAsync("tenant-a");
        await host.Connections.DisconnectAsync("tenant-a", removeAllCrmData: true);

        var records = host.Logs.GetSnapshot();
        Assert.Contains(records, r => r.Id.Id == 1000); // connected
        Assert.Contains(records, r => r.Id.Id == 1001); // connect refused
        Assert.Contains(records, r => r.Id.Id == 2003); // re-authorising
        Assert.Contains(records, r => r.Id.Id == 2002 && r.Level == LogLevel.Warning); // failed sync
        Assert.Contains(records, r => r.Id.Id == 1002); // disconnected
        foreach (var record in records)
        {
            var everything = string.Join(
                "|",
                record.Message,
                record.Exception?.ToString(),
                string.Join(",", record.StructuredState?.Select(p => $"{p.Key}={p.Value}") ?? []),
                string.Join(",", record.Scopes.Select(s => s?.ToString())));
            Assert.DoesNotContain(TestHost.Secret, everything, StringComparison.Ordinal);
            Assert.DoesNotContain("wrong-secret-VALUE", everything, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_status_and_its_text_carry_no_secret()
    {
        await using var host = TestHost.Create();
        var status = await host.ConnectAsync();

        Assert.DoesNotContain(TestHost.Secret, status.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(TestHost.Secret, TestHost.Credentials().ToString(), StringComparison.Ordinal);
    }
}
