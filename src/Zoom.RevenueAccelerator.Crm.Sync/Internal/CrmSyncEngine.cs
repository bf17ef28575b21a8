using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

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
    private readonly TenantMatchers _matchers;
    private readonly ConversationPipeline _conversations;
    private readonly CrmSyncOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, RunHandle> _running = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CrmSyncProgress> _progress = new(StringComparer.Ordinal);

    public CrmSyncEngine(
        ICrmConnectorProvider connectors,
        ICrmConnectionStore connections,
        ICrmCredentialStore credentials,
        ICrmDataStore data,
        TenantMatchers matchers,
        ConversationPipeline conversations,
        IOptions<CrmSyncOptions> options,
        TimeProvider time,
        ILoggerFactory? loggerFactory = null)
    {
        _connectors = connectors;
        _connections = connections;
        _credentials = credentials;
        _data = data;
        _matchers = matchers;
        _conversations = conversations;
        _options = options.Value;
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
        // Every caller's progress hears the run, whether it started it or joined it.
        handle.Listeners.Add(progress, _progress.GetValueOrDefault(status.ConnectionId));
        var (run, started) = handle.Start(stopping => RunOnceAsync(status, handle.Listeners, stopping), cancellationToken);
        try
        {
            // The caller that started the run cancels it through its token and waits until it has
            // stopped (so a following call never joins a run that is winding down); callers that
            // joined stop waiting when their token says so.
            return started ? await run.ConfigureAwait(false) : await run.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            handle.Listeners.Remove(progress);
            if (run.IsCompleted)
            {
                _running.TryRemove(new KeyValuePair<string, RunHandle>(status.ConnectionId, handle));
            }
        }
    }

    public CrmSyncProgress? GetProgress(string connectionId) => _progress.GetValueOrDefault(connectionId);

    public async Task StopAsync(string connectionId, CancellationToken cancellationToken = default)
    {
        if (_running.TryGetValue(connectionId, out var handle))
        {
            await handle.StopAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        _matchers.Drop(connectionId);
    }

    private async Task<CrmSyncRunSummary> RunOnceAsync(CrmConnectionStatus status, IProgress<CrmSyncProgress>? progress, CancellationToken cancellationToken)
    {
        await Task.Yield();
        var connector = _connectors.GetConnector(status.ConnectorName);
        var run = new RunState(status, connector, progress, _time.GetUtcNow(), _time.GetTimestamp());
        string? error = null;
        string? errorType = null;

        using var activity = SyncTelemetry.Source.StartActivity("crm.sync.run");
        activity?.SetTag("crm.system", status.System.Value);
        activity?.SetTag("crm.connector", status.ConnectorName);
        Log.SyncStarted(_logger, status.TenantId, status.ConnectionId);

        try
        {
            var credentials = await _credentials.GetAsync(status.TenantId, status.ConnectionId, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"No credentials are stored for connection '{status.ConnectionId}' of tenant '{status.TenantId}'.");
            run.Context = new CrmConnectionContext(status.TenantId, status.ConnectionId, credentials);
            foreach (var kind in s_kindsInOrder)
            {
                if (!connector.Metadata.SupportedKinds.Contains(kind) || (kind == CrmRecordKind.Team && !status.Settings.SyncTeamData))
                {
                    continue;
                }

                CheckBudget(run, beforeKind: true);

                await SyncKindWithRetriesAsync(run, kind, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            error = "The sync was cancelled; the next run resumes from the last page applied.";
            errorType = "cancelled";
        }
        catch (SyncPausedException ex)
        {
            error = ex.Message;
            errorType = "paused";
            Log.SyncPaused(_logger, status.TenantId, status.ConnectionId, ex.Share);
        }
        catch (CrmException ex)
        {
            error = $"{ex.Kind}: {ex.Message}";
            errorType = ex.Kind.ToString();
            Log.SyncFailed(_logger, status.TenantId, status.ConnectionId, ex.Kind, ex);
        }
        finally
        {
            _progress.TryRemove(status.ConnectionId, out _);
        }

        var summary = new CrmSyncRunSummary
        {
            Mode = run.AnyFull ? CrmReadMode.Full : CrmReadMode.Incremental,
            StartedAt = run.StartedAt,
            CompletedAt = _time.GetUtcNow(),
            Added = run.Added,
            Updated = run.Updated,
            Deleted = run.Deleted,
            Pages = run.Pages,
            Error = error,
        };

        // Recording the outcome must not be cancelled with the run.
        var recorded = await _connections.TryUpdateAsync(status.TenantId, status.ConnectionId, s => s with { LastSync = summary, LastError = error }, CancellationToken.None).ConfigureAwait(false);
        var outcome = new TagList { { "crm.system", status.System.Value } };
        if (error is not null)
        {
            outcome.Add("error.type", errorType ?? "error");
        }

        SyncTelemetry.Runs.Add(1, outcome);
        SyncTelemetry.RunDuration.Record(summary.Duration.TotalSeconds, outcome);
        SyncTelemetry.Records.Add(run.Added + run.Updated + run.Deleted, new KeyValuePair<string, object?>("crm.system", status.System.Value));
        Log.SyncCompleted(_logger, status.TenantId, status.ConnectionId, summary.Added, summary.Updated, summary.Deleted, summary.Duration.TotalSeconds, error is null);

        if (error is null && recorded is { IsConnected: true } && run.Added + run.Updated + run.Deleted > 0)
        {
            // New CRM data may match conversations that found nothing before (the 7-day retry).
            await _conversations.RematchAfterSyncAsync(recorded, CancellationToken.None).ConfigureAwait(false);
        }

        return summary;
    }

    /// <summary>Syncs one kind, resuming from its last applied page after a rate limit, a transient failure, an expired session or an expired cursor.</summary>
    private async Task SyncKindWithRetriesAsync(RunState run, CrmRecordKind kind, CancellationToken cancellationToken)
    {
        var state = await PlanKindAsync(run, kind, restart: false, cancellationToken).ConfigureAwait(false);
        var retries = 0;
        var cursorExpired = false;
        while (true)
        {
            try
            {
                await SyncKindAsync(run, state, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (CrmException ex) when (ex.Kind == CrmErrorKind.Unauthorized && !run.Reauthorized)
            {
                // One re-authorisation per run; the kind resumes from its last applied page.
                run.Reauthorized = true;
                await ReauthorizeAsync(run, cancellationToken).ConfigureAwait(false);
            }
            catch (CrmException ex) when (ex.Kind == CrmErrorKind.CursorExpired && !cursorExpired)
            {
                // The CRM no longer knows where we were (a delta token or locator expired): read the
                // kind again in full, and remove what is gone, since deletions in the gap are lost.
                cursorExpired = true;
                Log.CursorExpired(_logger, run.Status.TenantId, run.Status.ConnectionId, kind);
                state = await PlanKindAsync(run, kind, restart: true, cancellationToken).ConfigureAwait(false);
            }
            catch (CrmException ex) when (ex.IsRetryable && retries < _options.MaxRetries)
            {
                retries++;
                var delay = ex.RetryAfter ?? TimeSpan.FromTicks(_options.RetryDelay.Ticks << Math.Min(retries - 1, 16));
                if (delay > _options.MaxRetryWait)
                {
                    throw;
                }

                var until = _time.GetUtcNow() + delay;
                Log.Waiting(_logger, run.Status.TenantId, run.Status.ConnectionId, ex.Kind, delay.TotalSeconds, retries);
                var wait = Task.Delay(delay, _time, cancellationToken);
                Report(run, state, until);
                await wait.ConfigureAwait(false);
            }
        }
    }

    private async Task ReauthorizeAsync(RunState run, CancellationToken cancellationToken)
    {
        Log.Reauthorizing(_logger, run.Status.TenantId, run.Status.ConnectionId);
        run.Context = await Reauthorization.RefreshAsync(run.Connector, run.Context, _credentials, _connections, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Decides how a kind is read in this run: resume a full read, read changes, or read in full and reconcile deletions.</summary>
    private async Task<KindState> PlanKindAsync(RunState run, CrmRecordKind kind, bool restart, CancellationToken cancellationToken)
    {
        var connectionId = run.Status.ConnectionId;
        var store = _data.ForTenant(run.Status.TenantId);
        var state = new KindState(kind, SyncCursors.Full(connectionId, kind), SyncCursors.Incremental(connectionId, kind), SyncCursors.Reconciled(connectionId, kind));
        if (restart)
        {
            await _matchers.ApplyAsync(run.Status, new CrmChangeBatch { Cursors = new Dictionary<string, string?>(StringComparer.Ordinal) { [state.FullKey] = null, [state.IncrementalKey] = null } }, cancellationToken).ConfigureAwait(false);
            state.Mode = CrmReadMode.Full;
            state.Seen = new HashSet<string>(StringComparer.Ordinal);
            return state;
        }

        var full = await store.GetCursorAsync(state.FullKey, cancellationToken).ConfigureAwait(false);
        var incremental = await store.GetCursorAsync(state.IncrementalKey, cancellationToken).ConfigureAwait(false);
        var reconciled = await store.GetCursorAsync(state.ReconciledKey, cancellationToken).ConfigureAwait(false);
        var reconciledAt = DateTimeOffset.TryParse(reconciled, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) ? at : (DateTimeOffset?)null;
        var tracksDeletes = run.Connector.Can(CrmCapabilities.DeletedRecords);
        // Connectors that report deletions still reconcile now and then: a deletion the CRM forgot
        // (a recycle bin emptied before the next sync) is never reported.
        var interval = tracksDeletes ? _options.FullReconciliationInterval : _options.ReconciliationInterval;
        var reconciliationDue = interval != Timeout.InfiniteTimeSpan && (reconciledAt is null || run.StartedAt - reconciledAt.Value >= interval);

        if (full is not null)
        {
            // An interrupted full read resumes where it stopped. Its deletions cannot be known (the
            // records seen before the interruption are not), so a due reconciliation stays due.
            state.Mode = CrmReadMode.Full;
            state.Cursor = full;
        }
        else if (incremental is not null && run.Connector.Can(CrmCapabilities.IncrementalRead) && !reconciliationDue)
        {
            state.Mode = CrmReadMode.Incremental;
            state.Cursor = incremental;
        }
        else
        {
            // First sync, a CRM without change tracking, or a weekly reconciliation.
            state.Mode = CrmReadMode.Full;
            state.Seen = new HashSet<string>(StringComparer.Ordinal);
        }

        return state;
    }

    private async Task SyncKindAsync(RunState run, KindState state, CancellationToken cancellationToken)
    {
        var status = run.Status;
        run.AnyFull |= state.Mode == CrmReadMode.Full;
        var request = new CrmReadRequest { Kind = state.Kind, Mode = state.Mode, Cursor = state.Cursor };
        await foreach (var page in run.Connector.ReadAsync(run.Context, request, cancellationToken).ConfigureAwait(false))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (page.Kind != state.Kind)
            {
                throw new CrmException(CrmErrorKind.ProviderError, $"The connector returned a page of {page.Kind} records to a read of {state.Kind} records.");
            }

            var cursors = new Dictionary<string, string?>(3, StringComparer.Ordinal);
            if (state.Mode == CrmReadMode.Incremental)
            {
                cursors[state.IncrementalKey] = page.Cursor;
            }
            else if (page.IsLastPage)
            {
                cursors[state.FullKey] = null;
                cursors[state.IncrementalKey] = page.Cursor;
            }
            else
            {
                cursors[state.FullKey] = page.Cursor;
            }

            var deletes = page.DeletedIds.Select(id => new CrmRecordReference(state.Kind, id)).ToList();
            if (state.Seen is { } seen)
            {
                foreach (var record in page.Records)
                {
                    seen.Add(record.Id);
                }

                if (page.IsLastPage)
                {
                    // A full read seen from its first page to its last: whatever the store holds
                    // and the read did not return is gone from the CRM. Removed with the last page.
                    await foreach (var stored in _data.ForTenant(status.TenantId).ReadAllAsync(state.Kind, cancellationToken).ConfigureAwait(false))
                    {
                        if (!seen.Contains(stored.Id))
                        {
                            deletes.Add(stored.Reference);
                        }
                    }

                    cursors[state.ReconciledKey] = run.StartedAt.ToString("O", CultureInfo.InvariantCulture);
                }
            }

            var batch = new CrmChangeBatch
            {
                Upserts = ApplyTeamSettings(page.Records, status.Settings),
                Deletes = deletes,
                Cursors = cursors,
            };
            var changed = await _matchers.ApplyAsync(status, batch, cancellationToken).ConfigureAwait(false);
            run.Add(changed);
            state.Cursor = page.Cursor;
            state.Records += page.Records.Count;
            run.Read[state.Kind] = run.Read.GetValueOrDefault(state.Kind) + page.Records.Count;
            state.Total = page.TotalCount;
            Report(run, state, waitingUntil: null);
            if (!page.IsLastPage)
            {
                CheckBudget(run, beforeKind: false);
            }
        }
    }

    private void Report(RunState run, KindState state, DateTimeOffset? waitingUntil)
    {
        var progress = new CrmSyncProgress
        {
            Mode = state.Mode,
            Kind = state.Kind,
            KindRecords = state.Records,
            KindTotal = state.Total,
            Read = CrmRecordCounts.From(run.Read),
            TotalRecords = run.Read.Values.Sum(),
            Pages = run.Pages,
            WaitingUntil = waitingUntil,
            Elapsed = _time.GetElapsedTime(run.StartTimestamp),
        };
        _progress[run.Status.ConnectionId] = progress;
        run.Progress?.Report(progress);
    }

    /// <summary>
    /// Pauses the run (until the next one) when the CRM says its API allocation is used past the configured share.
    /// Before a kind starts, a reading from before this run is not trusted: the allocation is a rolling window,
    /// and a run that never called would never learn that it freed up.
    /// </summary>
    private void CheckBudget(RunState run, bool beforeKind)
    {
        if (_options.SyncApiBudgetShare < 1
            && run.Connector.GetService<ICrmApiUsage>()?.GetUsage(run.Status.ConnectionId) is { } usage
            && (!beforeKind || usage.ObservedAt >= run.StartedAt)
            && usage.Share >= _options.SyncApiBudgetShare)
        {
            throw new SyncPausedException(usage.Share, _options.SyncApiBudgetShare);
        }
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

        public ProgressListeners Listeners { get; } = new();
        private CancellationTokenSource? _stopping;
        private Task<CrmSyncRunSummary>? _run;

        public (Task<CrmSyncRunSummary> Run, bool Started) Start(Func<CancellationToken, Task<CrmSyncRunSummary>> run, CancellationToken callerToken)
        {
            lock (_gate)
            {
                if (_run is { IsCompleted: false })
                {
                    return (_run, false);
                }

                _stopping?.Dispose();
                _stopping = CancellationTokenSource.CreateLinkedTokenSource(callerToken);
                _run = run(_stopping.Token);
                return (_run, true);
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

    /// <summary>The progress of the callers waiting for one run: the one that started it and those that joined it.</summary>
    private sealed class ProgressListeners : IProgress<CrmSyncProgress>
    {
        private readonly object _gate = new();
        private IProgress<CrmSyncProgress>[] _listeners = [];

        /// <summary>Adds a caller's progress; one that joins a run in progress hears where it stands at once.</summary>
        public void Add(IProgress<CrmSyncProgress>? listener, CrmSyncProgress? current)
        {
            if (listener is null)
            {
                return;
            }

            lock (_gate)
            {
                _listeners = [.. _listeners, listener];
            }

            if (current is not null)
            {
                listener.Report(current);
            }
        }

        public void Remove(IProgress<CrmSyncProgress>? listener)
        {
            if (listener is null)
            {
                return;
            }

            lock (_gate)
            {
                _listeners = [.. _listeners.Where(l => !ReferenceEquals(l, listener))];
            }
        }

        public void Report(CrmSyncProgress value)
        {
            foreach (var listener in Volatile.Read(ref _listeners))
            {
                listener.Report(value);
            }
        }
    }

    private sealed class RunState(CrmConnectionStatus status, ICrmConnector connector, IProgress<CrmSyncProgress>? progress, DateTimeOffset startedAt, long startTimestamp)
    {
        public CrmConnectionStatus Status { get; } = status;

        public ICrmConnector Connector { get; } = connector;

        public IProgress<CrmSyncProgress>? Progress { get; } = progress;

        public DateTimeOffset StartedAt { get; } = startedAt;

        public long StartTimestamp { get; } = startTimestamp;

        public CrmConnectionContext Context { get; set; } = null!;

        public bool Reauthorized { get; set; }

        public bool AnyFull { get; set; }

        public long Added { get; private set; }

        public long Updated { get; private set; }

        public long Deleted { get; private set; }

        public long Pages { get; private set; }

        public Dictionary<CrmRecordKind, long> Read { get; } = [];

        public void Add(CrmChangeSummary changed)
        {
            Added += changed.Added;
            Updated += changed.Updated;
            Deleted += changed.Deleted;
            Pages++;
        }
    }

    /// <summary>How one kind is read in this run, kept across its retries.</summary>
    private sealed class KindState(CrmRecordKind kind, string fullKey, string incrementalKey, string reconciledKey)
    {
        public CrmRecordKind Kind { get; } = kind;

        public string FullKey { get; } = fullKey;

        public string IncrementalKey { get; } = incrementalKey;

        public string ReconciledKey { get; } = reconciledKey;

        public CrmReadMode Mode { get; set; }

        public string? Cursor { get; set; }

        /// <summary>The ids read, when this read started at the first page and so can tell what is gone.</summary>
        public HashSet<string>? Seen { get; set; }

        public long Records { get; set; }

        public long? Total { get; set; }
    }

    private sealed class SyncPausedException(double share, double limit)
        : Exception($"Paused: the CRM's API allocation is {share:P0} used, past the {limit:P0} the sync may use; the next run resumes from the last page applied.")
    {
        public double Share { get; } = share;
    }
}
