using System;
using System.Threading;
using System.Threading.Tasks;
using Zoom.RevenueAccelerator.Crm.Sync;

namespace Zoom.RevenueAccelerator.Crm;

/// <summary>
/// Connects tenants to their CRM and disconnects them. A tenant has at most one connected CRM;
/// a disconnected connection is never used again.
/// </summary>
public interface ICrmConnectionManager
{
    /// <summary>
    /// Validates the request, signs in to the CRM, stores the credentials, and starts the first
    /// full sync (then one every <see cref="CrmConnectionSettings.SyncInterval"/>).
    /// </summary>
    /// <param name="request">The tenant, the connector, the credentials and the settings.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The connected connection's status, with the token's expiry.</returns>
    /// <exception cref="ArgumentException">The request names an unknown connector or has an invalid setting; the message names it.</exception>
    /// <exception cref="InvalidOperationException">The tenant is already connected: disconnect first.</exception>
    /// <exception cref="CrmException">The CRM refused the credentials or could not be reached; nothing was stored.</exception>
    Task<CrmConnectionStatus> ConnectAsync(CrmConnectRequest request, CancellationToken cancellationToken = default);

    /// <summary>Reports a tenant's connection: connected or not, the CRM, token expiry, last and next sync, last error.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The status, or <see langword="null"/> when the tenant never connected.</returns>
    Task<CrmConnectionStatus?> GetStatusAsync(string tenantId, CancellationToken cancellationToken = default);

    /// <summary>Changes a connected tenant's settings; a new sync interval takes effect from now.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="settings">The new settings.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The updated status.</returns>
    /// <exception cref="ArgumentException">A setting is invalid; the message names it.</exception>
    /// <exception cref="InvalidOperationException">The tenant is not connected.</exception>
    Task<CrmConnectionStatus> UpdateSettingsAsync(string tenantId, CrmConnectionSettings settings, CancellationToken cancellationToken = default);

    /// <summary>Runs a sync of the tenant now and waits for it ("sync now").</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="progress">Receives progress after each page.</param>
    /// <param name="cancellationToken">Stops the run after the page being applied.</param>
    /// <returns>The run's outcome.</returns>
    /// <exception cref="InvalidOperationException">The tenant is not connected.</exception>
    Task<CrmSyncRunSummary> SyncNowAsync(string tenantId, IProgress<CrmSyncProgress>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Disconnects a tenant, irreversibly: stops its syncs, revokes its tokens where the CRM
    /// allows, deletes its credentials and, when asked, removes every CRM record kept for it.
    /// </summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="removeAllCrmData">Also remove the tenant's synced CRM data.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>What was done and removed.</returns>
    /// <exception cref="InvalidOperationException">The tenant is not connected.</exception>
    Task<CrmDisconnectResult> DisconnectAsync(string tenantId, bool removeAllCrmData, CancellationToken cancellationToken = default);
}
