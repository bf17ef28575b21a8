using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Zoom.RevenueAccelerator.Crm;

/// <summary>
/// A connector that forwards every call to an inner connector: the base of decorators that add
/// logging, telemetry, caching or rate limiting around any connector.
/// </summary>
public class DelegatingCrmConnector : ICrmConnector
{
    /// <summary>Wraps <paramref name="innerConnector"/>.</summary>
    /// <param name="innerConnector">The connector calls are forwarded to.</param>
    protected DelegatingCrmConnector(ICrmConnector innerConnector)
    {
        ArgumentNullException.ThrowIfNull(innerConnector);
        InnerConnector = innerConnector;
    }

    /// <summary>Gets the connector calls are forwarded to.</summary>
    protected ICrmConnector InnerConnector { get; }

    /// <inheritdoc />
    public virtual CrmConnectorMetadata Metadata => InnerConnector.Metadata;

    /// <inheritdoc />
    public virtual Task<CrmAuthorization> ConnectAsync(CrmConnectionContext connection, CancellationToken cancellationToken = default) =>
        InnerConnector.ConnectAsync(connection, cancellationToken);

    /// <inheritdoc />
    public virtual Task<CrmAuthorization> RefreshAsync(CrmConnectionContext connection, CancellationToken cancellationToken = default) =>
        InnerConnector.RefreshAsync(connection, cancellationToken);

    /// <inheritdoc />
    public virtual Task RevokeAsync(CrmConnectionContext connection, CancellationToken cancellationToken = default) =>
        InnerConnector.RevokeAsync(connection, cancellationToken);

    /// <inheritdoc />
    public virtual IAsyncEnumerable<CrmRecordPage> ReadAsync(CrmConnectionContext connection, CrmReadRequest request, CancellationToken cancellationToken = default) =>
        InnerConnector.ReadAsync(connection, request, cancellationToken);

    /// <inheritdoc />
    public virtual Task<CrmLookupResult> LookupAsync(CrmConnectionContext connection, CrmLookupRequest request, CancellationToken cancellationToken = default) =>
        InnerConnector.LookupAsync(connection, request, cancellationToken);

    /// <inheritdoc />
    public virtual Task<CrmActivityResult> UpsertActivityAsync(CrmConnectionContext connection, CrmActivity activity, CancellationToken cancellationToken = default) =>
        InnerConnector.UpsertActivityAsync(connection, activity, cancellationToken);

    /// <inheritdoc />
    public virtual object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is null && serviceType.IsInstanceOfType(this) ? this : InnerConnector.GetService(serviceType, serviceKey);
    }
}
