using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Zoom.RevenueAccelerator.Crm.Internal;

/// <summary>The core package's spans and instruments, on the SDK's one ActivitySource and Meter (<see cref="CrmDiagnostics"/>). No PII in tags.</summary>
internal static class CrmTelemetry
{
    public const string SystemTag = "crm.system";
    public const string ErrorTypeTag = "error.type";
    public const string ConnectorTag = "crm.connector";
    public const string OperationTag = "crm.operation";
    public const string RecordKindTag = "crm.record.kind";
    public const string ReadModeTag = "crm.read.mode";
    public const string RecordsTag = "crm.records";

    public static ActivitySource Source => CrmDiagnostics.ActivitySource;

    /// <summary>Connect attempts, tagged with the CRM and, on failure, <c>error.type</c> (a <see cref="CrmErrorKind"/>).</summary>
    public static readonly Counter<long> Connects = CrmDiagnostics.Meter.CreateCounter<long>("crm.connection.connects", "{connection}", "Connect attempts.");

    /// <summary>Disconnects, tagged with the CRM.</summary>
    public static readonly Counter<long> Disconnects = CrmDiagnostics.Meter.CreateCounter<long>("crm.connection.disconnects", "{connection}", "Disconnects.");

    /// <summary>Calls to a CRM by a connector (with <c>UseConnectorTelemetry()</c>), tagged with the CRM, the connector, the operation and, on failure, <c>error.type</c>.</summary>
    public static readonly Histogram<double> ConnectorOperationDuration = CrmDiagnostics.Meter.CreateHistogram<double>("crm.connector.operation.duration", "s", "Duration of connectors' calls to their CRM.");
}
