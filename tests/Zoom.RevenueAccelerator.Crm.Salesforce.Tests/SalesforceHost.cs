using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using Zoom.RevenueAccelerator.Crm.Salesforce;
using Zoom.RevenueAccelerator.Crm.Sync;
using Zoom.RevenueAccelerator.Crm.Testing.Salesforce;

namespace Zoom.RevenueAccelerator.Crm.Salesforce.Tests;

/// <summary>A host wired as an application wires the SDK, pointed at a Salesforce emulator on 127.0.0.1; the emulator and the SDK share one fake clock.</summary>
internal sealed class SalesforceHost : IAsyncDisposable
{
    public const string Tenant = "t1";

    private SalesforceHost(SalesforceEmulator emulator, ServiceProvider services, FakeTimeProvider time, FakeLogCollector logs)
    {
        Emulator = emulator;
        Services = services;
        Time = time;
        Logs = logs;
    }

    public SalesforceEmulator Emulator { get; }

    public ServiceProvider Services { get; }

    public FakeTimeProvider Time { get; }

    public FakeLogCollector Logs { get; }

    public ICrmConnectionManager Connections => Services.GetRequiredService<ICrmConnectionManager>();

    public ICrmSyncEngine Engine => Services.GetRequiredService<ICrmSyncEngine>();

    public ICrmConnector Connector => Services.GetRequiredService<ICrmConnectorProvider>().GetConnector(SalesforceDefaults.ConnectorName);

    public ICrmTenantDataStore Store => Services.GetRequiredService<ICrmDataStore>().ForTenant(Tenant);

    public static FakeTimeProvider NewTime() => new(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));

    public static async Task<SalesforceHost> StartAsync(
        int seedSize = 0,
        Action<SalesforceEmulatorOptions>? emulator = null,
        Action<SalesforceOptions>? connector = null,
        Action<CrmSyncOptions>? sync = null,
        FakeTimeProvider? time = null)
    {
        time ??= NewTime();
        var emulatorOptions = new SalesforceEmulatorOptions { SeedSize = seedSize, TimeProvider = time };
        emulator?.Invoke(emulatorOptions);
        var server = await SalesforceEmulator.StartAsync(emulatorOptions);

        var services = new ServiceCollection();
        var logs = new FakeLogCollector();
        services.AddSingleton<TimeProvider>(time);
        services.AddLogging(b => b.AddProvider(new FakeLoggerProvider(logs)).SetMinimumLevel(LogLevel.Trace));
        services.AddCrmIntegration(crm =>
        {
            crm.AddSalesforce(o =>
            {
                o.LoginUrl = server.BaseAddress;
                o.ConsumerKey = server.ConsumerKey;
                o.PrivateKeyPem = server.PrivateKeyPem;
                connector?.Invoke(o);
            });
            crm.ConfigureSync(o =>
            {
                o.Jitter = TimeSpan.Zero;
                sync?.Invoke(o);
            });
            crm.UseManualSyncScheduling(); // the tests run each sync themselves
        });

        // Retries inside the HTTP pipeline happen at once: the test clock is fake, and waits the
        // connector leaves to the caller are tested through RetryAfter.
        services.Configure<HttpStandardResilienceOptions>(SalesforceDefaults.HttpClientName + "-standard", o =>
        {
            o.Retry.Delay = TimeSpan.Zero;
            o.Retry.UseJitter = false;
        });
        return new SalesforceHost(server, services.BuildServiceProvider(), time, logs);
    }

    public CrmCredentials Credentials(string? username = null) =>
        new([new(SalesforceCredentialNames.Username, username ?? Emulator.Username)]);

    public CrmConnectionContext Context(string connectionId = "c1") => new(Tenant, connectionId, Credentials());

    public Task<CrmConnectionStatus> ConnectAsync(CrmConnectionSettings? settings = null) =>
        Connections.ConnectAsync(new CrmConnectRequest { TenantId = Tenant, ConnectorName = SalesforceDefaults.ConnectorName, Credentials = Credentials(), Settings = settings });

    /// <summary>Runs syncs until one completes without error (a run that stops on a fault resumes where it stopped).</summary>
    public async Task<List<CrmSyncRunSummary>> SyncUntilCompleteAsync(int maxRuns = 30)
    {
        var runs = new List<CrmSyncRunSummary>();
        for (var i = 0; i < maxRuns; i++)
        {
            var run = await Engine.RunAsync(Tenant);
            runs.Add(run);
            if (run.Error is null)
            {
                return runs;
            }
        }

        Assert.Fail($"No sync completed in {maxRuns} runs; last error: {runs[^1].Error}");
        return runs;
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Emulator.DisposeAsync();
    }
}
