namespace Zoom.RevenueAccelerator.Crm;

/// <summary>
/// Reports how much of a CRM's API allocation a connection has used, as the CRM last said
/// (Salesforce's <c>Sforce-Limit-Info</c> header, for example). A connector that can tell returns
/// it from <see cref="ICrmConnector.GetService"/>; the sync engine then pauses syncs, and skips
/// conversation lookups, before the allocation runs out.
/// </summary>
public interface ICrmApiUsage
{
    /// <summary>Gets the usage last reported for a connection.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <returns>The usage, or <see langword="null"/> when the CRM has not said yet.</returns>
    CrmApiUsage? GetUsage(string connectionId);
}
