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
}
