using System;

namespace Zoom.RevenueAccelerator.Crm;

/// <summary>Where mentioned competitors are written when an activity is written back.</summary>
[Flags]
public enum CompetitorPublishing
{
    /// <summary>Competitors are not written.</summary>
    None = 0,

    /// <summary>Competitors are listed in the activity record.</summary>
    ActivityRecord = 1,

    /// <summary>The first-mentioned competitor goes to the primary-competitor field.</summary>
    PrimaryCompetitorField = 2,

    /// <summary>Both.</summary>
    Both = ActivityRecord | PrimaryCompetitorField,
}
