using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace Zoom.RevenueAccelerator.Crm.Sync.Internal;

/// <summary>The default conversation store: tenants' conversation states in memory, lost on restart.</summary>
internal sealed class InMemoryCrmConversationStore : ICrmConversationStore
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, CrmConversationState>> _tenants = new(StringComparer.Ordinal);

    public ValueTask<CrmConversationState?> GetAsync(string tenantId, string conversationId, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_tenants.TryGetValue(tenantId, out var tenant) ? tenant.GetValueOrDefault(conversationId) : null);

    public ValueTask<CrmConversationState> AddOrUpdateAsync(string tenantId, string conversationId, Func<CrmConversationState?, CrmConversationState> update, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(update);
        var tenant = _tenants.GetOrAdd(tenantId, static _ => new(StringComparer.Ordinal));
        while (true)
        {
            if (tenant.TryGetValue(conversationId, out var current))
            {
                var next = update(current);
                if (tenant.TryUpdate(conversationId, next, current))
                {
                    return ValueTask.FromResult(next);
                }
            }
            else
            {
                var added = update(null);
                if (tenant.TryAdd(conversationId, added))
                {
                    return ValueTask.FromResult(added);
                }
            }
        }
    }

    public async IAsyncEnumerable<CrmConversationState> ListSinceAsync(string tenantId, DateTimeOffset startedSince, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.CompletedTask.ConfigureAwait(false);
        if (!_tenants.TryGetValue(tenantId, out var tenant))
        {
            yield break;
        }

        foreach (var state in tenant.Values.Where(s => s.Conversation.Start >= startedSince).OrderBy(s => s.Conversation.Id, StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return state;
        }
    }

    public async IAsyncEnumerable<CrmConversationState> ListPendingWriteBacksAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.CompletedTask.ConfigureAwait(false);
        foreach (var state in _tenants.Values.SelectMany(t => t.Values).Where(s => s.WriteBack is { Status: CrmWriteBackStatus.Pending }))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return state;
        }
    }

    public ValueTask<int> PurgeAsync(string tenantId, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_tenants.TryRemove(tenantId, out var tenant) ? tenant.Count : 0);
}
