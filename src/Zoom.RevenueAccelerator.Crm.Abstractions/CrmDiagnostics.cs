namespace Zoom.RevenueAccelerator.Crm;

/// <summary>Names of the SDK's telemetry, for hosts that subscribe to it.</summary>
/// <example><c>tracing.AddSource(CrmDiagnostics.Name); metrics.AddMeter(CrmDiagnostics.Name);</c></example>
public static class CrmDiagnostics
{
    /// <summary>The name of the SDK's one <c>ActivitySource</c> and one <c>Meter</c>.</summary>
    public const string Name = "Zoom.RevenueAccelerator.Crm";
}
