using System;
using System.Collections.Generic;

namespace Zoom.RevenueAccelerator.Crm;

/// <summary>The activity written to the CRM for one analysed, matched conversation.</summary>
public sealed record CrmActivity
{
    /// <summary>Gets the conversation's id: the idempotency key of the write.</summary>
    public required string ConversationId { get; init; }

    /// <summary>Gets the kind of conversation (a call or a meeting).</summary>
    public ConversationKind ConversationKind { get; init; }

    /// <summary>Gets the subject line.</summary>
    public required string Subject { get; init; }

    /// <summary>Gets when the conversation started (UTC).</summary>
    public required DateTimeOffset Start { get; init; }

    /// <summary>Gets when the conversation ended (UTC).</summary>
    public required DateTimeOffset End { get; init; }

    /// <summary>Gets the summary from the analysis.</summary>
    public string? Summary { get; init; }

    /// <summary>Gets the link to the recording in the host application.</summary>
    public Uri? Link { get; init; }

    /// <summary>Gets the competitors mentioned, most important first.</summary>
    public IReadOnlyList<string> Competitors { get; init; } = [];

    /// <summary>Gets where the competitors go.</summary>
    public CompetitorPublishing CompetitorPublishing { get; init; }

    /// <summary>Gets the CRM field that holds the primary competitor, when <see cref="CompetitorPublishing"/> includes it.</summary>
    public string? PrimaryCompetitorField { get; init; }

    /// <summary>Gets the person the activity is about: a contact or a lead.</summary>
    public CrmRecordReference? Who { get; init; }

    /// <summary>Gets the record the activity is about: an opportunity or an account.</summary>
    public CrmRecordReference? What { get; init; }

    /// <summary>Gets the CRM user who owns the activity (the host), if known.</summary>
    public string? OwnerUserId { get; init; }

    /// <summary>
    /// Gets the CRM's id of the activity an earlier write created for this conversation, so that a
    /// connector without a native upsert updates it instead of creating another.
    /// </summary>
    public string? ExistingActivityId { get; init; }
}
