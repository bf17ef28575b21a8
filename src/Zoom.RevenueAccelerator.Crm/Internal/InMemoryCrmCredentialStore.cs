using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;

namespace Zoom.RevenueAccelerator.Crm.Internal;

/// <summary>The default credential store: in memory only, gone when the process ends.</summary>
internal sealed class InMemoryCrmCredentialStore : ICrmCredentialStore
{
    private readonly ConcurrentDictionary<(string Tenant, string Connection), CrmCredentials> _credentials = new();

    public ValueTask SaveAsync(string tenantId, string connectionId, CrmCredentials credentials, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenantId);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionId);
        ArgumentNullException.ThrowIfNull(credentials);
        _credentials[(tenantId, connectionId)] = credentials;
        return ValueTask.CompletedTask;
    }

    public ValueTask<CrmCredentials?> GetAsync(string tenantId, string connectionId, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_credentials.TryGetValue((tenantId, connectionId), out var credentials) ? credentials : null);

    public ValueTask<bool> DeleteAsync(string tenantId, string connectionId, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_credentials.TryRemove((tenantId, connectionId), out _));
}
