namespace Zoom.RevenueAccelerator.Crm;

/// <summary>
/// Where synced CRM data lives. Every read and write goes through a tenant's own view
/// (<see cref="ForTenant"/>), so code handed one tenant's view cannot reach another's data.
/// </summary>
/// <remarks>The default keeps data in memory; hosts replace it with a durable store.</remarks>
public interface ICrmDataStore
{
    /// <summary>Gets the view of one tenant's data.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <returns>A view that reads and writes only that tenant's records and cursors.</returns>
    ICrmTenantDataStore ForTenant(string tenantId);
}
