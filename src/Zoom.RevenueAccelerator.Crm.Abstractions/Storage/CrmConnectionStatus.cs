using System;

namespace Zoom.RevenueAccelerator.Crm;

/// <summary>The state of one tenant's connection to a CRM, as stored and as reported.</summary>
public sealed record CrmConnectionStatus
{
    /// <summary>Gets the tenant.</summary>
    public required string TenantId { get; init; }

    /// <summary>Gets the connection's id (new for each connect).</summary>
    public required string ConnectionId { get; init; }

    /// <summary>Gets the name of the registered connector it uses.</summary>
    public required string ConnectorName { get; init; }

    /// <summary>Gets the CRM product.</summary>
    public required CrmSystem System { get; init; }

    /// <summary>Gets where the connection is in its life.</summary>
    public CrmConnectionPhase Phase { get; init; }

    /// <summary>Gets a value indicating whether the connection is connected.</summary>
    public bool IsConnected => Phase == CrmConnectionPhase.Connected;

    /// <summary>Gets when it was connected.</summary>
    public required DateTimeOffset ConnectedAt { get; init; }

    /// <summary>Gets when it was disconnected.</summary>
    public DateTimeOffset? DisconnectedAt { get; init; }

    /// <summary>Gets the CRM instance it talks to.</summary>
    public Uri? InstanceUrl { get; init; }

    /// <summary>Gets when the current access token expires; <see langword="null"/> when it never does.</summary>
    public DateTimeOffset? TokenExpiresAt { get; init; }

    /// <summary>Gets a value indicating whether <see cref="TokenExpiresAt"/> is an estimate.</summary>
    public bool TokenExpiryIsEstimate { get; init; }

    /// <summary>Gets the connection's settings.</summary>
    public required CrmConnectionSettings Settings { get; init; }

    /// <summary>Gets the outcome of the last sync run.</summary>
    public CrmSyncRunSummary? LastSync { get; init; }

    /// <summary>
    /// Gets how far the sync in progress has come, or <see langword="null"/> when none is running.
    /// Reported live by the status API; stores need not keep it.
    /// </summary>
    public CrmSyncProgress? SyncInProgress { get; init; }

    /// <summary>Gets when the next sync is due.</summary>
    public DateTimeOffset? NextSyncAt { get; init; }

    /// <summary>Gets the last error the connection met (a failed sync, a rejected token), or <see langword="null"/>.</summary>
    public string? LastError { get; init; }
}
