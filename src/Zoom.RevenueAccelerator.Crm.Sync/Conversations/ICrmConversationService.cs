using System.Threading;
using System.Threading.Tasks;
using Zoom.RevenueAccelerator.Crm.Matching;

namespace Zoom.RevenueAccelerator.Crm;

/// <summary>
/// Ties a tenant's conversations to its CRM: matches each one as it happens, keeps the decision,
/// takes manual matches, and writes an activity back once the conversation is analysed.
/// </summary>
public interface ICrmConversationService
{
    /// <summary>
    /// Refreshes the participants' CRM records through the connector's lookups (bounded in calls,
    /// skipped when the CRM is over its API budget or unreachable), applies them, matches the
    /// conversation and keeps the decision. Calling it again for the same conversation re-matches it.
    /// </summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="conversation">The conversation.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The decision kept.</returns>
    /// <exception cref="System.InvalidOperationException">The tenant is not connected.</exception>
    Task<MatchDecision> OnConversationAsync(string tenantId, Conversation conversation, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records a conversation's analysis and, when the connection creates activities and the
    /// conversation is matched, queues its write-back. A conversation not seen before is matched first.
    /// Calling it again updates the same activity.
    /// </summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="conversation">The conversation.</param>
    /// <param name="analysis">Its summary, mentioned competitors and link.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The conversation's state, with its write-back state.</returns>
    /// <exception cref="System.InvalidOperationException">The tenant is not connected.</exception>
    Task<CrmConversationState> OnConversationAnalyzedAsync(string tenantId, Conversation conversation, ConversationAnalysis analysis, CancellationToken cancellationToken = default);

    /// <summary>
    /// Matches a conversation by hand to an opportunity, an account or a lead. A manual match is
    /// sticky: syncs and re-matches keep it. A written activity is moved to the new record.
    /// </summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="conversationId">A conversation passed to <see cref="OnConversationAsync"/> before.</param>
    /// <param name="target">The opportunity, account or lead.</param>
    /// <param name="matchedBy">Who matched it (a user id or name, kept with the match).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The decision kept.</returns>
    /// <exception cref="System.ArgumentException">The target is not an opportunity, an account or a lead, or is not in the synced data.</exception>
    /// <exception cref="System.Collections.Generic.KeyNotFoundException">The conversation is not known.</exception>
    Task<MatchDecision> MatchManuallyAsync(string tenantId, string conversationId, CrmRecordReference target, string matchedBy, CancellationToken cancellationToken = default);

    /// <summary>Gets what is kept about a conversation: its decision, manual match, analysis and write-back.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="conversationId">The conversation.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The state, or <see langword="null"/> when the conversation is not known.</returns>
    Task<CrmConversationState?> GetAsync(string tenantId, string conversationId, CancellationToken cancellationToken = default);
}
