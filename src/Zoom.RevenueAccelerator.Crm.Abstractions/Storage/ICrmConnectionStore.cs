using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Zoom.RevenueAccelerator.Crm;

/// <summary>
/// Keeps the state of every tenant's connection (no secrets: those go to <see cref="ICrmCredentialStore"/>).
/// Implementations must be thread-safe and apply each method atomically.
/// </summary>
public interface ICrmConnectionStore
{
    /// <summary>Reads a tenant's current connection: the connected one, else the most recent.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The connection, or <see langword="null"/> when the tenant never connected.</returns>
    ValueTask<CrmConnectionStatus?> GetAsync(string tenantId, CancellationToken cancellationToken = default);

    /// <summary>Adds a new connection unless the tenant already has a connected one.</summary>
    /// <param name="connection">The new connection, in phase <see cref="CrmConnectionPhase.Connected"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="false"/> when the tenant is already connected (nothing is stored).</returns>
    ValueTask<bool> TryAddAsync(CrmConnectionStatus connection, CancellationToken cancellationToken = default);

    /// <summary>
    /// Changes a connected connection atomically. Nothing changes when the connection is not the
    /// tenant's, or is already disconnected.
    /// </summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="connectionId">The connection.</param>
    /// <param name="update">Makes the new state from the current one; it must keep the ids.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The new state, or <see langword="null"/> when nothing changed.</returns>
    ValueTask<CrmConnectionStatus?> TryUpdateAsync(string tenantId, string connectionId, Func<CrmConnectionStatus, CrmConnectionStatus> update, CancellationToken cancellationToken = default);

    /// <summary>Lists every connected connection (for schedulers restarting).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The connections.</returns>
    ValueTask<IReadOnlyList<CrmConnectionStatus>> ListConnectedAsync(CancellationToken cancellationToken = default);
}
