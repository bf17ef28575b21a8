using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Extensions.DependencyInjection;

namespace Zoom.RevenueAccelerator.Crm.Internal;

/// <summary>Resolves connectors by name from keyed registrations.</summary>
internal sealed class CrmConnectorProvider : ICrmConnectorProvider
{
    private readonly IServiceProvider _services;
    private readonly Dictionary<string, string> _names;

    public CrmConnectorProvider(IServiceProvider services, IEnumerable<CrmConnectorRegistration> registrations)
    {
        _services = services;
        _names = registrations.ToDictionary(r => r.Name, r => r.Name, StringComparer.OrdinalIgnoreCase);
    }

    public IReadOnlyCollection<string> Names => _names.Values;

    public ICrmConnector GetConnector(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!_names.TryGetValue(name, out var registered))
        {
            var known = _names.Count == 0 ? "none is registered" : "registered: " + string.Join(", ", _names.Values.Order(StringComparer.Ordinal));
            throw new ArgumentException($"No CRM connector is registered under the name '{name}' ({known}).", nameof(name));
        }

        return _services.GetRequiredKeyedService<ICrmConnector>(ConnectorKey(registered));
    }

    /// <summary>The service key of a connector (names are case-insensitive; keys are not).</summary>
    public static string ConnectorKey(string name) => "Zoom.RevenueAccelerator.Crm.Connector:" + name.ToUpperInvariant();
}
