using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Zoom.RevenueAccelerator.Crm.Testing;

/// <summary>
/// Checks a host's own stores (a database behind <see cref="ICrmDataStore"/>, a vault behind
/// <see cref="ICrmCredentialStore"/>, a table behind <see cref="ICrmConnectionStore"/>) against the
/// rules the SDK relies on: tenants never see each other's data, even when their ids differ only
/// in case or share a prefix; a purge removes one tenant's data only; batches apply whole; cursors
/// are kept and removed; records read back in id order; one connected connection per tenant, even
/// when several connect at once.
/// </summary>
/// <remarks>
/// Run it against empty stores (a fresh database): it writes tenants whose ids start with
/// <c>zra-conformance</c> and purges them again.
/// </remarks>
/// <example>
/// <code>
/// var report = await CrmStoreConformance.RunAsync(new CrmStoreConformanceOptions
/// {
///     DataStore = new SqlCrmDataStore(connectionString),
///     CredentialStore = new VaultCrmCredentialStore(vault),
/// });
/// report.ThrowIfFailed();
/// </code>
/// </example>
public static class CrmStoreConformance
{
    private const string Prefix = "zra-conformance";

    /// <summary>Runs every check for the stores given.</summary>
    /// <param name="options">The stores to check.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>One entry per check; <see cref="CrmConformanceReport.ThrowIfFailed"/> turns failures into a test failure.</returns>
    public static async Task<CrmConformanceReport> RunAsync(CrmStoreConformanceOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var checks = new List<CrmConformanceCheck>();
        async Task Run(string name, bool applies, string notApplicable, Func<Task<List<string>>> check, string passed)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!applies)
            {
                checks.Add(new CrmConformanceCheck(name, CrmConformanceOutcome.Skipped, notApplicable));
                return;
            }

            try
            {
                var problems = await check().ConfigureAwait(false);
                checks.Add(problems.Count == 0
                    ? new CrmConformanceCheck(name, CrmConformanceOutcome.Passed, passed)
                    : new CrmConformanceCheck(name, CrmConformanceOutcome.Failed, string.Join("; ", problems)));
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                checks.Add(new CrmConformanceCheck(name, CrmConformanceOutcome.Failed, $"threw {ex.GetType().Name}: {ex.Message}"));
            }
        }

        var data = options.DataStore;
        var credentials = options.CredentialStore;
        var connections = options.ConnectionStore;
        const string NoData = "no DataStore given";
        await Run("data.tenant-isolation", data is not null, NoData, () => DataIsolationAsync(data!, cancellationToken), "each tenant reads only its own records, counts and cursors, also across tenant ids that differ in case or share a prefix").ConfigureAwait(false);
        await Run("data.purge-scope", data is not null, NoData, () => PurgeScopeAsync(data!, cancellationToken), "a purge removed one tenant's records and cursors, said how many, and left the other tenant whole").ConfigureAwait(false);
        await Run("data.changes", data is not null, NoData, () => ChangesAsync(data!, cancellationToken), "adds, replacements and deletes counted; a delete of a missing record counts nothing; a replaced record reads back new").ConfigureAwait(false);
        await Run("data.cursors", data is not null, NoData, () => CursorsAsync(data!, cancellationToken), "cursors set, replaced and removed (null) with their batches").ConfigureAwait(false);
        await Run("data.read-order", data is not null, NoData, () => ReadOrderAsync(data!, cancellationToken), "records of a kind read back in ordinal id order, and only that kind").ConfigureAwait(false);
        await Run("data.whole-batches", data is not null, NoData, () => WholeBatchesAsync(data!, cancellationToken), "readers running beside the writer never saw part of a batch").ConfigureAwait(false);
        const string NoCredentials = "no CredentialStore given";
        await Run("credentials.isolation", credentials is not null, NoCredentials, () => CredentialIsolationAsync(credentials!, cancellationToken), "credentials are found only under their own tenant (case included) and connection").ConfigureAwait(false);
        await Run("credentials.round-trip", credentials is not null, NoCredentials, () => CredentialRoundTripAsync(credentials!, cancellationToken), "parameters and secrets read back as saved, replaced on save, gone on delete").ConfigureAwait(false);
        const string NoConnections = "no ConnectionStore given";
        await Run("connections.one-per-tenant", connections is not null, NoConnections, () => OneConnectionPerTenantAsync(connections!, cancellationToken), "a second connection is refused while the tenant has a connected one, and allowed after it is disconnected").ConfigureAwait(false);
        await Run("connections.updates", connections is not null, NoConnections, () => ConnectionUpdatesAsync(connections!, cancellationToken), "updates reach only the tenant's connected connection, and none after it is disconnected").ConfigureAwait(false);
        await Run("connections.atomic-add", connections is not null, NoConnections, () => AtomicAddAsync(connections!, cancellationToken), "of 16 connections added at once for one tenant, exactly one was taken").ConfigureAwait(false);
        return new CrmConformanceReport(checks);
    }

    private static string Tenant(string name) => Prefix + "-" + name;

    private static Dictionary<string, string?> Cursor(string name, string? value) => new(StringComparer.Ordinal) { [name] = value };

    private static async Task<List<string>> DataIsolationAsync(ICrmDataStore data, CancellationToken cancellationToken)
    {
        // Pairs a careless store confuses: ids that differ in case (a case-insensitive collation),
        // and a tenant id plus a record id that concatenate like another pair ("p" + ":q:001"
        // against "p:q" + "001").
        string[] tenants = [Tenant("a"), Tenant("A"), Tenant("p"), Tenant("p:q"), Tenant("p") + " "];
        var problems = new List<string>();
        foreach (var tenant in tenants)
        {
            var store = data.ForTenant(tenant);
            if (store.TenantId != tenant)
            {
                problems.Add($"ForTenant(\"{tenant}\").TenantId is \"{store.TenantId}\"");
            }

            await store.ApplyAsync(
                new CrmChangeBatch
                {
                    Upserts = [new CrmAccount { Id = "001", Name = tenant }, new CrmAccount { Id = "q:001", Name = tenant }, new CrmContact { Id = "003" + tenant, Name = tenant }],
                    Cursors = Cursor("accounts", "cursor of " + tenant),
                },
                cancellationToken).ConfigureAwait(false);
        }

        foreach (var tenant in tenants)
        {
            var store = data.ForTenant(tenant);
            foreach (var id in (string[])["001", "q:001"])
            {
                var account = await store.GetAsync(new CrmRecordReference(CrmRecordKind.Account, id), cancellationToken).ConfigureAwait(false) as CrmAccount;
                if (account?.Name != tenant)
                {
                    problems.Add($"tenant \"{tenant}\" read account {id} as {(account is null ? "missing" : $"the one of \"{account.Name}\"")}");
                }
            }

            var contacts = await ToListAsync(store.ReadAllAsync(CrmRecordKind.Contact, cancellationToken), cancellationToken).ConfigureAwait(false);
            if (contacts.Count != 1 || contacts[0].Id != "003" + tenant)
            {
                problems.Add($"tenant \"{tenant}\" read {contacts.Count} contacts ({string.Join(", ", contacts.Select(c => c.Id))}), not only its own");
            }

            var counts = await store.CountAsync(cancellationToken).ConfigureAwait(false);
            if (counts.Total != 3)
            {
                problems.Add($"tenant \"{tenant}\" counted {counts.Total} records, not its 3");
            }

            var cursor = await store.GetCursorAsync("accounts", cancellationToken).ConfigureAwait(false);
            if (cursor != "cursor of " + tenant)
            {
                problems.Add($"tenant \"{tenant}\" read the cursor \"{cursor}\"");
            }
        }

        foreach (var tenant in tenants)
        {
            await data.ForTenant(tenant).PurgeAsync(cancellationToken).ConfigureAwait(false);
        }

        return problems;
    }

    private static async Task<List<string>> PurgeScopeAsync(ICrmDataStore data, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        var gone = data.ForTenant(Tenant("purged"));
        var kept = data.ForTenant(Tenant("kept"));
        foreach (var store in new[] { gone, kept })
        {
            await store.ApplyAsync(
                new CrmChangeBatch
                {
                    Upserts = [new CrmAccount { Id = "001A" }, new CrmAccount { Id = "001B" }, new CrmContact { Id = "003A" }, new CrmLead { Id = "00QA" }, new CrmUser { Id = "005A" }],
                    Cursors = Cursor("contacts", "c1"),
                },
                cancellationToken).ConfigureAwait(false);
        }

        var removed = await gone.PurgeAsync(cancellationToken).ConfigureAwait(false);
        if (removed.Total != 5 || removed.Accounts != 2 || removed.Contacts != 1 || removed.Leads != 1 || removed.Users != 1)
        {
            problems.Add($"the purge reported {removed} removed, not 2 accounts, 1 contact, 1 lead and 1 user");
        }

        if ((await gone.CountAsync(cancellationToken).ConfigureAwait(false)).Total != 0 || await gone.GetCursorAsync("contacts", cancellationToken).ConfigureAwait(false) is not null)
        {
            problems.Add("the purged tenant still has records or cursors");
        }

        if ((await kept.CountAsync(cancellationToken).ConfigureAwait(false)).Total != 5 || await kept.GetCursorAsync("contacts", cancellationToken).ConfigureAwait(false) != "c1")
        {
            problems.Add("purging one tenant removed another's records or cursors");
        }

        await kept.PurgeAsync(cancellationToken).ConfigureAwait(false);
        return problems;
    }

    private static async Task<List<string>> ChangesAsync(ICrmDataStore data, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        var store = data.ForTenant(Tenant("changes"));
        var at = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var first = await store.ApplyAsync(new CrmChangeBatch { Upserts = [new CrmAccount { Id = "001A", Name = "old", LastModified = at }, new CrmAccount { Id = "001B", LastModified = at }] }, cancellationToken).ConfigureAwait(false);
        if (first != new CrmChangeSummary(2, 0, 0))
        {
            problems.Add($"adding 2 records reported {first}");
        }

        var second = await store.ApplyAsync(
            new CrmChangeBatch
            {
                Upserts = [new CrmAccount { Id = "001A", Name = "new", LastModified = at.AddMinutes(1) }],
                Deletes = [new CrmRecordReference(CrmRecordKind.Account, "001B"), new CrmRecordReference(CrmRecordKind.Account, "001-never-stored"), new CrmRecordReference(CrmRecordKind.Contact, "001A")],
            },
            cancellationToken).ConfigureAwait(false);
        if (second != new CrmChangeSummary(0, 1, 1))
        {
            problems.Add($"replacing 1 record and deleting 1 stored and 2 missing ones (one an id of another kind) reported {second}, not 0 added, 1 updated, 1 deleted");
        }

        if ((await store.GetAsync(new CrmRecordReference(CrmRecordKind.Account, "001A"), cancellationToken).ConfigureAwait(false) as CrmAccount)?.Name != "new")
        {
            problems.Add("the replaced record did not read back new");
        }

        if (await store.GetAsync(new CrmRecordReference(CrmRecordKind.Account, "001B"), cancellationToken).ConfigureAwait(false) is not null)
        {
            problems.Add("the deleted record still reads back");
        }

        await store.PurgeAsync(cancellationToken).ConfigureAwait(false);
        return problems;
    }

    private static async Task<List<string>> CursorsAsync(ICrmDataStore data, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        var store = data.ForTenant(Tenant("cursors"));
        await store.ApplyAsync(new CrmChangeBatch { Cursors = new Dictionary<string, string?>(StringComparer.Ordinal) { ["Account"] = "a1", ["account"] = "lower", ["Contact"] = "c1" } }, cancellationToken).ConfigureAwait(false);
        await store.ApplyAsync(new CrmChangeBatch { Cursors = new Dictionary<string, string?>(StringComparer.Ordinal) { ["Account"] = "a2", ["Contact"] = null } }, cancellationToken).ConfigureAwait(false);
        var account = await store.GetCursorAsync("Account", cancellationToken).ConfigureAwait(false);
        var lower = await store.GetCursorAsync("account", cancellationToken).ConfigureAwait(false);
        var contact = await store.GetCursorAsync("Contact", cancellationToken).ConfigureAwait(false);
        if (account != "a2")
        {
            problems.Add($"a replaced cursor read back as \"{account}\"");
        }

        if (lower != "lower")
        {
            problems.Add($"cursor names are not kept apart by case (\"account\" read \"{lower}\")");
        }

        if (contact is not null)
        {
            problems.Add($"a cursor set to null still reads \"{contact}\"");
        }

        await store.PurgeAsync(cancellationToken).ConfigureAwait(false);
        return problems;
    }

    private static async Task<List<string>> ReadOrderAsync(ICrmDataStore data, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        var store = data.ForTenant(Tenant("order"));
        string[] ids = ["b", "B", "a", "_", "A10", "A9", "a-1", "Z"];
        await store.ApplyAsync(new CrmChangeBatch { Upserts = [.. ids.Select(id => new CrmLead { Id = id }), new CrmContact { Id = "c" }] }, cancellationToken).ConfigureAwait(false);
        var read = (await ToListAsync(store.ReadAllAsync(CrmRecordKind.Lead, cancellationToken), cancellationToken).ConfigureAwait(false)).Select(r => r.Id).ToArray();
        var expected = ids.Order(StringComparer.Ordinal).ToArray();
        if (!read.SequenceEqual(expected))
        {
            problems.Add($"leads read back as [{string.Join(", ", read)}], not in ordinal order [{string.Join(", ", expected)}]");
        }

        await store.PurgeAsync(cancellationToken).ConfigureAwait(false);
        return problems;
    }

    private static async Task<List<string>> WholeBatchesAsync(ICrmDataStore data, CancellationToken cancellationToken)
    {
        // A writer applies batches of 50 records while readers count: a store that applies a batch
        // record by record lets a reader see a count that is not a multiple of 50.
        const int BatchSize = 50, Batches = 40;
        var store = data.ForTenant(Tenant("batches"));
        using var done = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var torn = new List<long>();
        async Task ReadAsync()
        {
            while (!done.IsCancellationRequested)
            {
                var total = (await store.CountAsync(cancellationToken).ConfigureAwait(false)).Total;
                if (total % BatchSize != 0)
                {
                    lock (torn)
                    {
                        torn.Add(total);
                    }
                }

                await Task.Yield();
            }
        }

        var readers = Enumerable.Range(0, 2).Select(_ => Task.Run(ReadAsync, CancellationToken.None)).ToArray();
        try
        {
            for (var batch = 0; batch < Batches; batch++)
            {
                var upserts = Enumerable.Range(0, BatchSize).Select(i => (CrmRecord)new CrmContact { Id = string.Create(CultureInfo.InvariantCulture, $"003-{batch:D3}-{i:D3}") }).ToArray();
                await store.ApplyAsync(new CrmChangeBatch { Upserts = upserts, Cursors = Cursor("Contact", batch.ToString(CultureInfo.InvariantCulture)) }, cancellationToken).ConfigureAwait(false);
                await Task.Yield();
            }
        }
        finally
        {
            await done.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(readers).ConfigureAwait(false);
        }

        var problems = new List<string>();
        if (torn.Count > 0)
        {
            problems.Add($"readers saw part of a batch: {torn.Count} counts not a multiple of {BatchSize} (first {torn[0]})");
        }

        var final = (await store.CountAsync(cancellationToken).ConfigureAwait(false)).Total;
        if (final != BatchSize * Batches)
        {
            problems.Add($"{final} records stored after {Batches} batches of {BatchSize}");
        }

        await store.PurgeAsync(cancellationToken).ConfigureAwait(false);
        return problems;
    }

    private static async Task<List<string>> CredentialIsolationAsync(ICrmCredentialStore store, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        var saved = new CrmCredentials([new("username", "rep@a.example")], [new("apiKey", "a-secret")]);
        await store.SaveAsync(Tenant("a"), "conn-1", saved, cancellationToken).ConfigureAwait(false);
        foreach (var (tenant, connection) in new[] { (Tenant("A"), "conn-1"), (Tenant("b"), "conn-1"), (Tenant("a"), "conn-2"), (Tenant("a"), "CONN-1"), (Tenant("a") + ":conn", "1") })
        {
            if (await store.GetAsync(tenant, connection, cancellationToken).ConfigureAwait(false) is not null)
            {
                problems.Add($"credentials of (\"{Tenant("a")}\", \"conn-1\") were found under (\"{tenant}\", \"{connection}\")");
            }
        }

        await store.DeleteAsync(Tenant("a"), "conn-1", cancellationToken).ConfigureAwait(false);
        return problems;
    }

    private static async Task<List<string>> CredentialRoundTripAsync(ICrmCredentialStore store, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        var tenant = Tenant("round-trip");
        var saved = new CrmCredentials([new("username", "rep@a.example"), new("instanceUrl", "https://a.example/")], [new("refreshToken", "r1"), new("privateKey", "-----BEGIN PRIVATE KEY-----\nMII=\n-----END PRIVATE KEY-----\n")]);
        await store.SaveAsync(tenant, "conn", saved, cancellationToken).ConfigureAwait(false);
        var read = await store.GetAsync(tenant, "conn", cancellationToken).ConfigureAwait(false);
        if (read is null)
        {
            problems.Add("saved credentials were not found");
        }
        else
        {
            foreach (var (name, value) in saved.Parameters)
            {
                if (read.GetParameter(name) != value)
                {
                    problems.Add($"parameter {name} read back changed");
                }
            }

            foreach (var name in saved.SecretNames)
            {
                if (read.GetSecret(name) != saved.GetSecret(name))
                {
                    problems.Add($"secret {name} read back changed (its value is not shown)");
                }
            }
        }

        // A rotated refresh token replaces the old one.
        await store.SaveAsync(tenant, "conn", saved.WithSecret("refreshToken", "r2"), cancellationToken).ConfigureAwait(false);
        if ((await store.GetAsync(tenant, "conn", cancellationToken).ConfigureAwait(false))?.GetSecret("refreshToken") != "r2")
        {
            problems.Add("saving again did not replace the credentials");
        }

        var deleted = await store.DeleteAsync(tenant, "conn", cancellationToken).ConfigureAwait(false);
        var again = await store.DeleteAsync(tenant, "conn", cancellationToken).ConfigureAwait(false);
        if (!deleted || again)
        {
            problems.Add($"deleting reported {deleted}, then {again}; expected true, then false");
        }

        if (await store.GetAsync(tenant, "conn", cancellationToken).ConfigureAwait(false) is not null)
        {
            problems.Add("deleted credentials are still found");
        }

        return problems;
    }

    private static CrmConnectionStatus Connection(string tenant, string id) => new()
    {
        TenantId = tenant,
        ConnectionId = id,
        ConnectorName = "conformance",
        System = new CrmSystem("conformance"),
        ConnectedAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
        Settings = new CrmConnectionSettings(),
    };

    private static CrmConnectionStatus Disconnect(CrmConnectionStatus s) => s with { Phase = CrmConnectionPhase.Disconnected, DisconnectedAt = s.ConnectedAt.AddHours(1) };

    private static async Task<List<string>> OneConnectionPerTenantAsync(ICrmConnectionStore store, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        var tenant = Tenant("one-per-tenant");
        if (!await store.TryAddAsync(Connection(tenant, "c1"), cancellationToken).ConfigureAwait(false))
        {
            problems.Add("the first connection of a tenant was refused");
        }

        if (await store.TryAddAsync(Connection(tenant, "c2"), cancellationToken).ConfigureAwait(false))
        {
            problems.Add("a second connection was added while the tenant had a connected one");
        }

        if (!await store.TryAddAsync(Connection(tenant.ToUpperInvariant(), "c3"), cancellationToken).ConfigureAwait(false))
        {
            problems.Add("a tenant whose id differs only in case was refused as if it were the same tenant");
        }

        if ((await store.ListConnectedAsync(cancellationToken).ConfigureAwait(false)).Count(c => c.TenantId.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)) != 2)
        {
            problems.Add("ListConnectedAsync did not list the two connected tenants");
        }

        await store.TryUpdateAsync(tenant, "c1", Disconnect, cancellationToken).ConfigureAwait(false);
        await store.TryUpdateAsync(tenant.ToUpperInvariant(), "c3", Disconnect, cancellationToken).ConfigureAwait(false);
        if (!await store.TryAddAsync(Connection(tenant, "c4"), cancellationToken).ConfigureAwait(false))
        {
            problems.Add("a new connection was refused after the old one was disconnected");
        }

        if ((await store.GetAsync(tenant, cancellationToken).ConfigureAwait(false))?.ConnectionId != "c4")
        {
            problems.Add("GetAsync did not return the tenant's connected connection");
        }

        await store.TryUpdateAsync(tenant, "c4", Disconnect, cancellationToken).ConfigureAwait(false);
        if ((await store.ListConnectedAsync(cancellationToken).ConfigureAwait(false)).Any(c => c.TenantId.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)))
        {
            problems.Add("ListConnectedAsync lists disconnected connections");
        }

        return problems;
    }

    private static async Task<List<string>> ConnectionUpdatesAsync(ICrmConnectionStore store, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        var tenant = Tenant("updates");
        await store.TryAddAsync(Connection(tenant, "c1"), cancellationToken).ConfigureAwait(false);
        if (await store.TryUpdateAsync(tenant, "other", s => s with { LastError = "wrong" }, cancellationToken).ConfigureAwait(false) is not null)
        {
            problems.Add("an update named another connection id and still changed the tenant's connection");
        }

        if (await store.TryUpdateAsync(Tenant("someone-else"), "c1", s => s with { LastError = "wrong" }, cancellationToken).ConfigureAwait(false) is not null)
        {
            problems.Add("an update for another tenant changed this tenant's connection");
        }

        var updated = await store.TryUpdateAsync(tenant, "c1", s => s with { LastError = "boom" }, cancellationToken).ConfigureAwait(false);
        if (updated?.LastError != "boom" || (await store.GetAsync(tenant, cancellationToken).ConfigureAwait(false))?.LastError != "boom")
        {
            problems.Add("an update of the connected connection was not kept");
        }

        await store.TryUpdateAsync(tenant, "c1", Disconnect, cancellationToken).ConfigureAwait(false);
        if (await store.TryUpdateAsync(tenant, "c1", s => s with { LastError = "after" }, cancellationToken).ConfigureAwait(false) is not null)
        {
            problems.Add("a disconnected connection was changed");
        }

        var last = await store.GetAsync(tenant, cancellationToken).ConfigureAwait(false);
        if (last is null || last.IsConnected || last.LastError != "boom")
        {
            problems.Add("GetAsync did not return the disconnected connection as it was left");
        }

        return problems;
    }

    private static async Task<List<string>> AtomicAddAsync(ICrmConnectionStore store, CancellationToken cancellationToken)
    {
        // Two hosts (or two requests) connecting one tenant at once: a store that checks, then
        // inserts, without a transaction or a unique key lets both in.
        const int Attempts = 16;
        var tenant = Tenant("atomic-add");
        using var start = new SemaphoreSlim(0, Attempts);
        var attempts = Enumerable.Range(0, Attempts).Select(i => Task.Run(
            async () =>
            {
                await start.WaitAsync(cancellationToken).ConfigureAwait(false);
                return await store.TryAddAsync(Connection(tenant, "c" + i.ToString(CultureInfo.InvariantCulture)), cancellationToken).ConfigureAwait(false);
            },
            CancellationToken.None)).ToArray();
        start.Release(Attempts);
        var added = (await Task.WhenAll(attempts).ConfigureAwait(false)).Count(a => a);
        var problems = new List<string>();
        if (added != 1)
        {
            problems.Add($"{added} of {Attempts} connections added at once for one tenant were taken; exactly one may be");
        }

        if (await store.GetAsync(tenant, cancellationToken).ConfigureAwait(false) is { IsConnected: true } current)
        {
            await store.TryUpdateAsync(tenant, current.ConnectionId, Disconnect, cancellationToken).ConfigureAwait(false);
        }

        return problems;
    }

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> source, CancellationToken cancellationToken)
    {
        var list = new List<T>();
        await foreach (var item in source.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            list.Add(item);
        }

        return list;
    }
}
