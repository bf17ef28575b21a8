using System;
using Zoom.RevenueAccelerator.Crm.Matching;

namespace Zoom.RevenueAccelerator.Crm;

/// <summary>What is kept about one conversation of a tenant.</summary>
public sealed record CrmConversationState
{
    /// <summary>Gets the tenant.</summary>
    public required string TenantId { get; init; }

    /// <summary>Gets the conversation as last passed in.</summary>
    public required Conversation Conversation { get; init; }

    /// <summary>Gets the connection the decision was made on.</summary>
    public required string ConnectionId { get; init; }

    /// <summary>Gets the current decision.</summary>
    public required MatchDecision Decision { get; init; }

    /// <summary>Gets the manual match, when someone matched it by hand.</summary>
    public ManualMatch? ManualMatch { get; init; }

    /// <summary>Gets when the conversation was first passed in.</summary>
    public required DateTimeOffset FirstSeenAt { get; init; }

    /// <summary>Gets when it was last matched (first match, re-match after a sync, manual match).</summary>
    public required DateTimeOffset MatchedAt { get; init; }

    /// <summary>Gets its analysis, once analysed.</summary>
    public ConversationAnalysis? Analysis { get; init; }

    /// <summary>Gets the state of its activity write-back, once one was asked for.</summary>
    public CrmWriteBackState? WriteBack { get; init; }
}
