using System;

namespace Zoom.RevenueAccelerator.Crm.Sync;

/// <summary>Settings of the in-process scheduler, shared by every connection.</summary>
public sealed class CrmSyncOptions
{
    /// <summary>Gets or sets how many connections may sync at once. Default 4; 1 to 64.</summary>
    public int MaxConcurrentSyncs { get; set; } = 4;

    /// <summary>
    /// Gets or sets the most a scheduled run is moved later at random, so that connections made
    /// together do not all sync at the same moment. Default 2 minutes; zero turns it off; at most 1 hour.
    /// </summary>
    public TimeSpan Jitter { get; set; } = TimeSpan.FromMinutes(2);
}
