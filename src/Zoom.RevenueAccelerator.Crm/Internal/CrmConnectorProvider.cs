using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Extensions.DependencyInjection;

namespace Zoom.RevenueAccelerator.Crm.Internal;

/// <summary>Resolves connectors by name from keyed registrations.</summary>
internal sealed class CrmConnectorProvider : ICrmConnectorProvider
{
    private readonly IServiceProvider _services;
    private readonly Dictionary<string, string> _names;
    private readonly TimeProvider? _telemetryTime;
    private readonly ConcurrentDictionary<string, ICrmConnector> _instrumented = new(StringComparer.Ordinal);

    public CrmConnectorProvider(IServiceProvider services, IEnumerable<CrmConnectorRegistration> registrations)
    {
        _services = services;
        _names = registrations.ToDictionary(r => r.Name, r => r.Name, StringComparer.OrdinalIgnoreCase);
        _telemetryTime = services.GetService<ConnectorTelemetry>() is null ? null : services.GetRequiredService<TimeProvider>();
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

        var connector = _services.GetRequiredKeyedService<ICrmConnector>(ConnectorKey(registered));
        return _telemetryTime is { } time
            ? _instrumented.GetOrAdd(registered, static (n, state) => new TelemetryCrmConnector(state.Connector, n, state.Time), (Connector: connector, Time: time))
            : connector;
    }

    /// <summary>The service key of a connector (names are case-insensitive; keys are not).</summary>
    public static string ConnectorKey(string name) => "Zoom.RevenueAccelerator.Crm.Connector:" + name.ToUpperInvariant();
}

/// <summary>Registered by <c>UseConnectorTelemetry()</c>: the provider wraps every connector in a <see cref="TelemetryCrmConnector"/>.</summary>
internal sealed class ConnectorTelemetry;
