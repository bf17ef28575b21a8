using System;
using Microsoft.Extensions.Logging;

namespace Zoom.RevenueAccelerator.Crm.Sync.Internal;

/// <summary>The sync package's log messages (event ids 2000-2999). Nothing here carries a secret or CRM data.</summary>
internal static partial class Log
{
    [LoggerMessage(2000, LogLevel.Information, "Sync of tenant {TenantId} (connection {ConnectionId}) started.")]
    public static partial void SyncStarted(ILogger logger, string tenantId, string connectionId);

    [LoggerMessage(2001, LogLevel.Information, "Sync of tenant {TenantId} (connection {ConnectionId}) ended: {Added} added, {Updated} updated, {Deleted} deleted in {Seconds:F1} s; succeeded: {Succeeded}.")]
    public static partial void SyncCompleted(ILogger logger, string tenantId, string connectionId, long added, long updated, long deleted, double seconds, bool succeeded);

    [LoggerMessage(2002, LogLevel.Warning, "Sync of tenant {TenantId} (connection {ConnectionId}) failed with {Kind}.")]
    public static partial void SyncFailed(ILogger logger, string tenantId, string connectionId, CrmErrorKind kind, Exception exception);

    [LoggerMessage(2003, LogLevel.Information, "The CRM rejected the session of tenant {TenantId} (connection {ConnectionId}); re-authorising once.")]
    public static partial void Reauthorizing(ILogger logger, string tenantId, string connectionId);

    [LoggerMessage(2010, LogLevel.Debug, "Scheduled tenant {TenantId} (connection {ConnectionId}): next sync at {NextRun:o}.")]
    public static partial void Scheduled(ILogger logger, string tenantId, string connectionId, DateTimeOffset nextRun);

    [LoggerMessage(2011, LogLevel.Information, "Schedule of tenant {TenantId} cancelled.")]
    public static partial void ScheduleCancelled(ILogger logger, string tenantId);

    [LoggerMessage(2012, LogLevel.Error, "A scheduled sync of tenant {TenantId} failed unexpectedly.")]
    public static partial void ScheduledRunCrashed(ILogger logger, string tenantId, Exception exception);

    [LoggerMessage(2004, LogLevel.Warning, "Sync of tenant {TenantId} (connection {ConnectionId}) paused: the CRM's API allocation is {Share:P0} used.")]
    public static partial void SyncPaused(ILogger logger, string tenantId, string connectionId, double share);

    [LoggerMessage(2005, LogLevel.Warning, "The CRM no longer knows the {Kind} cursor of tenant {TenantId} (connection {ConnectionId}); reading the kind again in full.")]
    public static partial void CursorExpired(ILogger logger, string tenantId, string connectionId, CrmRecordKind kind);

    [LoggerMessage(2006, LogLevel.Information, "Sync of tenant {TenantId} (connection {ConnectionId}) met {Kind}; waiting {Seconds:F0} s before retry {Retry}.")]
    public static partial void Waiting(ILogger logger, string tenantId, string connectionId, CrmErrorKind kind, double seconds, int retry);

    [LoggerMessage(2013, LogLevel.Information, "Restored the schedule of tenant {TenantId} (connection {ConnectionId}): next sync at {NextRun:o}.")]
    public static partial void ScheduleRestored(ILogger logger, string tenantId, string connectionId, DateTimeOffset nextRun);

    [LoggerMessage(2020, LogLevel.Debug, "Conversation {ConversationId} of tenant {TenantId}: {Outcome} by {DecidedBy}.")]
    public static partial void ConversationMatched(ILogger logger, string tenantId, string conversationId, Zoom.RevenueAccelerator.Crm.Matching.MatchOutcome outcome, string decidedBy);

    [LoggerMessage(2021, LogLevel.Information, "Participants of conversation {ConversationId} of tenant {TenantId} were not refreshed: {Reason}.")]
    public static partial void LookupSkipped(ILogger logger, string tenantId, string conversationId, string reason);

    [LoggerMessage(2022, LogLevel.Information, "Re-matched {Changed} of {Considered} recent conversations of tenant {TenantId} after a sync.")]
    public static partial void Rematched(ILogger logger, string tenantId, int changed, int considered);

    [LoggerMessage(2030, LogLevel.Information, "Activity of conversation {ConversationId} of tenant {TenantId} written ({ActivityId}, created: {Created}).")]
    public static partial void ActivityWritten(ILogger logger, string tenantId, string conversationId, string activityId, bool created);

    [LoggerMessage(2031, LogLevel.Warning, "Write-back of conversation {ConversationId} of tenant {TenantId} failed with {Kind} (attempt {Attempt}); retrying at {NextAttempt:o}.")]
    public static partial void WriteBackRetrying(ILogger logger, string tenantId, string conversationId, CrmErrorKind kind, int attempt, DateTimeOffset nextAttempt);

    [LoggerMessage(2032, LogLevel.Error, "Write-back of conversation {ConversationId} of tenant {TenantId} dead-lettered after {Attempts} attempts: {Reason}.")]
    public static partial void WriteBackDeadLettered(ILogger logger, string tenantId, string conversationId, int attempts, string reason);

    [LoggerMessage(2033, LogLevel.Error, "The write-back worker met an unexpected error on conversation {ConversationId} of tenant {TenantId}.")]
    public static partial void WriteBackCrashed(ILogger logger, string tenantId, string conversationId, Exception exception);
}
