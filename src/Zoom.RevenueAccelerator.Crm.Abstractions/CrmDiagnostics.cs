using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Reflection;

namespace Zoom.RevenueAccelerator.Crm;

/// <summary>The SDK's telemetry: one <see cref="System.Diagnostics.ActivitySource"/> and one <see cref="System.Diagnostics.Metrics.Meter"/>, both named <see cref="Name"/>.</summary>
/// <remarks>
/// Every package of the SDK starts its spans and creates its instruments on these two, and so may
/// a partner's connector or decorator. Hosts subscribe by name.
/// </remarks>
/// <example><c>tracing.AddSource(CrmDiagnostics.Name); metrics.AddMeter(CrmDiagnostics.Name);</c></example>
public static class CrmDiagnostics
{
    /// <summary>The name of the SDK's one <c>ActivitySource</c> and one <c>Meter</c>.</summary>
    public const string Name = "Zoom.RevenueAccelerator.Crm";

    /// <summary>Gets the SDK's one source of spans, versioned with the SDK.</summary>
    public static ActivitySource ActivitySource { get; } = new(Name, Version());

    /// <summary>Gets the SDK's one meter, versioned with the SDK.</summary>
    public static Meter Meter { get; } = new(Name, Version());

    private static string? Version() =>
        typeof(CrmDiagnostics).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0];
}
