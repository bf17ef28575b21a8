using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Zoom.RevenueAccelerator.Crm.Internal;

/// <summary>The default connection store: every tenant's current connection in memory.</summary>
internal sealed class InMemoryCrmConnectionStore : ICrmConnectionStore
{
    private readonly object _gate = new();
    private readonly Dictionary<string, CrmConnectionStatus> _byTenant = new(StringComparer.Ordinal);

    public ValueTask<CrmConnectionStatus?> GetAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return ValueTask.FromResult(_byTenant.TryGetValue(tenantId, out var status) ? status : null);
        }
    }

    public ValueTask<bool> TryAddAsync(CrmConnectionStatus connection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        lock (_gate)
        {
            if (_byTenant.TryGetValue(connection.TenantId, out var existing) && existing.IsConnected)
            {
                return ValueTask.FromResult(false);
            }

            _byTenant[connection.TenantId] = connection;
            return ValueTask.FromResult(true);
        }
    }

    public ValueTask<CrmConnectionStatus?> TryUpdateAsync(string tenantId, string connectionId, Func<CrmConnectionStatus, CrmConnectionStatus> update, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(update);
        lock (_gate)
        {
            if (!_byTenant.TryGetValue(tenantId, out var current) || current.ConnectionId != connectionId || !current.IsConnected)
            {
                return ValueTask.FromResult<CrmConnectionStatus?>(null);
            }

            var next = update(current);
            if (next.TenantId != current.TenantId || next.ConnectionId != current.ConnectionId)
            {
                throw new InvalidOperationException("A connection update must keep the tenant and connection ids.");
            }

            _byTenant[tenantId] = next;
            return ValueTask.FromResult<CrmConnectionStatus?>(next);
        }
    }

    public ValueTask<IReadOnlyList<CrmConnectionStatus>> ListConnectedAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return ValueTask.FromResult<IReadOnlyList<CrmConnectionStatus>>(_byTenant.Values.Where(s => s.IsConnected).ToArray());
        }
    }
}
