using Microsoft.Extensions.Logging;

namespace Zoom.RevenueAccelerator.Crm.Salesforce.Internal;

/// <summary>The Salesforce package's log messages (event ids 3000-3099). None carries a token, a key or record data.</summary>
internal static partial class Log
{
    [LoggerMessage(3000, LogLevel.Information, "Salesforce session obtained for tenant {TenantId} (connection {ConnectionId}) on instance {InstanceHost}.")]
    public static partial void SignedIn(ILogger logger, string tenantId, string connectionId, string instanceHost);

    [LoggerMessage(3001, LogLevel.Warning, "Salesforce sign-in failed for tenant {TenantId} (connection {ConnectionId}): {ErrorCode}.")]
    public static partial void SignInFailed(ILogger logger, string tenantId, string connectionId, string errorCode);

    [LoggerMessage(3002, LogLevel.Information, "Salesforce session of tenant {TenantId} (connection {ConnectionId}) expired during {Operation}; signing in again.")]
    public static partial void SessionExpired(ILogger logger, string tenantId, string connectionId, string operation);

    [LoggerMessage(3003, LogLevel.Information, "Salesforce query for {Kind} of tenant {TenantId} (connection {ConnectionId}) restarts from its cursor: {Reason}.")]
    public static partial void QueryRestarted(ILogger logger, CrmRecordKind kind, string tenantId, string connectionId, string reason);

    [LoggerMessage(3004, LogLevel.Information, "The Salesforce org of tenant {TenantId} (connection {ConnectionId}) has no opportunity teams; team members are not read.")]
    public static partial void NoOpportunityTeams(ILogger logger, string tenantId, string connectionId);

    [LoggerMessage(3005, LogLevel.Information, "Salesforce session of tenant {TenantId} (connection {ConnectionId}) revoked.")]
    public static partial void Revoked(ILogger logger, string tenantId, string connectionId);

    [LoggerMessage(3006, LogLevel.Information, "Salesforce Task {TaskId} for conversation {ConversationId} of tenant {TenantId}: {Outcome}.")]
    public static partial void TaskWritten(ILogger logger, string taskId, string conversationId, string tenantId, string outcome);
}
