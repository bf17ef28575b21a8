using System;

namespace Zoom.RevenueAccelerator.Crm;

/// <summary>Convenience methods on <see cref="ICrmConnector"/>.</summary>
public static class CrmConnectorExtensions
{
    /// <summary>Asks the connector for a service of type <typeparamref name="TService"/>.</summary>
    /// <typeparam name="TService">The type of service.</typeparam>
    /// <param name="connector">The connector.</param>
    /// <param name="serviceKey">An optional key.</param>
    /// <returns>The service, or <see langword="null"/>.</returns>
    public static TService? GetService<TService>(this ICrmConnector connector, object? serviceKey = null)
        where TService : class
    {
        ArgumentNullException.ThrowIfNull(connector);
        return connector.GetService(typeof(TService), serviceKey) as TService;
    }

    /// <summary>Tells whether the connector has every one of the given capabilities.</summary>
    /// <param name="connector">The connector.</param>
    /// <param name="capabilities">The capabilities needed.</param>
    /// <returns><see langword="true"/> when all of them are there.</returns>
    public static bool Can(this ICrmConnector connector, CrmCapabilities capabilities)
    {
        ArgumentNullException.ThrowIfNull(connector);
        return (connector.Metadata.Capabilities & capabilities) == capabilities;
    }
}
