using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Zoom.RevenueAccelerator.Crm.Sync.Internal;

/// <summary>Reads each kind page by page and applies every page, with its cursor, as one batch.</summary>
internal sealed class CrmSyncEngine : ICrmSyncEngine
{
    private static readonly CrmRecordKind[] s_kindsInOrder =
    [
        CrmRecordKind.User, CrmRecordKind.Team, CrmRecordKind.Account, CrmRecordKind.Contact, CrmRecordKind.Lead, CrmRecordKind.Opportunity,
    ];

    private readonly ICrmConnectorProvider _connectors;
    private readonly ICrmConnectionStore _connections;
    private readonly ICrmCredentialStore _credentials;
    private readonly ICrmDataStore _data;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, RunHandle> _running = new(StringComparer.Ordinal);

    public CrmSyncEngine(
        ICrmConnectorProvider connectors,
        ICrmConnectionStore connections,
        ICrmCredentialStore credentials,
        ICrmDataStore data,
        TimeProvider time,
        ILoggerFactory? loggerFactory = null)
    {
        _connectors = connectors;
        _connections = connections;
        _credentials = credentials;
        _data = data;
        _time = time;
        _logger = (ILogger?)loggerFactory?.CreateLogger<CrmSyncEngine>() ?? NullLogger.Instance;
    }

    public async Task<CrmSyncRunSummary> RunAsync(string tenantId, IProgress<CrmSyncProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenantId);
        var status = await _connections.GetAsync(tenantId, cancellationToken).ConfigureAwait(false);
        if (status is not { IsConnected: true })
        {
            throw new InvalidOperationException($"Tenant '{tenantId}' has no connected CRM connection to sync.");
        }

        // Single flight per connection: a second caller joins the run in progress.
        var handle = _running.GetOrAdd(status.ConnectionId, _ => new RunHandle());
        var run = handle.Start(stopping => RunOnceAsync(status, progress, stopping), cancellationToken);
        try
        {
            return await run.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (run.IsCompleted)
            {
                _running.TryRemove(new KeyValuePair<string, RunHandle>(status.ConnectionId, handle));
            }
        }
    }

    public async Task StopAsync(string connectionId, CancellationToken cancellationToken = default)
    {
        if (_running.TryGetValue(connectionId, out var handle))
        {
            await handle.StopAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<CrmSyncRunSummary> RunOnceAsync(CrmConnectionStatus status, IProgress<CrmSyncProgress>? progress, CancellationToken cancellationToken)
    {
        await Task.Yield();
        var connector = _connectors.GetConnector(status.ConnectorName);
        var store = _data.ForTenant(status.TenantId);
        var startedAt = _time.GetUtcNow();
        var stopwatch = _time.GetTimestamp();
        var totals = new RunTotals();
        var anyFull = false;
        string? error = null;

        using var activity = SyncTelemetry.Source.StartActivity("crm.sync.run");
        activity?.SetTag("crm.system", status.System.Value);
        activity?.SetTag("crm.connector", status.ConnectorName);
        Log.SyncStarted(_logger, status.TenantId, status.ConnectionId);

        try
        {
            var credentials = await _credentials.GetAsync(status.TenantId, status.ConnectionId, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"No credentials are stored for connection '{status.ConnectionId}' of tenant '{status.TenantId}'.");
            var context = new CrmConnectionContext(status.TenantId, status.ConnectionId, credentials);
            var supported = connector.Metadata.SupportedKinds;
            var refreshed = false;

            foreach (var kind in s_kindsInOrder)
            {
                if (!supported.Contains(kind) || (kind == CrmRecordKind.Team && !status.Settings.SyncTeamData))
                {
                    continue;
                }

                while (true)
                {
                    try
                    {
                        anyFull |= await SyncKindAsync(connector, context, store, status, kind, totals, progress, stopwatch, cancellationToken).ConfigureAwait(false);
                        break;
                    }
                    catch (CrmException ex) when (ex.Kind == CrmErrorKind.Unauthorized && !refreshed)
                    {
                        // One re-authorisation per run; the kind resumes from its last applied page.
                        refreshed = true;
                        Log.Reauthorizing(_logger, status.TenantId, status.ConnectionId);
                        var authorization = await connector.RefreshAsync(context, cancellationToken).ConfigureAwait(false);
                        if (authorization.UpdatedCredentials is { } updated)
                        {
                            await _credentials.SaveAsync(status.TenantId, status.ConnectionId, updated, cancellationToken).ConfigureAwait(false);
                            context = new CrmConnectionContext(status.TenantId, status.ConnectionId, updated);
                        }

                        await _connections.TryUpdateAsync(status.TenantId, status.ConnectionId, s => s with
                        {
                            TokenExpiresAt = authorization.TokenExpiresAt,
                            TokenExpiryIsEstimate = authorization.TokenExpiryIsEstimate,
                        }, cancellationToken).ConfigureAwait(false);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            error = "The sync was cancelled; the next run resumes from the last page applied.";
        }
        catch (CrmException ex)
        {
            error = $"{ex.Kind}: {ex.Message}";
            Log.SyncFailed(_logger, status.TenantId, status.ConnectionId, ex.Kind, ex);
        }

        var summary = new CrmSyncRunSummary
        {
            Mode = anyFull ? CrmReadMode.Full : CrmReadMode.Incremental,
            StartedAt = startedAt,
            CompletedAt = _time.GetUtcNow(),
            Added = totals.Added,
            Updated = totals.Updated,
            Deleted = totals.Deleted,
            Pages = totals.Pages,
            Error = error,
        };

        // Recording the outcome must not be cancelled with the run.
        await _connections.TryUpdateAsync(status.TenantId, status.ConnectionId, s => s with { LastSync = summary, LastError = error }, CancellationToken.None).ConfigureAwait(false);
        SyncTelemetry.Runs.Add(1, new KeyValuePair<string, object?>("crm.system", status.System.Value), new KeyValuePair<string, object?>("error.type", error is null ? null : "sync_failed"));
        SyncTelemetry.Records.Add(totals.Added + totals.Updated + totals.Deleted, new KeyValuePair<string, object?>("crm.system", status.System.Value));
        Log.SyncCompleted(_logger, status.TenantId, status.ConnectionId, summary.Added, summary.Updated, summary.Deleted, summary.Duration.TotalSeconds, error is null);
        return summary;
    }

    /// <summary>Syncs one kind; returns whether it was a full read.</summary>
    private async Task<bool> SyncKindAsync(
        ICrmConnector connector,
        CrmConnectionContext context,
        ICrmTenantDataStore store,
        CrmConnectionStatus status,
        CrmRecordKind kind,
        RunTotals totals,
        IProgress<CrmSyncProgress>? progress,
        long startTimestamp,
        CancellationToken cancellationToken)
    {
        var fullKey = SyncCursors.Full(status.ConnectionId, kind);
        var incrementalKey = SyncCursors.Incremental(status.ConnectionId, kind);
        var incrementalCursor = await store.GetCursorAsync(incrementalKey, cancellationToken).ConfigureAwait(false);
        var incremental = incrementalCursor is not null && connector.Can(CrmCapabilities.IncrementalRead);
        var request = new CrmReadRequest
        {
            Kind = kind,
            Mode = incremental ? CrmReadMode.Incremental : CrmReadMode.Full,
            Cursor = incremental ? incrementalCursor : await store.GetCursorAsync(fullKey, cancellationToken).ConfigureAwait(false),
        };

        long kindRecords = 0;
        await foreach (var page in connector.ReadAsync(context, request, cancellationToken).ConfigureAwait(false))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (page.Kind != kind)
            {
                throw new CrmException(CrmErrorKind.ProviderError, $"The connector returned a page of {page.Kind} records to a read of {kind} records.");
            }

            var cursors = new Dictionary<string, string?>(2, StringComparer.Ordinal);
            if (incremental)
            {
                cursors[incrementalKey] = page.Cursor;
            }
            else if (page.IsLastPage)
            {
                cursors[fullKey] = null;
                cursors[incrementalKey] = page.Cursor;
            }
            else
            {
                cursors[fullKey] = page.Cursor;
            }

            var batch = new CrmChangeBatch
            {
                Upserts = ApplyTeamSettings(page.Records, status.Settings),
                Deletes = page.DeletedIds.Select(id => new CrmRecordReference(kind, id)).ToArray(),
                Cursors = cursors,
            };
            var changed = await store.ApplyAsync(batch, cancellationToken).ConfigureAwait(false);
            totals.Add(changed);
            kindRecords += page.Records.Count;
            totals.Read += page.Records.Count;
            progress?.Report(new CrmSyncProgress
            {
                Mode = request.Mode,
                Kind = kind,
                KindRecords = kindRecords,
                KindTotal = page.TotalCount,
                TotalRecords = totals.Read,
                Pages = totals.Pages,
                Elapsed = _time.GetElapsedTime(startTimestamp),
            });
        }

        return !incremental;
    }

    private static IReadOnlyList<CrmRecord> ApplyTeamSettings(IReadOnlyList<CrmRecord> records, CrmConnectionSettings settings)
    {
        var excluded = settings.TeamsExcludedFromSync;
        if (settings.SyncTeamData && excluded.Count == 0)
        {
            return records;
        }

        var result = new List<CrmRecord>(records.Count);
        foreach (var record in records)
        {
            switch (record)
            {
                case CrmTeam team when excluded.Contains(team.Id, StringComparer.Ordinal):
                    continue;
                case CrmUser user when !settings.SyncTeamData:
                    result.Add(user with { TeamIds = [] });
                    break;
                case CrmUser user when user.TeamIds.Any(t => excluded.Contains(t, StringComparer.Ordinal)):
                    result.Add(user with { TeamIds = user.TeamIds.Where(t => !excluded.Contains(t, StringComparer.Ordinal)).ToArray() });
                    break;
                default:
                    result.Add(record);
                    break;
            }
        }

        return result;
    }

    /// <summary>The one run of a connection in progress, and the means to stop it.</summary>
    private sealed class RunHandle
    {
        private readonly object _gate = new();
        private CancellationTokenSource? _stopping;
        private Task<CrmSyncRunSummary>? _run;

        public Task<CrmSyncRunSummary> Start(Func<CancellationToken, Task<CrmSyncRunSummary>> run, CancellationToken callerToken)
        {
            lock (_gate)
            {
                if (_run is { IsCompleted: false })
                {
                    return _run;
                }

                _stopping?.Dispose();
                _stopping = CancellationTokenSource.CreateLinkedTokenSource(callerToken);
                _run = run(_stopping.Token);
                return _run;
            }
        }

        public async Task StopAsync()
        {
            Task? run;
            lock (_gate)
            {
                _stopping?.Cancel();
                run = _run;
            }

            if (run is not null)
            {
                await ((Task)run).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private sealed class RunTotals
    {
        public long Added { get; private set; }

        public long Updated { get; private set; }

        public long Deleted { get; private set; }

        public long Pages { get; private set; }

        public long Read { get; set; }

        public void Add(CrmChangeSummary changed)
        {
            Added += changed.Added;
            Updated += changed.Updated;
            Deleted += changed.Deleted;
            Pages++;
        }
    }
}
