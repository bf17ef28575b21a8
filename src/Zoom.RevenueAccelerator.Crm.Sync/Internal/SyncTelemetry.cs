using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Zoom.RevenueAccelerator.Crm.Sync.Internal;

/// <summary>The sync package's spans and instruments, on the SDK's one ActivitySource and Meter (<see cref="CrmDiagnostics"/>). No PII in tags.</summary>
internal static class SyncTelemetry
{
    public static ActivitySource Source => CrmDiagnostics.ActivitySource;

    /// <summary>Sync runs, tagged with the CRM and, on failure, <c>error.type</c>.</summary>
    public static readonly Counter<long> Runs = CrmDiagnostics.Meter.CreateCounter<long>("crm.sync.runs", "{run}", "Sync runs completed.");

    /// <summary>Records added, updated or deleted by sync runs.</summary>
    public static readonly Counter<long> Records = CrmDiagnostics.Meter.CreateCounter<long>("crm.sync.records", "{record}", "Records changed by sync runs.");

    /// <summary>How long sync runs take, tagged with the CRM and, on failure, <c>error.type</c>.</summary>
    public static readonly Histogram<double> RunDuration = CrmDiagnostics.Meter.CreateHistogram<double>("crm.sync.run.duration", "s", "Duration of sync runs.");

    /// <summary>How long a conversation takes from arrival to its match decision (participants' refresh included), tagged with the CRM and the outcome.</summary>
    public static readonly Histogram<double> MatchDuration = CrmDiagnostics.Meter.CreateHistogram<double>("crm.conversation.match.duration", "s", "Time from a conversation's arrival to its match decision.");
}
