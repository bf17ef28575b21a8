// A hosted worker: the generic host runs the SDK's background work (the 4-hourly sync scheduler,
// the write-back worker) for several tenants. Each tenant here has its own Salesforce emulator; in
// production each would be a customer org signing in with the same connected app.
// Run: dotnet run --project samples/HostedWorker [-- seconds]   (Ctrl+C stops it earlier)
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Zoom.RevenueAccelerator.Crm;
using Zoom.RevenueAccelerator.Crm.Salesforce;
using Zoom.RevenueAccelerator.Crm.Testing.Salesforce;

var seconds = args.Length > 0 && int.TryParse(args[0], NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 15;

// One emulator per tenant, all trusting the same app key (as orgs that installed the same connected app).
var tenants = new Dictionary<string, SalesforceEmulator>();
foreach (var (tenant, size) in new[] { ("northwind", 3_000), ("contoso", 8_000), ("fabrikam", 500) })
{
    tenants[tenant] = await SalesforceEmulator.StartAsync(new SalesforceEmulatorOptions { SeedSize = size, Seed = size });
}

var builder = Host.CreateApplicationBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning).AddFilter("Zoom.RevenueAccelerator.Crm", LogLevel.Information);
builder.Services.AddCrmIntegration(crm =>
{
    // One connector per emulator here because each emulator has its own signing key; a real host
    // registers one AddSalesforce and passes each org's username (and login URL) per connection.
    foreach (var (tenant, emulator) in tenants)
    {
        crm.AddSalesforce(
            o =>
            {
                o.LoginUrl = emulator.BaseAddress;
                o.ConsumerKey = emulator.ConsumerKey;
                o.PrivateKeyPem = emulator.PrivateKeyPem;
            },
            name: "salesforce-" + tenant);
    }
});
builder.Services.AddSingleton(tenants);
builder.Services.AddHostedService<Onboarding>();
using var host = builder.Build();
using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
await host.RunAsync(stop.Token);

foreach (var emulator in tenants.Values)
{
    await emulator.DisposeAsync();
}

/// <summary>Connects every tenant when the host starts, then reports their state until the host stops.</summary>
internal sealed partial class Onboarding(ICrmConnectionManager connections, Dictionary<string, SalesforceEmulator> tenants, ILogger<Onboarding> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        foreach (var (tenant, emulator) in tenants)
        {
            var status = await connections.ConnectAsync(
                new CrmConnectRequest
                {
                    TenantId = tenant,
                    ConnectorName = "salesforce-" + tenant,
                    Credentials = new CrmCredentials([new(SalesforceCredentialNames.Username, emulator.Username)]),
                    Settings = new CrmConnectionSettings { CreateActivities = true },
                },
                stoppingToken);
            Log.Connected(logger, tenant, status.TokenExpiresAt);
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(2));
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            foreach (var tenant in tenants.Keys)
            {
                var status = await connections.GetStatusAsync(tenant, stoppingToken);
                var state = status?.SyncInProgress is { } p ? $"syncing {p.Kind}: {p.TotalRecords:N0} read"
                    : status?.LastSync is { } last ? $"last sync {last.Mode} {last.Added:N0} added ({(last.Succeeded ? "ok" : last.Error)}), next at {status.NextSyncAt:u}"
                    : "waiting for the first sync";
                Console.WriteLine($"{tenant,-10} {state}");
            }
        }
    }
}

internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Connected {Tenant}; token expires {Expires:u} (estimate); the first sync runs in the background.")]
    public static partial void Connected(ILogger logger, string tenant, DateTimeOffset? expires);
}
