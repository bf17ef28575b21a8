using System;
using System.Collections.Generic;

namespace Zoom.RevenueAccelerator.Crm.Matching;

/// <summary>
/// Matches conversations to one connection's CRM records, from an index built from a snapshot and
/// kept current by change batches. Thread-safe: matches run concurrently with each other and
/// with one writer; a match sees the index before a batch or after it, never half of it.
/// A match makes no CRM call.
/// </summary>
public interface IConversationMatcher
{
    /// <summary>Gets the version of the CRM data the index holds.</summary>
    string SnapshotVersion { get; }

    /// <summary>Gets the number of records the index holds.</summary>
    int RecordCount { get; }

    /// <summary>Decides what a conversation is about.</summary>
    /// <param name="conversation">The conversation.</param>
    /// <param name="manualMatches">Manual matches (of any conversations); the latest for this one wins.</param>
    /// <param name="includeTrace">Also report every candidate considered and why it was kept or dropped.</param>
    /// <returns>The decision.</returns>
    MatchDecision Match(Conversation conversation, IReadOnlyList<ManualMatch>? manualMatches = null, bool includeTrace = false);

    /// <summary>Applies a batch of upserts and deletes of any record kind, without a rebuild, and moves to a new version.</summary>
    /// <param name="changes">The changes (their cursors are ignored).</param>
    /// <param name="newVersion">The version of the data after the batch.</param>
    void Apply(CrmChangeBatch changes, string newVersion);

    /// <summary>
    /// Re-decides an earlier decision after a sync (rule 11): a manual match stays; an automatic
    /// match stays unless its record was deleted or merged away; an unmatched conversation is tried
    /// again while it is within <see cref="MatchingOptions.RematchWindowDays"/> of its start.
    /// </summary>
    /// <param name="conversation">The conversation.</param>
    /// <param name="previous">The decision it has.</param>
    /// <param name="now">The current time (from a <see cref="TimeProvider"/>).</param>
    /// <param name="manualMatches">Manual matches, as for <see cref="Match"/>.</param>
    /// <returns>The decision to keep and whether (and why) it changed.</returns>
    RematchResult Rematch(Conversation conversation, MatchDecision previous, DateTimeOffset now, IReadOnlyList<ManualMatch>? manualMatches = null);
}
