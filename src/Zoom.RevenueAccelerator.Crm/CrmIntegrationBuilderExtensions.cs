using System;
using System.Diagnostics.CodeAnalysis;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Zoom.RevenueAccelerator.Crm.Internal;
using Zoom.RevenueAccelerator.Crm.Sync;

namespace Zoom.RevenueAccelerator.Crm;

/// <summary>Registers connectors, stores and settings on an <see cref="ICrmIntegrationBuilder"/>.</summary>
public static partial class CrmIntegrationBuilderExtensions
{
    /// <summary>Registers a connector type under a name (a singleton, built with constructor injection).</summary>
    /// <typeparam name="TConnector">The connector.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <param name="name">The name connections use (<see cref="CrmConnectRequest.ConnectorName"/>); letters, digits, <c>-</c>, <c>_</c> and <c>.</c>, case-insensitive.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentException">The name is malformed or taken.</exception>
    public static ICrmIntegrationBuilder AddConnector<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TConnector>(this ICrmIntegrationBuilder builder, string name)
        where TConnector : class, ICrmConnector =>
        AddConnector(builder, name, static sp => ActivatorUtilities.CreateInstance<TConnector>(sp));

    /// <summary>Registers a connector made by a factory under a name (a singleton).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="name">The name connections use; letters, digits, <c>-</c>, <c>_</c> and <c>.</c>, case-insensitive.</param>
    /// <param name="factory">Makes the connector, once.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentException">The name is malformed or taken.</exception>
    public static ICrmIntegrationBuilder AddConnector(this ICrmIntegrationBuilder builder, string name, Func<IServiceProvider, ICrmConnector> factory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(factory);
        if (string.IsNullOrWhiteSpace(name) || !ConnectorName().IsMatch(name))
        {
            throw new ArgumentException($"A connector name is letters, digits, '-', '_' and '.', at most 64 (was '{name}').", nameof(name));
        }

        var taken = builder.Services
            .Where(d => d.ServiceType == typeof(CrmConnectorRegistration) && d.ImplementationInstance is CrmConnectorRegistration)
            .Select(d => (CrmConnectorRegistration)d.ImplementationInstance!)
            .Any(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase));
        if (taken)
        {
            throw new ArgumentException($"A CRM connector is already registered under the name '{name}'.", nameof(name));
        }

        builder.Services.AddSingleton(new CrmConnectorRegistration(name, factory));
        builder.Services.AddKeyedSingleton<ICrmConnector>(CrmConnectorProvider.ConnectorKey(name), (sp, _) => factory(sp));
        return builder;
    }

    /// <summary>
    /// Traces and measures every call the connectors make to their CRM, on the SDK's
    /// <see cref="CrmDiagnostics.ActivitySource"/> and <see cref="CrmDiagnostics.Meter"/>: a span per
    /// call (<c>crm.connector.connect</c>, <c>crm.connector.read.page</c>, <c>crm.connector.lookup</c>,
    /// <c>crm.connector.activity.upsert</c>, ...) and the histogram
    /// <c>crm.connector.operation.duration</c>, tagged with the CRM, the connector, the operation
    /// and, on failure, the <see cref="CrmErrorKind"/>. Connectors are wrapped in a decorator;
    /// provider services stay reachable through <see cref="ICrmConnector.GetService"/>.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    public static ICrmIntegrationBuilder UseConnectorTelemetry(this ICrmIntegrationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton<ConnectorTelemetry>();
        return builder;
    }

    /// <summary>Configures the integration's options (validated at start).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Changes the options.</param>
    /// <returns>The builder.</returns>
    public static ICrmIntegrationBuilder Configure(this ICrmIntegrationBuilder builder, Action<CrmIntegrationOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.Configure(configure);
        return builder;
    }

    /// <summary>Configures the in-process scheduler (validated at start).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Changes the options.</param>
    /// <returns>The builder.</returns>
    public static ICrmIntegrationBuilder ConfigureSync(this ICrmIntegrationBuilder builder, Action<CrmSyncOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.Configure(configure);
        return builder;
    }

    /// <summary>Replaces the in-memory data store.</summary>
    /// <typeparam name="TStore">The store (a singleton).</typeparam>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    public static ICrmIntegrationBuilder UseDataStore<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TStore>(this ICrmIntegrationBuilder builder)
        where TStore : class, ICrmDataStore => Replace<ICrmDataStore, TStore>(builder);

    /// <summary>Replaces the in-memory connection store.</summary>
    /// <typeparam name="TStore">The store (a singleton).</typeparam>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    public static ICrmIntegrationBuilder UseConnectionStore<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TStore>(this ICrmIntegrationBuilder builder)
        where TStore : class, ICrmConnectionStore => Replace<ICrmConnectionStore, TStore>(builder);

    /// <summary>Replaces the in-memory credential store (use a secret vault in production).</summary>
    /// <typeparam name="TStore">The store (a singleton).</typeparam>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    public static ICrmIntegrationBuilder UseCredentialStore<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TStore>(this ICrmIntegrationBuilder builder)
        where TStore : class, ICrmCredentialStore => Replace<ICrmCredentialStore, TStore>(builder);

    /// <summary>
    /// Runs no sync in the background: the host starts every sync itself with
    /// <see cref="ICrmConnectionManager.SyncNowAsync"/> (a command-line tool, a serverless timer
    /// trigger, tests). Connecting does not start the first sync.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    public static ICrmIntegrationBuilder UseManualSyncScheduling(this ICrmIntegrationBuilder builder) =>
        Replace<ICrmSyncScheduler, Internal.ManualCrmSyncScheduler>(builder);

    /// <summary>Replaces the in-process scheduler (with a distributed one, for example).</summary>
    /// <typeparam name="TScheduler">The scheduler (a singleton).</typeparam>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    public static ICrmIntegrationBuilder UseSyncScheduler<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TScheduler>(this ICrmIntegrationBuilder builder)
        where TScheduler : class, ICrmSyncScheduler => Replace<ICrmSyncScheduler, TScheduler>(builder);

    private static ICrmIntegrationBuilder Replace<TService, [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TImplementation>(ICrmIntegrationBuilder builder)
        where TService : class
        where TImplementation : class, TService
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Replace(ServiceDescriptor.Singleton<TService, TImplementation>());
        return builder;
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex ConnectorName();
}
