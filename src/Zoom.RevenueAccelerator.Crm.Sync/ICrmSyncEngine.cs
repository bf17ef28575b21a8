using System;
using System.Threading;
using System.Threading.Tasks;

namespace Zoom.RevenueAccelerator.Crm.Sync;

/// <summary>Runs one sync of one connection: reads the CRM page by page and applies each page to the store.</summary>
/// <remarks>
/// A run never overlaps another run of the same connection: a second call while one is running
/// waits for it and returns its outcome. A run that stops part-way (an error, a cancellation,
/// the process ending) resumes from the last page it applied.
/// </remarks>
public interface ICrmSyncEngine
{
    /// <summary>Runs a sync now.</summary>
    /// <param name="tenantId">The tenant whose connected connection to sync.</param>
    /// <param name="progress">Receives progress after each page, if given.</param>
    /// <param name="cancellationToken">
    /// From the caller that started the run: stops it after the page being applied, and the call
    /// returns its summary (with the cancellation as its error) once it has stopped. From a caller
    /// that joined a run in progress: stops waiting for it.
    /// </param>
    /// <returns>The run's outcome; a failed run reports its error rather than throwing.</returns>
    /// <exception cref="InvalidOperationException">The tenant has no connected connection.</exception>
    Task<CrmSyncRunSummary> RunAsync(string tenantId, IProgress<CrmSyncProgress>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>Stops a run of the connection in progress, if any, and waits until it has ended.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes when no run of the connection is in progress.</returns>
    Task StopAsync(string connectionId, CancellationToken cancellationToken = default);

    /// <summary>Gets how far the connection's run in progress has come.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <returns>The latest progress, or <see langword="null"/> when no run is in progress.</returns>
    CrmSyncProgress? GetProgress(string connectionId);
}
