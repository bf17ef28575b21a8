namespace Zoom.RevenueAccelerator.Crm;

/// <summary>Settings of the integration as a whole. Validated when the host starts.</summary>
public sealed class CrmIntegrationOptions
{
    /// <summary>
    /// Gets or sets the settings a connection gets when <see cref="CrmConnectRequest.Settings"/> is not given:
    /// a 4-hour sync interval, team data on, activities off, competitors not published.
    /// </summary>
    public CrmConnectionSettings DefaultSettings { get; set; } = new();
}
