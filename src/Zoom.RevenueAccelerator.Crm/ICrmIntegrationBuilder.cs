using Microsoft.Extensions.DependencyInjection;

namespace Zoom.RevenueAccelerator.Crm;

/// <summary>
/// Configures the CRM integration. Returned by <c>AddCrmIntegration</c>; provider packages add
/// extension methods to it (<c>AddSalesforce</c>, ...).
/// </summary>
public interface ICrmIntegrationBuilder
{
    /// <summary>Gets the service collection the integration is registered in.</summary>
    IServiceCollection Services { get; }
}
