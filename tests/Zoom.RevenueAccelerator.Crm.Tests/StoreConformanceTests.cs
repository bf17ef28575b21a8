using System.Runtime.CompilerServices;
using Microsoft.Extensions.DependencyInjection;
using Zoom.RevenueAccelerator.Crm.Testing;

namespace Zoom.RevenueAccelerator.Crm.Tests;

/// <summary>
/// The in-memory stores pass the store conformance suite, and each rule it checks fails a store
/// that breaks that rule in a wrapper around the in-memory one.
/// </summary>
public sealed class StoreConformanceTests
{
    private static ServiceProvider InMemoryStores()
    {
        var services = new ServiceCollection();
        services.AddCrmIntegration();
        return services.BuildServiceProvider();
    }

    private static CrmStoreConformanceOptions Options(IServiceProvider services) => new()
    {
        DataStore = services.GetRequiredService<ICrmDataStore>(),
        CredentialStore = services.GetRequiredService<ICrmCredentialStore>(),
        ConnectionStore = services.GetRequiredService<ICrmConnectionStore>(),
    };

    [Fact]
    public async Task The_in_memory_stores_pass_every_check()
    {
        await using var services = InMemoryStores();

        var report = await CrmStoreConformance.RunAsync(Options(services));

        report.ThrowIfFailed();
        Assert.Equal(11, report.Checks.Count);
        Assert.All(report.Checks, c => Assert.Equal(CrmConformanceOutcome.Passed, c.Outcome));
        Assert.Equal(0, (await services.GetRequiredService<ICrmDataStore>().ForTenant("zra-conformance-a").CountAsync()).Total);
    }

    [Fact]
    public async Task The_checks_of_a_store_not_given_are_skipped()
    {
        await using var services = InMemoryStores();

        var report = await CrmStoreConformance.RunAsync(new CrmStoreConformanceOptions { CredentialStore = services.GetRequiredService<ICrmCredentialStore>() });

        Assert.True(report.Passed);
        Assert.Equal(["credentials.isolation", "credentials.round-trip"], report.Checks.Where(c => c.Outcome == CrmConformanceOutcome.Passed).Select(c => c.Name));
        Assert.Equal(9, report.Checks.Count(c => c.Outcome == CrmConformanceOutcome.Skipped));
    }

    public static TheoryData<string, string> BrokenStores() => new()
    {
        { nameof(CaseBlindTenants), "data.tenant-isolation" },
        { nameof(PurgesEveryTenant), "data.purge-scope" },
        { nameof(DeletesByIdAlone), "data.changes" },
        { nameof(ForgetsNullCursors), "data.cursors" },
        { nameof(ReadsNewestFirst), "data.read-order" },
        { nameof(AppliesRecordByRecord), "data.whole-batches" },
        { nameof(CaseBlindCredentials), "credentials.isolation" },
        { nameof(KeepsTheFirstCredentials), "credentials.round-trip" },
        { nameof(AddsWithoutLooking), "connections.one-per-tenant" },
        { nameof(UpdatesWhateverIsConnected), "connections.updates" },
        { nameof(ChecksThenAdds), "connections.atomic-add" },
    };

    [Theory]
    [MemberData(nameof(BrokenStores))]
    public async Task A_store_that_breaks_a_rule_fails_that_check(string broken, string check)
    {
        await using var services = InMemoryStores();
        var options = Options(services);
        options = broken switch
        {
            nameof(CaseBlindTenants) => new() { DataStore = new CaseBlindTenants(options.DataStore!) },
            nameof(PurgesEveryTenant) => new() { DataStore = new PurgesEveryTenant(options.DataStore!) },
            nameof(DeletesByIdAlone) => new() { DataStore = new DataStore(options.DataStore!, s => new DeletesByIdAlone(s)) },
            nameof(ForgetsNullCursors) => new() { DataStore = new DataStore(options.DataStore!, s => new ForgetsNullCursors(s)) },
            nameof(ReadsNewestFirst) => new() { DataStore = new DataStore(options.DataStore!, s => new ReadsNewestFirst(s)) },
            nameof(AppliesRecordByRecord) => new() { DataStore = new DataStore(options.DataStore!, s => new AppliesRecordByRecord(s)) },
            nameof(CaseBlindCredentials) => new() { CredentialStore = new CaseBlindCredentials(options.CredentialStore!) },
            nameof(KeepsTheFirstCredentials) => new() { CredentialStore = new KeepsTheFirstCredentials(options.CredentialStore!) },
            nameof(AddsWithoutLooking) => new() { ConnectionStore = new AddsWithoutLooking(options.ConnectionStore!) },
            nameof(UpdatesWhateverIsConnected) => new() { ConnectionStore = new UpdatesWhateverIsConnected(options.ConnectionStore!) },
            nameof(ChecksThenAdds) => new() { ConnectionStore = new ChecksThenAdds(options.ConnectionStore!) },
            _ => throw new ArgumentOutOfRangeException(nameof(broken)),
        };

        var report = await CrmStoreConformance.RunAsync(options);

        Assert.Equal(CrmConformanceOutcome.Failed, report[check].Outcome);
        var error = Assert.Throws<InvalidOperationException>(report.ThrowIfFailed);
        Assert.Contains(check, error.Message, StringComparison.Ordinal);
    }

    private sealed class CaseBlindTenants(ICrmDataStore inner) : ICrmDataStore
    {
        public ICrmTenantDataStore ForTenant(string tenantId) => inner.ForTenant(tenantId.ToUpperInvariant());
    }

    private sealed class PurgesEveryTenant(ICrmDataStore inner) : ICrmDataStore
    {
        private readonly List<ICrmTenantDataStore> _all = [];

        public ICrmTenantDataStore ForTenant(string tenantId)
        {
            var store = new PurgeAll(inner.ForTenant(tenantId), _all);
            _all.Add(store.Inner);
            return store;
        }

        private sealed class PurgeAll(ICrmTenantDataStore inner, List<ICrmTenantDataStore> all) : TenantStore(inner)
        {
            public override async ValueTask<CrmRecordCounts> PurgeAsync(CancellationToken cancellationToken = default)
            {
                var removed = await Inner.PurgeAsync(cancellationToken);
                foreach (var other in all)
                {
                    await other.PurgeAsync(cancellationToken);
                }

                return removed;
            }
        }
    }

    private sealed class DataStore(ICrmDataStore inner, Func<ICrmTenantDataStore, ICrmTenantDataStore> wrap) : ICrmDataStore
    {
        public ICrmTenantDataStore ForTenant(string tenantId) => wrap(inner.ForTenant(tenantId));
    }

    /// <summary>A tenant store that forwards every call; the broken ones override one.</summary>
    private class TenantStore(ICrmTenantDataStore inner) : ICrmTenantDataStore
    {
        public ICrmTenantDataStore Inner => inner;

        public string TenantId => inner.TenantId;

        public virtual ValueTask<CrmChangeSummary> ApplyAsync(CrmChangeBatch batch, CancellationToken cancellationToken = default) => inner.ApplyAsync(batch, cancellationToken);

        public virtual ValueTask<CrmRecordCounts> CountAsync(CancellationToken cancellationToken = default) => inner.CountAsync(cancellationToken);

        public ValueTask<CrmRecord?> GetAsync(CrmRecordReference reference, CancellationToken cancellationToken = default) => inner.GetAsync(reference, cancellationToken);

        public ValueTask<string?> GetCursorAsync(string name, CancellationToken cancellationToken = default) => inner.GetCursorAsync(name, cancellationToken);

        public virtual ValueTask<CrmRecordCounts> PurgeAsync(CancellationToken cancellationToken = default) => inner.PurgeAsync(cancellationToken);

        public virtual IAsyncEnumerable<CrmRecord> ReadAllAsync(CrmRecordKind kind, CancellationToken cancellationToken = default) => inner.ReadAllAsync(kind, cancellationToken);
    }

    private sealed class DeletesByIdAlone(ICrmTenantDataStore inner) : TenantStore(inner)
    {
        public override ValueTask<CrmChangeSummary> ApplyAsync(CrmChangeBatch batch, CancellationToken cancellationToken = default) =>
            base.ApplyAsync(batch with { Deletes = [.. batch.Deletes.SelectMany(d => Enum.GetValues<CrmRecordKind>().Select(k => new CrmRecordReference(k, d.Id)))] }, cancellationToken);
    }

    private sealed class ForgetsNullCursors(ICrmTenantDataStore inner) : TenantStore(inner)
    {
        public override ValueTask<CrmChangeSummary> ApplyAsync(CrmChangeBatch batch, CancellationToken cancellationToken = default) =>
            base.ApplyAsync(batch with { Cursors = batch.Cursors.Where(c => c.Value is not null).ToDictionary() }, cancellationToken);
    }

    private sealed class ReadsNewestFirst(ICrmTenantDataStore inner) : TenantStore(inner)
    {
        public override async IAsyncEnumerable<CrmRecord> ReadAllAsync(CrmRecordKind kind, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            var all = await base.ReadAllAsync(kind, cancellationToken).ToListAsync(cancellationToken);
            for (var i = all.Count - 1; i >= 0; i--)
            {
                yield return all[i];
            }
        }
    }

    /// <summary>Applies a batch's records one at a time and, once, lets a reader count in the middle of a batch.</summary>
    private sealed class AppliesRecordByRecord(ICrmTenantDataStore inner) : TenantStore(inner)
    {
        private TaskCompletionSource? _readerArrived;

        public override async ValueTask<CrmChangeSummary> ApplyAsync(CrmChangeBatch batch, CancellationToken cancellationToken = default)
        {
            int added = 0, updated = 0;
            for (var i = 0; i < batch.Upserts.Count; i++)
            {
                var one = await base.ApplyAsync(new CrmChangeBatch { Upserts = [batch.Upserts[i]] }, cancellationToken);
                (added, updated) = (added + one.Added, updated + one.Updated);
                // Only the concurrent check writes batches this large; the others have no reader to wait for.
                if (i == batch.Upserts.Count / 2 && batch.Upserts.Count >= 50 && _readerArrived is null)
                {
                    _readerArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    await _readerArrived.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
                }
            }

            var rest = await base.ApplyAsync(new CrmChangeBatch { Deletes = batch.Deletes, Cursors = batch.Cursors }, cancellationToken);
            return new CrmChangeSummary(added, updated, rest.Deleted);
        }

        public override async ValueTask<CrmRecordCounts> CountAsync(CancellationToken cancellationToken = default)
        {
            var counts = await base.CountAsync(cancellationToken);
            _readerArrived?.TrySetResult();
            return counts;
        }
    }

    private sealed class CaseBlindCredentials(ICrmCredentialStore inner) : ICrmCredentialStore
    {
        public ValueTask<bool> DeleteAsync(string tenantId, string connectionId, CancellationToken cancellationToken = default) => inner.DeleteAsync(tenantId.ToUpperInvariant(), connectionId, cancellationToken);

        public ValueTask<CrmCredentials?> GetAsync(string tenantId, string connectionId, CancellationToken cancellationToken = default) => inner.GetAsync(tenantId.ToUpperInvariant(), connectionId, cancellationToken);

        public ValueTask SaveAsync(string tenantId, string connectionId, CrmCredentials credentials, CancellationToken cancellationToken = default) => inner.SaveAsync(tenantId.ToUpperInvariant(), connectionId, credentials, cancellationToken);
    }

    private sealed class KeepsTheFirstCredentials(ICrmCredentialStore inner) : ICrmCredentialStore
    {
        public ValueTask<bool> DeleteAsync(string tenantId, string connectionId, CancellationToken cancellationToken = default) => inner.DeleteAsync(tenantId, connectionId, cancellationToken);

        public ValueTask<CrmCredentials?> GetAsync(string tenantId, string connectionId, CancellationToken cancellationToken = default) => inner.GetAsync(tenantId, connectionId, cancellationToken);

        public async ValueTask SaveAsync(string tenantId, string connectionId, CrmCredentials credentials, CancellationToken cancellationToken = default)
        {
            if (await inner.GetAsync(tenantId, connectionId, cancellationToken) is null)
            {
                await inner.SaveAsync(tenantId, connectionId, credentials, cancellationToken);
            }
        }
    }

    private class ConnectionStore(ICrmConnectionStore inner) : ICrmConnectionStore
    {
        protected ICrmConnectionStore Inner => inner;

        public ValueTask<CrmConnectionStatus?> GetAsync(string tenantId, CancellationToken cancellationToken = default) => inner.GetAsync(tenantId, cancellationToken);

        public ValueTask<IReadOnlyList<CrmConnectionStatus>> ListConnectedAsync(CancellationToken cancellationToken = default) => inner.ListConnectedAsync(cancellationToken);

        public virtual ValueTask<bool> TryAddAsync(CrmConnectionStatus connection, CancellationToken cancellationToken = default) => inner.TryAddAsync(connection, cancellationToken);

        public virtual ValueTask<CrmConnectionStatus?> TryUpdateAsync(string tenantId, string connectionId, Func<CrmConnectionStatus, CrmConnectionStatus> update, CancellationToken cancellationToken = default) =>
            inner.TryUpdateAsync(tenantId, connectionId, update, cancellationToken);
    }

    /// <summary>Replaces the tenant's connection on every add, connected or not.</summary>
    private sealed class AddsWithoutLooking(ICrmConnectionStore inner) : ConnectionStore(inner)
    {
        public override async ValueTask<bool> TryAddAsync(CrmConnectionStatus connection, CancellationToken cancellationToken = default)
        {
            if (await Inner.GetAsync(connection.TenantId, cancellationToken) is { IsConnected: true } current)
            {
                await Inner.TryUpdateAsync(current.TenantId, current.ConnectionId, s => s with { Phase = CrmConnectionPhase.Disconnected }, cancellationToken);
            }

            return await Inner.TryAddAsync(connection, cancellationToken);
        }
    }

    /// <summary>Updates the tenant's connected connection whatever connection id the caller named.</summary>
    private sealed class UpdatesWhateverIsConnected(ICrmConnectionStore inner) : ConnectionStore(inner)
    {
        public override async ValueTask<CrmConnectionStatus?> TryUpdateAsync(string tenantId, string connectionId, Func<CrmConnectionStatus, CrmConnectionStatus> update, CancellationToken cancellationToken = default) =>
            await Inner.GetAsync(tenantId, cancellationToken) is { IsConnected: true } current
                ? await Inner.TryUpdateAsync(tenantId, current.ConnectionId, update, cancellationToken)
                : null;
    }

    /// <summary>
    /// Looks for a connected connection, then adds without a lock: the first two callers both find
    /// none (each waits until the other has looked), and both are taken.
    /// </summary>
    private sealed class ChecksThenAdds(ICrmConnectionStore inner) : ConnectionStore(inner)
    {
        private readonly Dictionary<string, CrmConnectionStatus> _connected = new(StringComparer.Ordinal);
        private readonly TaskCompletionSource _secondLooked = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _looked;

        public override async ValueTask<bool> TryAddAsync(CrmConnectionStatus connection, CancellationToken cancellationToken = default)
        {
            bool found;
            lock (_connected)
            {
                found = _connected.ContainsKey(connection.TenantId);
            }

            // Only the concurrent check adds at once; the sequential ones have no second caller to wait for.
            var looked = connection.TenantId.EndsWith("atomic-add", StringComparison.Ordinal) ? Interlocked.Increment(ref _looked) : int.MaxValue;
            if (looked == 2)
            {
                _secondLooked.TrySetResult();
            }

            if (looked <= 2)
            {
                await _secondLooked.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
            }

            if (found)
            {
                return false;
            }

            lock (_connected)
            {
                _connected[connection.TenantId] = connection;
            }

            return true;
        }
    }
}
