using System;
using Microsoft.Extensions.Logging;

namespace Zoom.RevenueAccelerator.Crm.Internal;

/// <summary>The core package's log messages (event ids 1000-1999). None carries a secret.</summary>
internal static partial class Log
{
    [LoggerMessage(1000, LogLevel.Information, "Tenant {TenantId} connected to {System} through connector '{ConnectorName}' (connection {ConnectionId}); token expires {TokenExpiresAt:o} (estimate: {IsEstimate}).")]
    public static partial void Connected(ILogger logger, string tenantId, string system, string connectorName, string connectionId, DateTimeOffset? tokenExpiresAt, bool isEstimate);

    [LoggerMessage(1001, LogLevel.Warning, "Tenant {TenantId} could not connect through connector '{ConnectorName}': {Kind}.")]
    public static partial void ConnectFailed(ILogger logger, string tenantId, string connectorName, CrmErrorKind kind, Exception exception);

    [LoggerMessage(1002, LogLevel.Information, "Tenant {TenantId} disconnected (connection {ConnectionId}); tokens revoked: {Revoked}; data removed: {Removed} records.")]
    public static partial void Disconnected(ILogger logger, string tenantId, string connectionId, bool revoked, long removed);

    [LoggerMessage(1003, LogLevel.Warning, "Revoking the tokens of tenant {TenantId} (connection {ConnectionId}) failed: {Kind}. The disconnect goes on.")]
    public static partial void RevokeFailed(ILogger logger, string tenantId, string connectionId, CrmErrorKind kind, Exception exception);

    [LoggerMessage(1004, LogLevel.Information, "Settings of tenant {TenantId} (connection {ConnectionId}) changed; sync interval {SyncInterval}.")]
    public static partial void SettingsUpdated(ILogger logger, string tenantId, string connectionId, TimeSpan syncInterval);
}
