using System;

namespace Zoom.RevenueAccelerator.Crm;

/// <summary>Names the connection a connector call works for, with its credentials.</summary>
public sealed class CrmConnectionContext
{
    /// <summary>Creates a context.</summary>
    /// <param name="tenantId">The host application's account (tenant) the connection belongs to.</param>
    /// <param name="connectionId">The connection's id: a new one for each connect.</param>
    /// <param name="credentials">The connection's credentials.</param>
    public CrmConnectionContext(string tenantId, string connectionId, CrmCredentials credentials)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenantId);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionId);
        ArgumentNullException.ThrowIfNull(credentials);
        TenantId = tenantId;
        ConnectionId = connectionId;
        Credentials = credentials;
    }

    /// <summary>Gets the tenant the connection belongs to.</summary>
    public string TenantId { get; }

    /// <summary>Gets the connection's id. Connectors key cached sessions by it.</summary>
    public string ConnectionId { get; }

    /// <summary>Gets the connection's credentials.</summary>
    public CrmCredentials Credentials { get; }

    /// <inheritdoc />
    public override string ToString() => $"{TenantId}/{ConnectionId}";
}
