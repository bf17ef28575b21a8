using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Zoom.RevenueAccelerator.Crm.Testing;

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
        using var listener = SdkSpans.Listen(activity => { lock (spans) { spans.Add(activity.OperationName); } });
        await using var host = TestHost.Create();

        await host.ConnectAsync();
        await host.Connections.SyncNowAsync("tenant-a");

        lock (spans)
        {
            Assert.Contains("crm.connect", spans);
            Assert.Contains("crm.sync.run", spans);
        }
    }

    [Fact]
    public async Task Every_span_and_instrument_of_the_SDK_is_on_its_one_ActivitySource_and_Meter()
    {
        var sources = new List<ActivitySource>();
        using var spans = SdkSpans.Listen(a => { lock (sources) { sources.Add(a.Source); } });
        var meters = new List<(string Instrument, Meter Meter)>();
        using var instruments = new MeterListener
        {
            InstrumentPublished = (instrument, _) =>
            {
                if (instrument.Meter.Name == CrmDiagnostics.Name)
                {
                    lock (meters)
                    {
                        meters.Add((instrument.Name, instrument.Meter));
                    }
                }
            },
        };
        instruments.Start();
        await using var host = TestHost.Create();

        await host.ConnectAsync();
        await host.Connections.SyncNowAsync("tenant-a");
        await host.Services.GetRequiredService<ICrmConversationService>().OnConversationAsync("tenant-a", Conversation());
        await host.Connections.DisconnectAsync("tenant-a", removeAllCrmData: true);

        lock (sources)
        {
            Assert.NotEmpty(sources);
            Assert.All(sources, s => Assert.Same(CrmDiagnostics.ActivitySource, s));
        }

        lock (meters)
        {
            Assert.Contains(meters, m => m.Instrument == "crm.sync.run.duration");
            Assert.Contains(meters, m => m.Instrument == "crm.connection.connects");
            Assert.All(meters, m => Assert.Same(CrmDiagnostics.Meter, m.Meter));
        }

        Assert.Equal(typeof(CrmDiagnostics).Assembly.GetName().Version!.ToString(3), CrmDiagnostics.Meter.Version);
        Assert.Equal(CrmDiagnostics.Meter.Version, CrmDiagnostics.ActivitySource.Version);
    }

    [Fact]
    public async Task Sync_runs_and_conversation_matches_record_their_duration_and_a_failed_run_its_error_kind()
    {
        using var runs = new MetricCollector<double>(CrmDiagnostics.Meter, "crm.sync.run.duration");
        using var matches = new MetricCollector<double>(CrmDiagnostics.Meter, "crm.conversation.match.duration");
        await using var host = TestHost.Create(records: 60);
        await host.ConnectAsync();

        await host.Connections.SyncNowAsync("tenant-a");
        host.Crm.InjectFault(new FakeCrmFault { Operation = FakeCrmOperation.ReadPage, Kind = CrmErrorKind.Forbidden });
        await host.Connections.SyncNowAsync("tenant-a");
        var decision = await host.Services.GetRequiredService<ICrmConversationService>().OnConversationAsync("tenant-a", Conversation());

        // Other tests record on the same meter at the same time: look for this test's measurements by their tags.
        Assert.Contains(runs.GetMeasurementSnapshot(), m => Equals(m.Tags["crm.system"], "fake") && !m.Tags.ContainsKey("error.type") && m.Value >= 0);
        Assert.Contains(runs.GetMeasurementSnapshot(), m => Equals(m.Tags["crm.system"], "fake") && m.Tags.TryGetValue("error.type", out var kind) && Equals(kind, nameof(CrmErrorKind.Forbidden)));
        Assert.Contains(matches.GetMeasurementSnapshot(), m => Equals(m.Tags["crm.match.outcome"], decision.Outcome.ToString()) && m.Value >= 0);
    }

    [Fact]
    public async Task With_connector_telemetry_every_call_to_the_CRM_has_a_span_and_a_duration_and_a_failure_its_kind()
    {
        var spans = new List<Activity>();
        using var listener = SdkSpans.Listen(a => { lock (spans) { spans.Add(a); } });
        using var durations = new MetricCollector<double>(CrmDiagnostics.Meter, "crm.connector.operation.duration");
        await using var host = TestHost.Create(crm => crm.UseConnectorTelemetry(), records: 120, "telemetry-crm");
        await host.ConnectAsync(connector: "telemetry-crm");

        await host.Connections.SyncNowAsync("tenant-a");
        host.Crms["telemetry-crm"].InjectFault(new FakeCrmFault { Operation = FakeCrmOperation.ReadPage, Kind = CrmErrorKind.RateLimited, RetryAfter = TimeSpan.FromDays(1) });
        await host.Connections.SyncNowAsync("tenant-a");

        List<Activity> ours;
        lock (spans)
        {
            ours = spans.Where(a => a.OperationName.StartsWith("crm.connector.", StringComparison.Ordinal) && Equals(a.GetTagItem("crm.connector"), "telemetry-crm")).ToList();
        }

        Assert.Contains(ours, a => a.OperationName == "crm.connector.connect" && a.Kind == ActivityKind.Client);
        var pages = ours.Where(a => a.OperationName == "crm.connector.read.page" && a.Status != ActivityStatusCode.Error).ToList();
        Assert.Contains(pages, a => Equals(a.GetTagItem("crm.record.kind"), "Contact") && Equals(a.GetTagItem("crm.read.mode"), "Full") && (int)a.GetTagItem("crm.records")! > 0);
        var failed = Assert.Single(ours, a => a.Status == ActivityStatusCode.Error);
        Assert.Equal("RateLimited", failed.GetTagItem("error.type"));
        var measured = durations.GetMeasurementSnapshot().Where(m => Equals(m.Tags["crm.connector"], "telemetry-crm")).ToList();
        Assert.Equal(string.Join(",", ours.Select(a => a.OperationName).Order()), string.Join(",", measured.Select(m => "crm.connector." + m.Tags["crm.operation"]).Order()));
        Assert.Contains(measured, m => Equals(m.Tags["crm.operation"], "read.page") && m.Tags.TryGetValue("error.type", out var kind) && Equals(kind, "RateLimited"));
    }

    [Fact]
    public async Task The_telemetry_decorator_keeps_the_connector_contract_and_its_services()
    {
        await using var host = TestHost.Create(crm => crm.UseConnectorTelemetry());
        var connectors = host.Services.GetRequiredService<ICrmConnectorProvider>();
        var connector = connectors.GetConnector("fake");

        Assert.Same(connector, connectors.GetConnector("FAKE"));
        Assert.IsNotType<FakeCrmConnector>(connector);
        Assert.Same(host.Crm, connector.GetService<ICrmApiUsage>());
        var report = await CrmConnectorConformance.RunAsync(connector, new CrmConnectorConformanceOptions
        {
            Connection = new CrmConnectionContext("tenant-a", "conformance", TestHost.Credentials()),
            RejectedCredentials = TestHost.Credentials("not-the-secret"),
            WriteActivities = true,
            TimeProvider = host.Time,
        });
        report.ThrowIfFailed();
    }

    private static Conversation Conversation() => new()
    {
        Id = "telemetry-1",
        Kind = ConversationKind.Meeting,
        Start = new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero),
        End = new DateTimeOffset(2026, 11, 2, 9, 30, 0, TimeSpan.Zero),
        Host = "rep@seller.example",
        Participants = [new() { Email = "rep@seller.example", Source = ParticipantSource.Host }, new() { Email = "someone@customer.example" }],
    };
}
