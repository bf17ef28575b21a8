using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Zoom.RevenueAccelerator.Crm.Testing;

namespace Zoom.RevenueAccelerator.Crm.Tests;

public sealed class SecretsTests
{
    [Fact]
    public async Task No_secret_reaches_any_log_record_during_connect_sync_failure_and_disconnect()
    {
        await using var host = TestHost.Create(records: 80);

        await ConnectSyncFailAndDisconnectAsync(host);

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
    public async Task No_secret_reaches_any_span_or_metric_during_connect_sync_failure_and_disconnect()
    {
        var seen = new List<string>();
        void Record(string text)
        {
            lock (seen)
            {
                seen.Add(text);
            }
        }

        using var spans = SdkSpans.Listen(a => Record(string.Join(
            "|",
            a.OperationName,
            a.DisplayName,
            a.StatusDescription,
            string.Join(",", a.TagObjects.Select(t => $"{t.Key}={t.Value}")),
            string.Join(",", a.Events.Select(e => e.Name + ":" + string.Join(",", e.Tags.Select(t => $"{t.Key}={t.Value}")))),
            string.Join(",", a.Baggage.Select(b => $"{b.Key}={b.Value}")))));
        using var metrics = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == CrmDiagnostics.Name)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        void Measured<T>(Instrument instrument, T value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state) =>
            Record(instrument.Name + ":" + string.Join(",", tags.ToArray().Select(t => $"{t.Key}={t.Value}")));
        metrics.SetMeasurementEventCallback<long>(Measured);
        metrics.SetMeasurementEventCallback<int>(Measured);
        metrics.SetMeasurementEventCallback<double>(Measured);
        metrics.Start();
        await using var host = TestHost.Create(crm => crm.UseConnectorTelemetry(), records: 80); // the connector calls' spans too

        await ConnectSyncFailAndDisconnectAsync(host);

        lock (seen)
        {
            Assert.Contains(seen, t => t.StartsWith("crm.connect|", StringComparison.Ordinal));
            Assert.Contains(seen, t => t.StartsWith("crm.sync.run|", StringComparison.Ordinal));
            Assert.Contains(seen, t => t.StartsWith("crm.connection.connects:", StringComparison.Ordinal));
            Assert.Contains(seen, t => t.StartsWith("crm.connector.connect|", StringComparison.Ordinal) && t.Contains("error.type=Unauthorized", StringComparison.Ordinal));
            Assert.All(seen, t => Assert.DoesNotContain(TestHost.Secret, t, StringComparison.Ordinal));
            Assert.All(seen, t => Assert.DoesNotContain("wrong-secret-VALUE", t, StringComparison.Ordinal));
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

    /// <summary>A refused connect, a connect, a sync, a sync that re-authorises after an expired session, a failed sync, a disconnect.</summary>
    private static async Task ConnectSyncFailAndDisconnectAsync(TestHost host)
    {
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
    }
}
