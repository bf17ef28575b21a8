using System;

namespace Zoom.RevenueAccelerator.Crm;

/// <summary>Asks a scheduler to keep one connection in sync.</summary>
public sealed record CrmSyncSchedule
{
    /// <summary>Gets the tenant.</summary>
    public required string TenantId { get; init; }

    /// <summary>Gets the connection.</summary>
    public required string ConnectionId { get; init; }

    /// <summary>Gets the time between incremental syncs.</summary>
    public TimeSpan Interval { get; init; } = CrmConnectionSettings.DefaultSyncInterval;

    /// <summary>Gets when the first run is due; <see langword="null"/> runs it at once (a first full sync on connect).</summary>
    public DateTimeOffset? FirstRunAt { get; init; }
}
