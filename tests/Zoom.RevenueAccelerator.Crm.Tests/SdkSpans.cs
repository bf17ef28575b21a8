using System.Diagnostics;

namespace Zoom.RevenueAccelerator.Crm.Tests;

/// <summary>Listens to the SDK's ActivitySource, every span sampled with all data.</summary>
internal static class SdkSpans
{
    /// <summary>Starts listening; dispose the listener to stop.</summary>
    /// <param name="stopped">Called with each span of the SDK when it stops (from any thread).</param>
    public static ActivityListener Listen(Action<Activity> stopped)
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == CrmDiagnostics.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = stopped,
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }
}
