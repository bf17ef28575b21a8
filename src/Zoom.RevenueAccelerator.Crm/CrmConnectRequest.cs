namespace Zoom.RevenueAccelerator.Crm;

/// <summary>What <see cref="ICrmConnectionManager.ConnectAsync"/> needs to connect a tenant.</summary>
public sealed record CrmConnectRequest
{
    /// <summary>Gets the tenant (the host application's account) to connect.</summary>
    public required string TenantId { get; init; }

    /// <summary>Gets the name of the registered connector to use (<c>salesforce</c>, or the name given to <c>AddConnector</c>).</summary>
    public required string ConnectorName { get; init; }

    /// <summary>Gets the tenant's credentials (parameters and secrets the connector reads).</summary>
    public CrmCredentials Credentials { get; init; } = CrmCredentials.Empty;

    /// <summary>Gets the connection's settings; <see langword="null"/> takes <see cref="CrmIntegrationOptions.DefaultSettings"/>.</summary>
    public CrmConnectionSettings? Settings { get; init; }
}
