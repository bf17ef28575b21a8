using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace Zoom.RevenueAccelerator.Crm.Internal;

/// <summary>The default data store: each tenant's records in memory, behind its own lock.</summary>
internal sealed class InMemoryCrmDataStore : ICrmDataStore
{
    private readonly ConcurrentDictionary<string, TenantStore> _tenants = new(StringComparer.Ordinal);

    public ICrmTenantDataStore ForTenant(string tenantId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenantId);
        return _tenants.GetOrAdd(tenantId, static id => new TenantStore(id));
    }

    private sealed class TenantStore(string tenantId) : ICrmTenantDataStore
    {
        private readonly object _gate = new();
        private readonly Dictionary<CrmRecordKind, Dictionary<string, CrmRecord>> _records = [];
        private readonly Dictionary<string, string> _cursors = new(StringComparer.Ordinal);

        public string TenantId { get; } = tenantId;

        public ValueTask<CrmChangeSummary> ApplyAsync(CrmChangeBatch batch, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(batch);
            cancellationToken.ThrowIfCancellationRequested();
            int added = 0, updated = 0, deleted = 0;
            lock (_gate)
            {
                foreach (var record in batch.Upserts)
                {
                    ArgumentNullException.ThrowIfNull(record);
                    var byId = Kind(record.Kind);
                    if (byId.TryAdd(record.Id, record))
                    {
                        added++;
                    }
                    else
                    {
                        // The same version read again (a cursor's overlap, a re-read page) is not an update.
                        var previous = byId[record.Id];
                        byId[record.Id] = record;
                        if (record.LastModified == default || previous.LastModified != record.LastModified)
                        {
                            updated++;
                        }
                    }
                }

                foreach (var reference in batch.Deletes)
                {
                    if (_records.TryGetValue(reference.Kind, out var byId) && byId.Remove(reference.Id))
                    {
                        deleted++;
                    }
                }

                foreach (var (name, value) in batch.Cursors)
                {
                    if (value is null)
                    {
                        _cursors.Remove(name);
                    }
                    else
                    {
                        _cursors[name] = value;
                    }
                }
            }

            return ValueTask.FromResult(new CrmChangeSummary(added, updated, deleted));
        }

        public ValueTask<string?> GetCursorAsync(string name, CancellationToken cancellationToken = default)
        {
            lock (_gate)
            {
                return ValueTask.FromResult(_cursors.TryGetValue(name, out var value) ? value : null);
            }
        }

        public ValueTask<CrmRecord?> GetAsync(CrmRecordReference reference, CancellationToken cancellationToken = default)
        {
            lock (_gate)
            {
                return ValueTask.FromResult(_records.TryGetValue(reference.Kind, out var byId) && byId.TryGetValue(reference.Id, out var record) ? record : null);
            }
        }

        public async IAsyncEnumerable<CrmRecord> ReadAllAsync(CrmRecordKind kind, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            CrmRecord[] snapshot;
            lock (_gate)
            {
                snapshot = _records.TryGetValue(kind, out var byId) ? [.. byId.Values] : [];
            }

            Array.Sort(snapshot, static (a, b) => string.CompareOrdinal(a.Id, b.Id));
            foreach (var record in snapshot)
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return record;
            }

            await Task.CompletedTask.ConfigureAwait(false);
        }

        public ValueTask<CrmRecordCounts> CountAsync(CancellationToken cancellationToken = default)
        {
            lock (_gate)
            {
                return ValueTask.FromResult(Counts());
            }
        }

        public ValueTask<CrmRecordCounts> PurgeAsync(CancellationToken cancellationToken = default)
        {
            cancellationToken.ThrowIfCancellationRequested();
            lock (_gate)
            {
                var removed = Counts();
                _records.Clear();
                _cursors.Clear();
                return ValueTask.FromResult(removed);
            }
        }

        private CrmRecordCounts Counts() => CrmRecordCounts.From(_records.ToDictionary(p => p.Key, p => (long)p.Value.Count));

        private Dictionary<string, CrmRecord> Kind(CrmRecordKind kind)
        {
            if (!_records.TryGetValue(kind, out var byId))
            {
                byId = new Dictionary<string, CrmRecord>(StringComparer.Ordinal);
                _records[kind] = byId;
            }

            return byId;
        }
    }
}
