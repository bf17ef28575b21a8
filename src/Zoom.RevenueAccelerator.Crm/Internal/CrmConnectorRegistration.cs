using System;

namespace Zoom.RevenueAccelerator.Crm.Internal;

/// <summary>One connector registered under a name.</summary>
internal sealed class CrmConnectorRegistration(string name, Func<IServiceProvider, ICrmConnector> factory)
{
    public string Name { get; } = name;

    public Func<IServiceProvider, ICrmConnector> Factory { get; } = factory;
}
