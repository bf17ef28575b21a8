using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Options;
using Zoom.RevenueAccelerator.Crm.Matching;

namespace Zoom.RevenueAccelerator.Crm.Sync.Internal;

/// <summary>
/// Each connection's matching index, built from the store on first use and then kept current by
/// applying every change batch to the store and the index under one per-connection gate, so the
/// index never misses a batch nor sees half of one.
/// </summary>
internal sealed class TenantMatchers(ICrmDataStore data, IOptions<CrmSyncOptions> options)
{
    private readonly ConcurrentDictionary<string, Slot> _slots = new(StringComparer.Ordinal);

    /// <summary>Applies a batch to the tenant's store and, when built, to the connection's index.</summary>
    public async Task<CrmChangeSummary> ApplyAsync(CrmConnectionStatus connection, CrmChangeBatch batch, CancellationToken cancellationToken)
    {
        var slot = _slots.GetOrAdd(connection.ConnectionId, static _ => new Slot());
        await slot.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var summary = await data.ForTenant(connection.TenantId).ApplyAsync(batch, cancellationToken).ConfigureAwait(false);
            if (slot.Built?.Matcher is { } matcher && (batch.Upserts.Count > 0 || batch.Deletes.Count > 0))
            {
                matcher.Apply(batch, NextVersion(slot));
            }

            return summary;
        }
        finally
        {
            slot.Gate.Release();
        }
    }

    /// <summary>Gets the connection's matcher, building its index from the store when it has none or its options changed.</summary>
    public async Task<IConversationMatcher> GetAsync(CrmConnectionStatus connection, CancellationToken cancellationToken)
    {
        var matching = OptionsFor(connection.Settings);
        var slot = _slots.GetOrAdd(connection.ConnectionId, static _ => new Slot());
        var key = KeyOf(connection.Settings);
        if (slot.Built is { } ready && ready.Key == key)
        {
            return ready.Matcher;
        }

        await slot.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (slot.Built is not { } current || current.Key != key)
            {
                var records = new List<CrmRecord>();
                var store = data.ForTenant(connection.TenantId);
                foreach (var kind in Enum.GetValues<CrmRecordKind>())
                {
                    await foreach (var record in store.ReadAllAsync(kind, cancellationToken).ConfigureAwait(false))
                    {
                        records.Add(record);
                    }
                }

                var snapshot = CrmSnapshot.FromRecords(NextVersion(slot), records, connection.System.Value);
                slot.Built = new Built(ConversationMatcher.Create(snapshot, matching), key);
            }

            return slot.Built.Matcher;
        }
        finally
        {
            slot.Gate.Release();
        }
    }

    /// <summary>Forgets a connection's index (on disconnect).</summary>
    public void Drop(string connectionId) => _slots.TryRemove(connectionId, out _);

    private MatchingOptions OptionsFor(CrmConnectionSettings settings)
    {
        var shared = options.Value.Matching;
        return settings.AssociatedDomains.Count == 0
            ? shared
            : shared with { AssociatedDomains = shared.AssociatedDomains.Concat(settings.AssociatedDomains).Distinct(StringComparer.OrdinalIgnoreCase).ToArray() };
    }

    private static string KeyOf(CrmConnectionSettings settings) => string.Join('\n', settings.AssociatedDomains);

    private static string NextVersion(Slot slot) => "v" + Interlocked.Increment(ref slot.Version).ToString(CultureInfo.InvariantCulture);

#pragma warning disable CA1001 // The semaphore never creates a wait handle, so it holds nothing to dispose.
    private sealed class Slot
    {
        public readonly SemaphoreSlim Gate = new(1, 1);
        public long Version;
        public volatile Built? Built;
    }
#pragma warning restore CA1001

    private sealed record Built(IConversationMatcher Matcher, string Key);
}
