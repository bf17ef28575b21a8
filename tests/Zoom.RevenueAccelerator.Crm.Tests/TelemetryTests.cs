using System.Diagnostics;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace Zoom.RevenueAccelerator.Crm.Tests;

public sealed class TelemetryTests
{
    [Fact]
    public async Task Connects_and_disconnects_are_counted_on_the_SDK_meter_with_the_crm_system()
    {
        using var connects = new MetricCollector<long>(null, CrmDiagnostics.Name, "crm.connection.connects");
        using var disconnects = new MetricCollector<long>(null, CrmDiagnostics.Name, "crm.connection.disconnects");
        await using var host = TestHost.Create();

        await host.ConnectAsync();
        await host.Connections.DisconnectAsync("tenant-a", removeAllCrmData: false);

        // Other tests run in parallel on the same static meter; count only this test's tenant-free tag set by system and absence of error.
        Assert.Contains(connects.GetMeasurementSnapshot(), m => m.Value == 1 && Equals(m.Tags["crm.system"], "fake") && !m.Tags.ContainsKey("error.type"));
        Assert.Contains(disconnects.GetMeasurementSnapshot(), m => m.Value == 1 && Equals(m.Tags["crm.system"], "fake"));
    }

    [Fact]
    public async Task Connect_and_sync_emit_spans_on_the_SDK_activity_source()
    {
        var spans = new List<string>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == CrmDiagnostics.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = activity => { lock (spans) { spans.Add(activity.OperationName); } },
        };
        ActivitySource.AddActivityListener(listener);
        await using var host = TestHost.Create();

        await host.ConnectAsync();
        await host.Connections.SyncNowAsync("tenant-a");

        lock (spans)
        {
            Assert.Contains("crm.connect", spans);
            Assert.Contains("crm.sync.run", spans);
        }
    }
}
