using System;
using System.Threading;
using System.Threading.Tasks;

namespace Zoom.RevenueAccelerator.Crm.Internal;

/// <summary>A scheduler that schedules nothing: the host runs every sync itself (<c>UseManualSyncScheduling</c>).</summary>
internal sealed class ManualCrmSyncScheduler : ICrmSyncScheduler
{
    public ValueTask ScheduleAsync(CrmSyncSchedule schedule, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    public ValueTask<bool> TriggerAsync(string tenantId, CancellationToken cancellationToken = default) => ValueTask.FromResult(false);

    public ValueTask<bool> CancelAsync(string tenantId, CancellationToken cancellationToken = default) => ValueTask.FromResult(false);

    public DateTimeOffset? GetNextRun(string tenantId) => null;
}
