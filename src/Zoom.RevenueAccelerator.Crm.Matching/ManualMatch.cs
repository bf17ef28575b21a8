using System;

namespace Zoom.RevenueAccelerator.Crm.Matching;

/// <summary>A person's match of a conversation to a record. Sticky: no automatic run changes it.</summary>
public sealed record ManualMatch
{
    /// <summary>Gets the conversation.</summary>
    public required string ConversationId { get; init; }

    /// <summary>Gets the record: an opportunity, an account or a lead.</summary>
    public required CrmRecordReference Target { get; init; }

    /// <summary>Gets who set it.</summary>
    public required string By { get; init; }

    /// <summary>Gets when it was set. With several for one conversation, the latest wins.</summary>
    public required DateTimeOffset At { get; init; }
}
