namespace Zoom.RevenueAccelerator.Crm;

/// <summary>How much a read returns.</summary>
public enum CrmReadMode
{
    /// <summary>Every record of the kind. A cursor from an interrupted full read resumes it.</summary>
    Full = 0,

    /// <summary>Records changed (and deleted, where reported) since the cursor.</summary>
    Incremental = 1,
}
