using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Zoom.RevenueAccelerator.Crm.Matching;

namespace Zoom.RevenueAccelerator.Crm.Sync.Internal;

/// <summary>
/// Performs write-back jobs: builds the activity from the conversation's current state and upserts
/// it, keyed by the conversation id and, once known, the activity's id, so that retries, restarts
/// and re-matches update one activity. Failures are retried with back-off (honouring Retry-After)
/// and dead-lettered after the last attempt.
/// </summary>
internal sealed class CrmWriteBackWorker : IDisposable
{
    private static readonly TimeSpan s_maxBackoff = TimeSpan.FromHours(1);

    private readonly ICrmConnectorProvider _connectors;
    private readonly ICrmConnectionStore _connections;
    private readonly ICrmCredentialStore _credentials;
    private readonly ICrmConversationStore _conversations;
    private readonly ICrmWriteBackQueue _queue;
    private readonly CrmSyncOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<ITimer> _timers = [];

    public CrmWriteBackWorker(
        ICrmConnectorProvider connectors,
        ICrmConnectionStore connections,
        ICrmCredentialStore credentials,
        ICrmConversationStore conversations,
        ICrmWriteBackQueue queue,
        IOptions<CrmSyncOptions> options,
        TimeProvider time,
        ILoggerFactory? loggerFactory = null)
    {
        _connectors = connectors;
        _connections = connections;
        _credentials = credentials;
        _conversations = conversations;
        _queue = queue;
        _options = options.Value;
        _time = time;
        _logger = (ILogger?)loggerFactory?.CreateLogger<CrmWriteBackWorker>() ?? NullLogger.Instance;
    }

    /// <summary>Takes jobs from the queue until stopped.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
        try
        {
            await foreach (var job in _queue.ReadAllAsync(linked.Token).ConfigureAwait(false))
            {
                await ProcessAsync(job, linked.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (linked.IsCancellationRequested)
        {
            // stopping
        }
    }

    /// <summary>Queues every pending write-back again (after a restart: the in-memory queue is empty, the store is not).</summary>
    public async Task RecoverAsync(CancellationToken cancellationToken)
    {
        await foreach (var state in _conversations.ListPendingWriteBacksAsync(cancellationToken).ConfigureAwait(false))
        {
            var pending = state.WriteBack!;
            await _queue.EnqueueAsync(new CrmWriteBackJob(state.TenantId, state.Conversation.Id, pending.Revision, pending.NextAttemptAt ?? _time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Performs one job, or arms a timer to queue it again when it is not due yet.</summary>
    public async Task ProcessAsync(CrmWriteBackJob job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        try
        {
            await ProcessCoreAsync(job, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // One job's unexpected failure must not stop the worker; it is logged and the job stays pending for a restart.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.WriteBackCrashed(_logger, job.TenantId, job.ConversationId, ex);
        }
    }

    private async Task ProcessCoreAsync(CrmWriteBackJob job, CancellationToken cancellationToken)
    {
        var state = await _conversations.GetAsync(job.TenantId, job.ConversationId, cancellationToken).ConfigureAwait(false);
        if (state?.WriteBack is not { Status: CrmWriteBackStatus.Pending } pending || pending.Revision != job.Revision)
        {
            return; // written, dead-lettered, or superseded by a newer job
        }

        var now = _time.GetUtcNow();
        var due = pending.NextAttemptAt ?? job.NotBefore;
        if (due > now)
        {
            Later(job with { NotBefore = due }, due - now);
            return;
        }

        var connection = await _connections.GetAsync(job.TenantId, cancellationToken).ConfigureAwait(false);
        if (connection is not { IsConnected: true } || connection.ConnectionId != state.ConnectionId)
        {
            await FinishAsync(job, s => s with { Status = CrmWriteBackStatus.Skipped, LastError = "the connection the conversation was matched on is no longer connected", NextAttemptAt = null }, cancellationToken).ConfigureAwait(false);
            return;
        }

        var connector = _connectors.GetConnector(connection.ConnectorName);
        var credentials = await _credentials.GetAsync(connection.TenantId, connection.ConnectionId, cancellationToken).ConfigureAwait(false);
        if (credentials is null)
        {
            await FinishAsync(job, s => s with { Status = CrmWriteBackStatus.DeadLettered, LastError = "no credentials are stored for the connection", NextAttemptAt = null }, cancellationToken).ConfigureAwait(false);
            return;
        }

        var context = new CrmConnectionContext(connection.TenantId, connection.ConnectionId, credentials);
        var activity = BuildActivity(state, connection.Settings, pending.ActivityId);
        var attempt = pending.Attempts + 1;
        using var trace = SyncTelemetry.Source.StartActivity("crm.activity.write");
        trace?.SetTag("crm.system", connection.System.Value);
        try
        {
            CrmActivityResult result;
            try
            {
                result = await connector.UpsertActivityAsync(context, activity, cancellationToken).ConfigureAwait(false);
            }
            catch (CrmException ex) when (ex.Kind == CrmErrorKind.NotFound && activity.ExistingActivityId is not null)
            {
                // Someone deleted the activity in the CRM: write it afresh, once.
                result = await connector.UpsertActivityAsync(context, activity with { ExistingActivityId = null }, cancellationToken).ConfigureAwait(false);
            }
            catch (CrmException ex) when (ex.Kind == CrmErrorKind.Unauthorized)
            {
                context = await Reauthorization.RefreshAsync(connector, context, _credentials, _connections, cancellationToken).ConfigureAwait(false);
                result = await connector.UpsertActivityAsync(context, activity, cancellationToken).ConfigureAwait(false);
            }

            var writtenTo = activity.What ?? activity.Who;
            await _conversations.AddOrUpdateAsync(job.TenantId, job.ConversationId, current =>
            {
                var wb = current!.WriteBack!;
                // The id is kept whatever happened meanwhile, so the next write updates this activity.
                return current with
                {
                    WriteBack = wb.Revision == job.Revision
                        ? wb with { Status = CrmWriteBackStatus.Written, ActivityId = result.ActivityId, WrittenTo = writtenTo, WrittenAt = _time.GetUtcNow(), Attempts = attempt, NextAttemptAt = null, LastError = null }
                        : wb with { ActivityId = result.ActivityId, WrittenTo = writtenTo, WrittenAt = _time.GetUtcNow() },
                };
            }, CancellationToken.None).ConfigureAwait(false);
            Log.ActivityWritten(_logger, job.TenantId, job.ConversationId, result.ActivityId, result.Created);
        }
        catch (CrmException ex)
        {
            var retryable = ex.IsRetryable || ex.Kind is CrmErrorKind.Unauthorized or CrmErrorKind.ProviderError or CrmErrorKind.Conflict;
            if (!retryable || attempt >= _options.WriteBackMaxAttempts)
            {
                var reason = $"{ex.Kind}: {ex.Message}";
                await FinishAsync(job, s => s with { Status = CrmWriteBackStatus.DeadLettered, Attempts = attempt, LastError = reason, NextAttemptAt = null }, CancellationToken.None).ConfigureAwait(false);
                Log.WriteBackDeadLettered(_logger, job.TenantId, job.ConversationId, attempt, reason);
                return;
            }

            var backoff = TimeSpan.FromTicks(Math.Min(_options.WriteBackRetryDelay.Ticks << Math.Min(attempt - 1, 16), s_maxBackoff.Ticks));
            var delay = ex.RetryAfter is { } retryAfter && retryAfter > backoff ? retryAfter : backoff;
            var next = _time.GetUtcNow() + delay;
            await FinishAsync(job, s => s with { Attempts = attempt, LastError = $"{ex.Kind}: {ex.Message}", NextAttemptAt = next }, CancellationToken.None).ConfigureAwait(false);
            Log.WriteBackRetrying(_logger, job.TenantId, job.ConversationId, ex.Kind, attempt, next);
            Later(job with { NotBefore = next }, delay);
        }
    }

    /// <summary>Changes the write-back state, unless a newer revision replaced it meanwhile.</summary>
    private async Task FinishAsync(CrmWriteBackJob job, Func<CrmWriteBackState, CrmWriteBackState> change, CancellationToken cancellationToken) =>
        await _conversations.AddOrUpdateAsync(job.TenantId, job.ConversationId, current =>
            current?.WriteBack is { } wb && wb.Revision == job.Revision ? current with { WriteBack = change(wb) } : current!, cancellationToken).ConfigureAwait(false);

    /// <summary>Queues the job again after a delay, on the <see cref="TimeProvider"/>.</summary>
    private void Later(CrmWriteBackJob job, TimeSpan delay)
    {
        lock (_timers)
        {
            if (_stopping.IsCancellationRequested)
            {
                return;
            }

            ITimer? timer = null;
            timer = _time.CreateTimer(
                _ =>
                {
                    lock (_timers)
                    {
                        _timers.Remove(timer!);
                    }

                    timer!.Dispose();
                    _ = EnqueueQuietlyAsync(job);
                },
                null,
                delay,
                Timeout.InfiniteTimeSpan);
            _timers.Add(timer);
        }
    }

    private async Task EnqueueQuietlyAsync(CrmWriteBackJob job)
    {
        try
        {
            await _queue.EnqueueAsync(job, _stopping.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // stopping: the job stays pending in the store and is recovered on restart
        }
    }

    internal static CrmActivity BuildActivity(CrmConversationState state, CrmConnectionSettings settings, string? existingActivityId)
    {
        var conversation = state.Conversation;
        var decision = state.Decision;
        var analysis = state.Analysis ?? new ConversationAnalysis();
        var publishing = settings.CompetitorPublishing;
        var competitors = analysis.Competitors.Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        var what = decision.OpportunityId is { } o ? new CrmRecordReference(CrmRecordKind.Opportunity, o)
            : decision.AccountId is { } a ? new CrmRecordReference(CrmRecordKind.Account, a)
            : (CrmRecordReference?)null;
        var who = decision.ContactIds.Count > 0 ? new CrmRecordReference(CrmRecordKind.Contact, decision.ContactIds[0])
            : decision.LeadId is { } l ? new CrmRecordReference(CrmRecordKind.Lead, l)
            : (CrmRecordReference?)null;
        if (who is { Kind: CrmRecordKind.Lead })
        {
            what = null; // a lead stands alone: CRMs refuse a lead with an account or opportunity
        }

        return new CrmActivity
        {
            ConversationId = conversation.Id,
            ConversationKind = conversation.Kind,
            Subject = analysis.Subject ?? (conversation.Kind == ConversationKind.PhoneCall ? "Call" : "Meeting") + (string.IsNullOrWhiteSpace(conversation.Title) ? string.Empty : ": " + conversation.Title.Trim()),
            Start = conversation.Start,
            End = conversation.End < conversation.Start ? conversation.Start : conversation.End,
            Summary = analysis.Summary,
            Link = analysis.Link,
            Competitors = competitors,
            CompetitorPublishing = competitors.Length == 0 ? CompetitorPublishing.None : publishing,
            PrimaryCompetitorField = (publishing & CompetitorPublishing.PrimaryCompetitorField) != 0 && what is { Kind: CrmRecordKind.Opportunity } ? settings.PrimaryCompetitorField : null,
            Who = who,
            What = what,
            ExistingActivityId = existingActivityId,
        };
    }

    public void Dispose()
    {
        lock (_timers)
        {
            _stopping.Cancel();
            foreach (var timer in _timers)
            {
                timer.Dispose();
            }

            _timers.Clear();
        }

        _stopping.Dispose();
    }
}
