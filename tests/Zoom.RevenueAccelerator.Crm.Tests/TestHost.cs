using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Zoom.RevenueAccelerator.Crm.Testing;

namespace Zoom.RevenueAccelerator.Crm.Tests;

/// <summary>A host wired as an application would wire it: AddCrmIntegration with fake CRMs, fake time and fake logging.</summary>
internal sealed class TestHost : IAsyncDisposable
{
    public const string Secret = "s3cr3t-api-token-VALUE";

    private TestHost(ServiceProvider services, FakeTimeProvider time, Dictionary<string, FakeCrmConnector> crms)
    {
        Services = services;
        Time = time;
        Crms = crms;
    }

    public ServiceProvider Services { get; }

    public FakeTimeProvider Time { get; }

    public IReadOnlyDictionary<string, FakeCrmConnector> Crms { get; }

    public FakeCrmConnector Crm => Crms["fake"];

    public ICrmConnectionManager Connections => Services.GetRequiredService<ICrmConnectionManager>();

    public ICrmDataStore Data => Services.GetRequiredService<ICrmDataStore>();

    public FakeLogCollector Logs => Services.GetFakeLogCollector();

    public static TestHost Create(Action<ICrmIntegrationBuilder>? configure = null, int records = 200, params string[] extraCrms)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 4, 15, 0, 0, TimeSpan.Zero));
        var crms = new Dictionary<string, FakeCrmConnector>(StringComparer.Ordinal);
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddFakeLogging());
        services.AddCrmIntegration(crm =>
        {
            foreach (var (name, seed) in new[] { ("fake", 1) }.Concat(extraCrms.Select((n, i) => (n, i + 2))))
            {
                var fake = new FakeCrmConnector(new FakeCrmConnectorOptions { PageSize = 50, ExpectedSecretValue = Secret }, time);
                fake.Upsert(FakeCrmDataGenerator.Generate(records, seed));
                crms[name] = fake;
                crm.AddConnector(name, _ => fake);
            }

            crm.ConfigureSync(o => o.Jitter = TimeSpan.Zero);
            configure?.Invoke(crm);
        });
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        provider.GetRequiredService<IStartupValidator>().Validate();
        return new TestHost(provider, time, crms);
    }

    public static CrmCredentials Credentials(string secret = Secret) =>
        new(parameters: [new("username", "integration@seller.example")], secrets: [new("apiToken", secret)]);

    public Task<CrmConnectionStatus> ConnectAsync(string tenant = "tenant-a", string connector = "fake", CrmConnectionSettings? settings = null) =>
        Connections.ConnectAsync(new CrmConnectRequest { TenantId = tenant, ConnectorName = connector, Credentials = Credentials(), Settings = settings });

    public ValueTask DisposeAsync() => Services.DisposeAsync();
}
