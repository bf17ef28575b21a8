using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Zoom.RevenueAccelerator.Crm.Internal;

/// <summary>The core package's spans and instruments, on the SDK's one ActivitySource and Meter (<see cref="CrmDiagnostics"/>). No PII in tags.</summary>
internal static class CrmTelemetry
{
    public const string SystemTag = "crm.system";
    public const string ErrorTypeTag = "error.type";

    public static ActivitySource Source => CrmDiagnostics.ActivitySource;

    /// <summary>Connect attempts, tagged with the CRM and, on failure, <c>error.type</c> (a <see cref="CrmErrorKind"/>).</summary>
    public static readonly Counter<long> Connects = CrmDiagnostics.Meter.CreateCounter<long>("crm.connection.connects", "{connection}", "Connect attempts.");

    /// <summary>Disconnects, tagged with the CRM.</summary>
    public static readonly Counter<long> Disconnects = CrmDiagnostics.Meter.CreateCounter<long>("crm.connection.disconnects", "{connection}", "Disconnects.");
}
