using System;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Zoom.RevenueAccelerator.Crm.Sync.Internal;

namespace Zoom.RevenueAccelerator.Crm.Sync;

/// <summary>Registers the sync engine and the in-process scheduler. <c>AddCrmIntegration</c> calls it for you.</summary>
public static class CrmSyncServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="ICrmSyncEngine"/>, <see cref="ICrmConversationService"/>, the write-back worker
    /// and the hosted service that runs them, and, unless others are registered, the in-process
    /// <see cref="ICrmSyncScheduler"/>, the in-memory <see cref="ICrmConversationStore"/> and
    /// <see cref="ICrmWriteBackQueue"/>. Needs the stores, a connector provider and a <see cref="TimeProvider"/>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <returns>The same collection.</returns>
    public static IServiceCollection AddCrmSync(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<CrmSyncOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.Extensions.Options.IValidateOptions<CrmSyncOptions>, CrmSyncOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<TenantMatchers>();
        services.TryAddSingleton<ICrmConversationStore, InMemoryCrmConversationStore>();
        services.TryAddSingleton<ICrmWriteBackQueue, InMemoryCrmWriteBackQueue>();
        services.TryAddSingleton<ConversationPipeline>();
        services.TryAddSingleton<ICrmConversationService>(sp => sp.GetRequiredService<ConversationPipeline>());
        services.TryAddSingleton<CrmWriteBackWorker>();
        services.TryAddSingleton<ICrmSyncEngine, CrmSyncEngine>();
        services.TryAddSingleton<ICrmSyncScheduler, InProcessCrmSyncScheduler>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, CrmSyncHostedService>());
        return services;
    }
}
