using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Zoom.RevenueAccelerator.Crm.Testing;

namespace Zoom.RevenueAccelerator.Crm.Sync.Tests;

/// <summary>One "process": the integration wired over stores that may outlive it, talking to a fake CRM that outlives it too.</summary>
internal sealed class SyncHost : IAsyncDisposable
{
    private SyncHost(ServiceProvider services) => Services = services;

    public ServiceProvider Services { get; }

    public ICrmConnectionManager Connections => Services.GetRequiredService<ICrmConnectionManager>();

    public ICrmSyncEngine Engine => Services.GetRequiredService<ICrmSyncEngine>();

    public ICrmTenantDataStore Store(string tenant = "t1") => Services.GetRequiredService<ICrmDataStore>().ForTenant(tenant);

    public static SyncHost Start(ICrmConnector crm, FakeTimeProvider time, SyncHost? survivorsOf = null, Action<ICrmIntegrationBuilder>? configure = null, bool realScheduler = false)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        if (survivorsOf is not null)
        {
            // A restart: the durable stores survive; the engine, scheduler and connector sessions do not.
            services.AddSingleton(survivorsOf.Services.GetRequiredService<ICrmDataStore>());
            services.AddSingleton(survivorsOf.Services.GetRequiredService<ICrmConnectionStore>());
            services.AddSingleton(survivorsOf.Services.GetRequiredService<ICrmCredentialStore>());
            services.AddSingleton(survivorsOf.Services.GetRequiredService<ICrmConversationStore>());
        }

        services.AddCrmIntegration(b =>
        {
            b.AddConnector("fake", _ => crm);
            b.ConfigureSync(o => o.Jitter = TimeSpan.Zero);
            if (!realScheduler)
            {
                // Engine tests run syncs themselves; the scheduler only records what it was asked.
                b.UseManualSyncScheduling();
            }

            configure?.Invoke(b);
        });
        return new SyncHost(services.BuildServiceProvider());
    }

    public static FakeTimeProvider NewTime() => new(new DateTimeOffset(2026, 3, 4, 15, 0, 0, TimeSpan.Zero));

    public static FakeCrmConnector NewCrm(FakeTimeProvider time, int records, int pageSize = 25, CrmCapabilities? capabilities = null)
    {
        var options = new FakeCrmConnectorOptions { PageSize = pageSize };
        if (capabilities is { } c)
        {
            options.Capabilities = c;
        }

        var crm = new FakeCrmConnector(options, time);
        crm.Upsert(FakeCrmDataGenerator.Generate(records, seed: 3));
        return crm;
    }

    public Task<CrmConnectionStatus> ConnectAsync(string tenant = "t1", CrmConnectionSettings? settings = null) =>
        Connections.ConnectAsync(new CrmConnectRequest
        {
            TenantId = tenant,
            ConnectorName = "fake",
            Credentials = new CrmCredentials(secrets: [new("apiToken", "token")]),
            Settings = settings,
        });

    /// <summary>Asserts the store holds exactly the CRM's records, kind by kind.</summary>
    public async Task AssertMirrorsAsync(FakeCrmConnector crm, string tenant = "t1")
    {
        foreach (var kind in Enum.GetValues<CrmRecordKind>())
        {
            var stored = await Store(tenant).ReadAllAsync(kind).ToListAsync();
            Assert.Equal(crm.GetRecords(kind), stored);
        }
    }

    public ICrmConversationService Conversations => Services.GetRequiredService<ICrmConversationService>();

    /// <summary>Performs every write-back job queued and due now, as the hosted worker would, and returns how many it took.</summary>
    public async Task<int> DrainWriteBacksAsync()
    {
        var queue = (Internal.InMemoryCrmWriteBackQueue)Services.GetRequiredService<ICrmWriteBackQueue>();
        var worker = Services.GetRequiredService<Internal.CrmWriteBackWorker>();
        var taken = 0;
        while (queue.TryDequeue(out var job))
        {
            taken++;
            await worker.ProcessAsync(job, CancellationToken.None);
        }

        return taken;
    }

    /// <summary>Starts the hosted service a generic host would start (schedule restore, write-back recovery and worker).</summary>
    public async Task<IHostedService> StartHostedAsync()
    {
        var hosted = Services.GetServices<IHostedService>().Single();
        await hosted.StartAsync(CancellationToken.None);
        return hosted;
    }

    public ValueTask DisposeAsync() => Services.DisposeAsync();
}

/// <summary>Reports on the caller's thread, at once (unlike <see cref="Progress{T}"/>).</summary>
internal sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
