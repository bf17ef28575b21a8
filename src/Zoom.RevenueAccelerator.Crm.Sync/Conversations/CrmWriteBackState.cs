using System;

namespace Zoom.RevenueAccelerator.Crm;

/// <summary>Where a conversation's activity write-back stands.</summary>
public enum CrmWriteBackStatus
{
    /// <summary>Queued, or waiting for its next attempt.</summary>
    Pending = 0,

    /// <summary>The activity is in the CRM and matches the latest decision and analysis.</summary>
    Written = 1,

    /// <summary>Given up after the last attempt or an error retrying cannot fix; see <see cref="CrmWriteBackState.LastError"/>.</summary>
    DeadLettered = 2,

    /// <summary>Not written: the conversation is not matched, or activities are off for the connection.</summary>
    Skipped = 3,
}

/// <summary>The state of one conversation's activity write-back.</summary>
public sealed record CrmWriteBackState
{
    /// <summary>Gets where it stands.</summary>
    public required CrmWriteBackStatus Status { get; init; }

    /// <summary>Gets the attempts made for the current version of the activity.</summary>
    public int Attempts { get; init; }

    /// <summary>Gets the CRM's id of the activity, once written: later writes update it.</summary>
    public string? ActivityId { get; init; }

    /// <summary>Gets the record the activity was last written to.</summary>
    public CrmRecordReference? WrittenTo { get; init; }

    /// <summary>Gets when the activity was last written.</summary>
    public DateTimeOffset? WrittenAt { get; init; }

    /// <summary>Gets when the next attempt is due, while pending.</summary>
    public DateTimeOffset? NextAttemptAt { get; init; }

    /// <summary>Gets the last error, or why it was skipped.</summary>
    public string? LastError { get; init; }

    /// <summary>Gets a number that grows with each change that needs writing, so a stale job never overwrites a newer one.</summary>
    public long Revision { get; init; }
}
