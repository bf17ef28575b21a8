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

/// <summary>Matches conversations as they happen and after syncs, keeps decisions and manual matches, and queues write-backs.</summary>
internal sealed class ConversationPipeline : ICrmConversationService
{
    private readonly ICrmConnectorProvider _connectors;
    private readonly ICrmConnectionStore _connections;
    private readonly ICrmCredentialStore _credentials;
    private readonly ICrmConversationStore _conversations;
    private readonly ICrmWriteBackQueue _queue;
    private readonly TenantMatchers _matchers;
    private readonly CrmSyncOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public ConversationPipeline(
        ICrmConnectorProvider connectors,
        ICrmConnectionStore connections,
        ICrmCredentialStore credentials,
        ICrmConversationStore conversations,
        ICrmWriteBackQueue queue,
        TenantMatchers matchers,
        IOptions<CrmSyncOptions> options,
        TimeProvider time,
        ILoggerFactory? loggerFactory = null)
    {
        _connectors = connectors;
        _connections = connections;
        _credentials = credentials;
        _conversations = conversations;
        _queue = queue;
        _matchers = matchers;
        _options = options.Value;
        _time = time;
        _logger = (ILogger?)loggerFactory?.CreateLogger<ConversationPipeline>() ?? NullLogger.Instance;
    }

    public async Task<MatchDecision> OnConversationAsync(string tenantId, Conversation conversation, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenantId);
        ArgumentNullException.ThrowIfNull(conversation);
        ArgumentException.ThrowIfNullOrWhiteSpace(conversation.Id, nameof(conversation));
        var started = _time.GetTimestamp();
        var connection = await ConnectedAsync(tenantId, cancellationToken).ConfigureAwait(false);
        using var activity = SyncTelemetry.Source.StartActivity("crm.conversation.match");
        activity?.SetTag("crm.system", connection.System.Value);

        await RefreshParticipantsAsync(connection, conversation, cancellationToken).ConfigureAwait(false);
        var matcher = await _matchers.GetAsync(connection, cancellationToken).ConfigureAwait(false);
        var previous = await _conversations.GetAsync(tenantId, conversation.Id, cancellationToken).ConfigureAwait(false);
        var manual = previous?.ManualMatch is { } m ? new[] { m } : null;
        var decision = matcher.Match(conversation, manual);
        var now = _time.GetUtcNow();
        var state = await _conversations.AddOrUpdateAsync(tenantId, conversation.Id, current => current is null
            ? new CrmConversationState { TenantId = tenantId, ConnectionId = connection.ConnectionId, Conversation = conversation, Decision = decision, FirstSeenAt = now, MatchedAt = now }
            : current with { ConnectionId = connection.ConnectionId, Conversation = conversation, Decision = decision, MatchedAt = now }, cancellationToken).ConfigureAwait(false);
        activity?.SetTag("crm.match.outcome", decision.Outcome.ToString());
        SyncTelemetry.MatchDuration.Record(
            _time.GetElapsedTime(started).TotalSeconds,
            new KeyValuePair<string, object?>("crm.system", connection.System.Value),
            new KeyValuePair<string, object?>("crm.match.outcome", decision.Outcome.ToString()));
        Log.ConversationMatched(_logger, tenantId, conversation.Id, decision.Outcome, decision.DecidedBy);

        if (previous is not null && ChangesActivity(previous, state))
        {
            await QueueWriteBackAsync(connection, state, cancellationToken).ConfigureAwait(false);
        }

        return decision;
    }

    public async Task<CrmConversationState> OnConversationAnalyzedAsync(string tenantId, Conversation conversation, ConversationAnalysis analysis, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenantId);
        ArgumentNullException.ThrowIfNull(conversation);
        ArgumentNullException.ThrowIfNull(analysis);
        var connection = await ConnectedAsync(tenantId, cancellationToken).ConfigureAwait(false);
        if (await _conversations.GetAsync(tenantId, conversation.Id, cancellationToken).ConfigureAwait(false) is null)
        {
            await OnConversationAsync(tenantId, conversation, cancellationToken).ConfigureAwait(false);
        }

        var state = await _conversations.AddOrUpdateAsync(tenantId, conversation.Id, current => current! with { Analysis = analysis }, cancellationToken).ConfigureAwait(false);
        return await QueueWriteBackAsync(connection, state, cancellationToken).ConfigureAwait(false);
    }

    public async Task<MatchDecision> MatchManuallyAsync(string tenantId, string conversationId, CrmRecordReference target, string matchedBy, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenantId);
        ArgumentException.ThrowIfNullOrWhiteSpace(conversationId);
        ArgumentException.ThrowIfNullOrWhiteSpace(matchedBy);
        if (target.Kind is not (CrmRecordKind.Opportunity or CrmRecordKind.Account or CrmRecordKind.Lead))
        {
            throw new ArgumentException($"A conversation is matched to an opportunity, an account or a lead, not a {target.Kind}.", nameof(target));
        }

        var connection = await ConnectedAsync(tenantId, cancellationToken).ConfigureAwait(false);
        var previous = await _conversations.GetAsync(tenantId, conversationId, cancellationToken).ConfigureAwait(false)
            ?? throw new KeyNotFoundException($"Conversation '{conversationId}' of tenant '{tenantId}' is not known; pass it to OnConversationAsync first.");
        var manual = new ManualMatch { ConversationId = conversationId, Target = target, By = matchedBy, At = _time.GetUtcNow() };
        var matcher = await _matchers.GetAsync(connection, cancellationToken).ConfigureAwait(false);
        var decision = matcher.Match(previous.Conversation, [manual]);
        if (decision.Certainty != MatchCertainty.Manual)
        {
            throw new ArgumentException($"{target.Kind} '{target.Id}' is not in the synced CRM data of tenant '{tenantId}'.", nameof(target));
        }

        var state = await _conversations.AddOrUpdateAsync(tenantId, conversationId, current => current! with
        {
            ManualMatch = manual,
            Decision = decision,
            MatchedAt = manual.At,
        }, cancellationToken).ConfigureAwait(false);
        if (ChangesActivity(previous, state))
        {
            await QueueWriteBackAsync(connection, state, cancellationToken).ConfigureAwait(false);
        }

        return decision;
    }

    public async Task<CrmConversationState?> GetAsync(string tenantId, string conversationId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenantId);
        ArgumentException.ThrowIfNullOrWhiteSpace(conversationId);
        return await _conversations.GetAsync(tenantId, conversationId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// After a sync brought changes: re-decides the tenant's recent conversations as the re-matching
    /// rules say (unmatched ones for the window, automatic matches only when their record is gone;
    /// manual matches never), and queues an activity update where a written match changed.
    /// </summary>
    public async Task RematchAfterSyncAsync(CrmConnectionStatus connection, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var since = now - TimeSpan.FromDays(Math.Max(_options.Matching.RematchWindowDays, 0));
        var recent = new List<CrmConversationState>();
        await foreach (var state in _conversations.ListSinceAsync(connection.TenantId, since, cancellationToken).ConfigureAwait(false))
        {
            recent.Add(state);
        }

        if (recent.Count == 0)
        {
            return; // no index is built for a tenant with no recent conversations
        }

        var matcher = await _matchers.GetAsync(connection, cancellationToken).ConfigureAwait(false);
        var changed = 0;
        foreach (var state in recent)
        {
            var manual = state.ManualMatch is { } m ? new[] { m } : null;
            var result = matcher.Rematch(state.Conversation, state.Decision, now, manual);
            if (!result.Changed)
            {
                continue;
            }

            changed++;
            var updated = await _conversations.AddOrUpdateAsync(connection.TenantId, state.Conversation.Id, current => current! with { Decision = result.Decision, MatchedAt = now }, cancellationToken).ConfigureAwait(false);
            if (ChangesActivity(state, updated))
            {
                await QueueWriteBackAsync(connection, updated, cancellationToken).ConfigureAwait(false);
            }
        }

        Log.Rematched(_logger, connection.TenantId, changed, recent.Count);
    }

    /// <summary>Whether a written (or wanted) activity must be written again: analysed, and now matched elsewhere.</summary>
    private static bool ChangesActivity(CrmConversationState before, CrmConversationState after) =>
        after.Analysis is not null && (before.Decision.Chosen != after.Decision.Chosen || !before.Decision.ContactIds.SequenceEqual(after.Decision.ContactIds, StringComparer.Ordinal));

    private async Task<CrmConversationState> QueueWriteBackAsync(CrmConnectionStatus connection, CrmConversationState state, CancellationToken cancellationToken)
    {
        var connector = _connectors.GetConnector(connection.ConnectorName);
        var skipped = !connection.Settings.CreateActivities ? "activity creation is off for the connection"
            : !connector.Can(CrmCapabilities.WriteActivities) ? $"the {connection.System} connector cannot write activities"
            : state.Decision.Chosen is null ? $"the conversation is not matched ({state.Decision.Outcome})"
            : null;
        var now = _time.GetUtcNow();
        var queued = await _conversations.AddOrUpdateAsync(connection.TenantId, state.Conversation.Id, current =>
        {
            var writeBack = current!.WriteBack;
            var revision = (writeBack?.Revision ?? 0) + 1;
            return current with
            {
                WriteBack = skipped is not null
                    ? new CrmWriteBackState { Status = CrmWriteBackStatus.Skipped, LastError = skipped, Revision = revision, ActivityId = writeBack?.ActivityId, WrittenTo = writeBack?.WrittenTo, WrittenAt = writeBack?.WrittenAt }
                    : new CrmWriteBackState { Status = CrmWriteBackStatus.Pending, Revision = revision, ActivityId = writeBack?.ActivityId, WrittenTo = writeBack?.WrittenTo, WrittenAt = writeBack?.WrittenAt, NextAttemptAt = now + _options.WriteBackDelay },
            };
        }, cancellationToken).ConfigureAwait(false);

        if (queued.WriteBack is { Status: CrmWriteBackStatus.Pending } pending)
        {
            await _queue.EnqueueAsync(new CrmWriteBackJob(connection.TenantId, state.Conversation.Id, pending.Revision, pending.NextAttemptAt ?? now), cancellationToken).ConfigureAwait(false);
        }

        return queued;
    }

    /// <summary>Looks the participants up in the CRM and applies what it returns, unless over budget; a failed lookup falls back to the synced data.</summary>
    private async Task RefreshParticipantsAsync(CrmConnectionStatus connection, Conversation conversation, CancellationToken cancellationToken)
    {
        var connector = _connectors.GetConnector(connection.ConnectorName);
        var byEmail = connector.Can(CrmCapabilities.LookupByEmail);
        var byPhone = connector.Can(CrmCapabilities.LookupByPhone);
        if (_options.MaxLookupIdentifiers == 0 || (!byEmail && !byPhone))
        {
            return;
        }

        if (connector.GetService<ICrmApiUsage>()?.GetUsage(connection.ConnectionId) is { } usage && usage.Share >= _options.LookupApiBudgetShare)
        {
            Log.LookupSkipped(_logger, connection.TenantId, conversation.Id, $"the CRM's API allocation is {usage.Share:P0} used");
            return;
        }

        var internalDomains = _options.Matching.AssociatedDomains.Concat(connection.Settings.AssociatedDomains).ToArray();
        var host = conversation.Host?.Trim();
        var identifiers = new List<(string Value, bool IsEmail)>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var participant in conversation.Participants)
        {
            if (participant is null || participant.Source == ParticipantSource.Host)
            {
                continue;
            }

            var email = participant.Email?.Trim();
            if (byEmail && !string.IsNullOrEmpty(email) && email.Contains('@', StringComparison.Ordinal)
                && !string.Equals(email, host, StringComparison.OrdinalIgnoreCase) && !IsInternal(email, internalDomains) && seen.Add(email))
            {
                identifiers.Add((email, true));
            }

            var phone = participant.Phone?.Trim();
            if (byPhone && !string.IsNullOrEmpty(phone) && seen.Add(phone))
            {
                identifiers.Add((phone, false));
            }
        }

        if (identifiers.Count == 0)
        {
            return;
        }

        var take = identifiers.Take(_options.MaxLookupIdentifiers).ToList();
        var perCall = (take.Count + _options.MaxLookupCalls - 1) / _options.MaxLookupCalls;
        var credentials = await _credentials.GetAsync(connection.TenantId, connection.ConnectionId, cancellationToken).ConfigureAwait(false);
        if (credentials is null)
        {
            return;
        }

        var context = new CrmConnectionContext(connection.TenantId, connection.ConnectionId, credentials);
        var found = new List<CrmRecord>();
        try
        {
            foreach (var chunk in take.Chunk(perCall))
            {
                var result = await connector.LookupAsync(context, new CrmLookupRequest
                {
                    Emails = chunk.Where(i => i.IsEmail).Select(i => i.Value).ToArray(),
                    Phones = chunk.Where(i => !i.IsEmail).Select(i => i.Value).ToArray(),
                }, cancellationToken).ConfigureAwait(false);
                found.AddRange(result.Records);
            }
        }
        catch (CrmException ex)
        {
            // The conversation is still matched, on the synced data.
            Log.LookupSkipped(_logger, connection.TenantId, conversation.Id, $"the lookup failed with {ex.Kind}");
            return;
        }

        if (found.Count > 0)
        {
            await _matchers.ApplyAsync(connection, new CrmChangeBatch { Upserts = found }, cancellationToken).ConfigureAwait(false);
        }
    }

    private static bool IsInternal(string email, string[] domains)
    {
        var domain = email.AsSpan(email.LastIndexOf('@') + 1);
        foreach (var d in domains)
        {
            if (domain.Equals(d, StringComparison.OrdinalIgnoreCase) || (domain.EndsWith(d, StringComparison.OrdinalIgnoreCase) && domain.Length > d.Length && domain[domain.Length - d.Length - 1] == '.'))
            {
                return true;
            }
        }

        return false;
    }

    private async Task<CrmConnectionStatus> ConnectedAsync(string tenantId, CancellationToken cancellationToken) =>
        await _connections.GetAsync(tenantId, cancellationToken).ConfigureAwait(false) is { IsConnected: true } connection
            ? connection
            : throw new InvalidOperationException($"Tenant '{tenantId}' has no connected CRM connection.");
}
