using Microsoft.Extensions.DependencyInjection;
using Zoom.RevenueAccelerator.Crm.Sync;
using Zoom.RevenueAccelerator.Crm.Testing;

namespace Zoom.RevenueAccelerator.Crm.Tests;

public sealed class DependencyInjectionTests
{
    [Fact]
    public void AddCrmIntegration_registers_the_manager_the_provider_the_engine_the_scheduler_and_the_stores()
    {
        var services = new ServiceCollection();
        var builder = services.AddCrmIntegration(crm => crm.AddConnector("fake", _ => new FakeCrmConnector()));
        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });

        Assert.Same(services, builder.Services);
        Assert.NotNull(provider.GetRequiredService<ICrmConnectionManager>());
        Assert.NotNull(provider.GetRequiredService<ICrmSyncEngine>());
        Assert.NotNull(provider.GetRequiredService<ICrmSyncScheduler>());
        Assert.NotNull(provider.GetRequiredService<ICrmDataStore>());
        Assert.NotNull(provider.GetRequiredService<ICrmConnectionStore>());
        Assert.NotNull(provider.GetRequiredService<ICrmCredentialStore>());
        Assert.Same(TimeProvider.System, provider.GetRequiredService<TimeProvider>());
        Assert.Equal(["fake"], provider.GetRequiredService<ICrmConnectorProvider>().Names);
    }

    [Fact]
    public void AddConnector_of_a_type_builds_it_once_with_constructor_injection_and_finds_it_by_any_case()
    {
        var services = new ServiceCollection();
        services.AddSingleton<FakeCrmConnectorOptions>(new FakeCrmConnectorOptions { PageSize = 7 });
        services.AddCrmIntegration(crm => crm.AddConnector<InjectedConnector>("Partner-CRM"));
        using var provider = services.BuildServiceProvider();
        var connectors = provider.GetRequiredService<ICrmConnectorProvider>();

        var first = connectors.GetConnector("partner-crm");
        var second = connectors.GetConnector("PARTNER-CRM");

        Assert.IsType<InjectedConnector>(first);
        Assert.Same(first, second);
        Assert.Equal(7, ((InjectedConnector)first).PageSize);
    }

    [Fact]
    public void AddConnector_with_a_factory_calls_it_once()
    {
        var calls = 0;
        var services = new ServiceCollection();
        services.AddCrmIntegration(crm => crm.AddConnector("fake", _ => { calls++; return new FakeCrmConnector(); }));
        using var provider = services.BuildServiceProvider();
        var connectors = provider.GetRequiredService<ICrmConnectorProvider>();

        _ = connectors.GetConnector("fake");
        _ = connectors.GetConnector("fake");

        Assert.Equal(1, calls);
    }

    [Fact]
    public void The_Use_methods_replace_the_default_stores_and_scheduler()
    {
        var services = new ServiceCollection();
        services.AddCrmIntegration(crm => crm
            .AddConnector("fake", _ => new FakeCrmConnector())
            .UseDataStore<CustomDataStore>()
            .UseConnectionStore<CustomConnectionStore>()
            .UseCredentialStore<CustomCredentialStore>()
            .UseSyncScheduler<CustomScheduler>());
        using var provider = services.BuildServiceProvider();

        Assert.IsType<CustomDataStore>(provider.GetRequiredService<ICrmDataStore>());
        Assert.IsType<CustomConnectionStore>(provider.GetRequiredService<ICrmConnectionStore>());
        Assert.IsType<CustomCredentialStore>(provider.GetRequiredService<ICrmCredentialStore>());
        Assert.IsType<CustomScheduler>(provider.GetRequiredService<ICrmSyncScheduler>());
        Assert.Single(services, d => d.ServiceType == typeof(ICrmDataStore));
    }

    [Fact]
    public void A_host_TimeProvider_registered_first_is_kept()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        services.AddCrmIntegration(crm => crm.AddConnector("fake", _ => new FakeCrmConnector()));
        using var provider = services.BuildServiceProvider();

        Assert.Same(time, provider.GetRequiredService<TimeProvider>());
    }

    private sealed class InjectedConnector(FakeCrmConnectorOptions options) : DelegatingCrmConnector(new FakeCrmConnector(options))
    {
        public int PageSize { get; } = options.PageSize;
    }

    private sealed class CustomDataStore : ICrmDataStore
    {
        public ICrmTenantDataStore ForTenant(string tenantId) => throw new NotSupportedException();
    }

    private sealed class CustomConnectionStore : ICrmConnectionStore
    {
        public ValueTask<CrmConnectionStatus?> GetAsync(string tenantId, CancellationToken cancellationToken = default) => default;

        public ValueTask<bool> TryAddAsync(CrmConnectionStatus connection, CancellationToken cancellationToken = default) => default;

        public ValueTask<CrmConnectionStatus?> TryUpdateAsync(string tenantId, string connectionId, Func<CrmConnectionStatus, CrmConnectionStatus> update, CancellationToken cancellationToken = default) => default;

        public ValueTask<IReadOnlyList<CrmConnectionStatus>> ListConnectedAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult<IReadOnlyList<CrmConnectionStatus>>([]);
    }

    private sealed class CustomCredentialStore : ICrmCredentialStore
    {
        public ValueTask SaveAsync(string tenantId, string connectionId, CrmCredentials credentials, CancellationToken cancellationToken = default) => default;

        public ValueTask<CrmCredentials?> GetAsync(string tenantId, string connectionId, CancellationToken cancellationToken = default) => default;

        public ValueTask<bool> DeleteAsync(string tenantId, string connectionId, CancellationToken cancellationToken = default) => default;
    }

    private sealed class CustomScheduler : ICrmSyncScheduler
    {
        public ValueTask ScheduleAsync(CrmSyncSchedule schedule, CancellationToken cancellationToken = default) => default;

        public ValueTask<bool> TriggerAsync(string tenantId, CancellationToken cancellationToken = default) => default;

        public ValueTask<bool> CancelAsync(string tenantId, CancellationToken cancellationToken = default) => default;

        public DateTimeOffset? GetNextRun(string tenantId) => null;
    }
}
