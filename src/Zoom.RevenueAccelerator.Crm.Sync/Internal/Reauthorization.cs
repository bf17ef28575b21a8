using System.Threading;
using System.Threading.Tasks;

namespace Zoom.RevenueAccelerator.Crm.Sync.Internal;

/// <summary>One re-authorisation after the CRM rejected a session: saves rotated credentials and the new token expiry.</summary>
internal static class Reauthorization
{
    /// <summary>Refreshes the connection's session and returns the context to go on with.</summary>
    public static async Task<CrmConnectionContext> RefreshAsync(
        ICrmConnector connector,
        CrmConnectionContext context,
        ICrmCredentialStore credentials,
        ICrmConnectionStore connections,
        CancellationToken cancellationToken)
    {
        var authorization = await connector.RefreshAsync(context, cancellationToken).ConfigureAwait(false);
        if (authorization.UpdatedCredentials is { } updated)
        {
            await credentials.SaveAsync(context.TenantId, context.ConnectionId, updated, cancellationToken).ConfigureAwait(false);
            context = new CrmConnectionContext(context.TenantId, context.ConnectionId, updated);
        }

        await connections.TryUpdateAsync(context.TenantId, context.ConnectionId, s => s with
        {
            TokenExpiresAt = authorization.TokenExpiresAt,
            TokenExpiryIsEstimate = authorization.TokenExpiryIsEstimate,
        }, cancellationToken).ConfigureAwait(false);
        return context;
    }
}
