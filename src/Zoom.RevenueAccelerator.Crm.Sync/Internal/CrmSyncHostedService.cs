using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Zoom.RevenueAccelerator.Crm.Sync.Internal;

/// <summary>
/// Runs the integration's background work in a generic host: on start it restores every connected
/// tenant's schedule from the next-due time kept in the connection store (a due sync runs at once,
/// a fresh one is not repeated) and queues pending write-backs again; then it runs the write-back
/// worker until the host stops.
/// </summary>
internal sealed class CrmSyncHostedService(
    ICrmConnectionStore connections,
    ICrmSyncScheduler scheduler,
    CrmWriteBackWorker worker,
    TimeProvider time,
    ILoggerFactory? loggerFactory = null) : IHostedService, IDisposable
{
    private readonly ILogger _logger = (ILogger?)loggerFactory?.CreateLogger<CrmSyncHostedService>() ?? NullLogger.Instance;
    private readonly CancellationTokenSource _stopping = new();
    private Task _loop = Task.CompletedTask;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var connection in await connections.ListConnectedAsync(cancellationToken).ConfigureAwait(false))
        {
            if (scheduler.GetNextRun(connection.TenantId) is not null)
            {
                continue; // connected (and scheduled) by this process already
            }

            var interval = connection.Settings.SyncInterval;
            var due = connection.NextSyncAt ?? (connection.LastSync is { } last ? last.StartedAt + interval : (DateTimeOffset?)null);
            await scheduler.ScheduleAsync(new CrmSyncSchedule { TenantId = connection.TenantId, ConnectionId = connection.ConnectionId, Interval = interval, FirstRunAt = due }, cancellationToken).ConfigureAwait(false);
            Log.ScheduleRestored(_logger, connection.TenantId, connection.ConnectionId, due ?? time.GetUtcNow());
        }

        await worker.RecoverAsync(cancellationToken).ConfigureAwait(false);
        _loop = Task.Run(() => worker.RunAsync(_stopping.Token), CancellationToken.None);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _loop.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public void Dispose() => _stopping.Dispose();
}
