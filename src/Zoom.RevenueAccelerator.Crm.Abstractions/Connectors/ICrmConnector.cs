using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Zoom.RevenueAccelerator.Crm;

/// <summary>
/// Speaks to one CRM product on behalf of any number of connections (tenants).
/// </summary>
/// <remarks>
/// <para>
/// A connector is registered once (a singleton) and must be safe to call from many threads at
/// once. Each call names the connection it works for through a <see cref="CrmConnectionContext"/>;
/// a connector may cache a session (an access token) per <see cref="CrmConnectionContext.ConnectionId"/>,
/// and must never let one connection's data or session reach another's call.
/// </para>
/// <para>
/// Every failure the CRM reports is thrown as a <see cref="CrmException"/> whose
/// <see cref="CrmException.Kind"/> tells the caller what to do (wait, re-authorise, give up).
/// Secrets never appear in an exception message.
/// </para>
/// <para>
/// Callers test <see cref="CrmConnectorMetadata.Capabilities"/> rather than the CRM's name to
/// decide what to call. <see cref="GetService"/> returns provider-specific services
/// (limits, describe data) for callers that know about them.
/// </para>
/// </remarks>
public interface ICrmConnector
{
    /// <summary>Gets what the connector is and what it can do.</summary>
    CrmConnectorMetadata Metadata { get; }

    /// <summary>
    /// Validates the connection's credentials and obtains a session (a token), for a first connect.
    /// </summary>
    /// <param name="connection">The connection and its credentials.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The instance, the token's expiry and any credentials the CRM rotated.</returns>
    /// <exception cref="CrmException">The CRM refused the credentials or could not be reached.</exception>
    Task<CrmAuthorization> ConnectAsync(CrmConnectionContext connection, CancellationToken cancellationToken = default);

    /// <summary>
    /// Obtains a fresh session for an existing connection (a token refresh or a re-authorisation).
    /// Connectors also do this by themselves when the CRM rejects an expired session.
    /// </summary>
    /// <param name="connection">The connection and its credentials.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The new session's details.</returns>
    Task<CrmAuthorization> RefreshAsync(CrmConnectionContext connection, CancellationToken cancellationToken = default);

    /// <summary>
    /// Revokes the connection's tokens where the CRM allows it, and forgets any cached session.
    /// Does nothing more where the CRM has no revocation (<see cref="CrmCapabilities.Revoke"/> is absent).
    /// </summary>
    /// <param name="connection">The connection and its credentials.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the session is gone.</returns>
    Task RevokeAsync(CrmConnectionContext connection, CancellationToken cancellationToken = default);

    /// <summary>
    /// Streams the records of one kind, a page at a time: all of them (full) or those changed
    /// since a cursor (incremental), with deletions where the CRM reports them.
    /// </summary>
    /// <param name="connection">The connection and its credentials.</param>
    /// <param name="request">What to read and where to resume.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>
    /// Pages in order. Each page's <see cref="CrmRecordPage.Cursor"/> resumes the read right after
    /// that page; the last page's cursor is where the next incremental read starts.
    /// </returns>
    IAsyncEnumerable<CrmRecordPage> ReadAsync(CrmConnectionContext connection, CrmReadRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Finds the contacts and leads with the given e-mail addresses or phone numbers, with their
    /// accounts and those accounts' opportunities, to refresh a conversation's participants.
    /// </summary>
    /// <param name="connection">The connection and its credentials.</param>
    /// <param name="request">The identifiers to look up.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The records found (possibly none).</returns>
    Task<CrmLookupResult> LookupAsync(CrmConnectionContext connection, CrmLookupRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates or updates the activity of one conversation. The conversation id is the
    /// idempotency key: calling this again for the same conversation updates the activity it
    /// created and never creates a second one.
    /// </summary>
    /// <param name="connection">The connection and its credentials.</param>
    /// <param name="activity">The activity.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The CRM's id of the activity and whether it was created now.</returns>
    Task<CrmActivityResult> UpsertActivityAsync(CrmConnectionContext connection, CrmActivity activity, CancellationToken cancellationToken = default);

    /// <summary>Asks the connector for a service it may offer, such as a provider's limits.</summary>
    /// <param name="serviceType">The type of service.</param>
    /// <param name="serviceKey">An optional key.</param>
    /// <returns>The service, or <see langword="null"/> when the connector has none of that type.</returns>
    object? GetService(Type serviceType, object? serviceKey = null);
}
