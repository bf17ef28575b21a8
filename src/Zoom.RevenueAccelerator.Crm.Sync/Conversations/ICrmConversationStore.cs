using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Zoom.RevenueAccelerator.Crm;

/// <summary>
/// Keeps tenants' conversation states: decisions, manual matches, analyses and write-backs. The
/// default keeps them in memory; a host replaces it with a database to keep them across restarts.
/// </summary>
public interface ICrmConversationStore
{
    /// <summary>Gets a conversation's state.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="conversationId">The conversation.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The state, or <see langword="null"/>.</returns>
    ValueTask<CrmConversationState?> GetAsync(string tenantId, string conversationId, CancellationToken cancellationToken = default);

    /// <summary>Adds or changes a conversation's state atomically.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="conversationId">The conversation.</param>
    /// <param name="update">Gets the current state (or <see langword="null"/>) and returns the new one; may run more than once.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The state stored.</returns>
    ValueTask<CrmConversationState> AddOrUpdateAsync(string tenantId, string conversationId, Func<CrmConversationState?, CrmConversationState> update, CancellationToken cancellationToken = default);

    /// <summary>Lists a tenant's conversations that started at or after a time (for re-matching after a sync).</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="startedSince">The earliest conversation start.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The states.</returns>
    IAsyncEnumerable<CrmConversationState> ListSinceAsync(string tenantId, DateTimeOffset startedSince, CancellationToken cancellationToken = default);

    /// <summary>Lists every tenant's conversations whose write-back is pending (to queue them again after a restart).</summary>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The states.</returns>
    IAsyncEnumerable<CrmConversationState> ListPendingWriteBacksAsync(CancellationToken cancellationToken = default);

    /// <summary>Removes every conversation state of a tenant.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>How many were removed.</returns>
    ValueTask<int> PurgeAsync(string tenantId, CancellationToken cancellationToken = default);
}
