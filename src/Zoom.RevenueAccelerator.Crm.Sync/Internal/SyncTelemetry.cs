using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Zoom.RevenueAccelerator.Crm.Sync.Internal;

/// <summary>The sync package's instruments, on the SDK's one ActivitySource and Meter name.</summary>
internal static class SyncTelemetry
{
    public static readonly ActivitySource Source = new(CrmDiagnostics.Name);

    private static readonly Meter s_meter = new(CrmDiagnostics.Name);

    /// <summary>Sync runs, tagged with the CRM and, on failure, <c>error.type</c>.</summary>
    public static readonly Counter<long> Runs = s_meter.CreateCounter<long>("crm.sync.runs", "{run}", "Sync runs completed.");

    /// <summary>Records added, updated or deleted by sync runs.</summary>
    public static readonly Counter<long> Records = s_meter.CreateCounter<long>("crm.sync.records", "{record}", "Records changed by sync runs.");
}
