using System;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Zoom.RevenueAccelerator.Crm;
using Zoom.RevenueAccelerator.Crm.Internal;
using Zoom.RevenueAccelerator.Crm.Sync;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the CRM integration to a service collection.</summary>
public static class CrmIntegrationServiceCollectionExtensions
{
    /// <summary>
    /// Adds the CRM integration: <see cref="ICrmConnectionManager"/>, the connector provider, the
    /// sync engine and in-process scheduler, and in-memory stores (each replaceable). Call a
    /// provider's method (<c>AddSalesforce</c>) or <c>AddConnector</c> on the builder to add CRMs.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Configures the integration; may be called again later through the returned builder.</param>
    /// <returns>The builder.</returns>
    public static ICrmIntegrationBuilder AddCrmIntegration(this IServiceCollection services, Action<ICrmIntegrationBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<CrmIntegrationOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CrmIntegrationOptions>, CrmIntegrationOptionsValidator>());
        services.TryAddSingleton<ICrmDataStore, InMemoryCrmDataStore>();
        services.TryAddSingleton<ICrmConnectionStore, InMemoryCrmConnectionStore>();
        services.TryAddSingleton<ICrmCredentialStore, InMemoryCrmCredentialStore>();
        services.TryAddSingleton<ICrmConnectorProvider, CrmConnectorProvider>();
        services.TryAddSingleton<ICrmConnectionManager, CrmConnectionManager>();
        services.AddCrmSync();

        var builder = new CrmIntegrationBuilder(services);
        configure?.Invoke(builder);
        return builder;
    }

    private sealed class CrmIntegrationBuilder(IServiceCollection services) : ICrmIntegrationBuilder
    {
        public IServiceCollection Services { get; } = services;
    }
}
