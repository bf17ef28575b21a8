using System;
using System.Threading;
using System.Threading.Tasks;

namespace Zoom.RevenueAccelerator.Crm;

/// <summary>
/// Decides when each connection syncs. The default runs in process on a <see cref="TimeProvider"/>;
/// a distributed scheduler can replace it without touching connectors or the sync engine.
/// </summary>
public interface ICrmSyncScheduler
{
    /// <summary>Starts (or replaces) a connection's schedule.</summary>
    /// <param name="schedule">The connection and its interval.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the schedule is in place.</returns>
    ValueTask ScheduleAsync(CrmSyncSchedule schedule, CancellationToken cancellationToken = default);

    /// <summary>Runs a tenant's sync now ("sync now"), unless one is already running.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="cancellationToken">Cancels the call (not the run).</param>
    /// <returns><see langword="false"/> when the tenant has no schedule.</returns>
    ValueTask<bool> TriggerAsync(string tenantId, CancellationToken cancellationToken = default);

    /// <summary>Removes a tenant's schedule and stops a run in progress, waiting until it has stopped.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns><see langword="true"/> when there was a schedule to remove.</returns>
    ValueTask<bool> CancelAsync(string tenantId, CancellationToken cancellationToken = default);

    /// <summary>Tells when a tenant's next sync is due.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <returns>The time, or <see langword="null"/> when the tenant has no schedule.</returns>
    DateTimeOffset? GetNextRun(string tenantId);
}
