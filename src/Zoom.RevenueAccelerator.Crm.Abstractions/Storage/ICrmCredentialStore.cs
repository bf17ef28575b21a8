using System.Threading;
using System.Threading.Tasks;

namespace Zoom.RevenueAccelerator.Crm;

/// <summary>
/// Keeps connections' credentials. Hosts back it with a secret vault; the default keeps them in
/// memory only. Implementations never log what they keep.
/// </summary>
public interface ICrmCredentialStore
{
    /// <summary>Stores (or replaces) a connection's credentials.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="connectionId">The connection.</param>
    /// <param name="credentials">The credentials.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when they are stored.</returns>
    ValueTask SaveAsync(string tenantId, string connectionId, CrmCredentials credentials, CancellationToken cancellationToken = default);

    /// <summary>Reads a connection's credentials.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="connectionId">The connection.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The credentials, or <see langword="null"/> when none are stored.</returns>
    ValueTask<CrmCredentials?> GetAsync(string tenantId, string connectionId, CancellationToken cancellationToken = default);

    /// <summary>Deletes a connection's credentials.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="connectionId">The connection.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when there were credentials to delete.</returns>
    ValueTask<bool> DeleteAsync(string tenantId, string connectionId, CancellationToken cancellationToken = default);
}
