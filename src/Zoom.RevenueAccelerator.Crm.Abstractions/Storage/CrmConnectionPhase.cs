namespace Zoom.RevenueAccelerator.Crm;

/// <summary>Where a connection is in its life. A disconnected connection is never used again.</summary>
public enum CrmConnectionPhase
{
    /// <summary>Connected: it syncs, matches and writes back.</summary>
    Connected = 0,

    /// <summary>Disconnected, for good. Connecting again makes a new connection.</summary>
    Disconnected = 1,
}
