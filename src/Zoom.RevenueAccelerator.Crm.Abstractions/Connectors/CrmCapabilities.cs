using System;

namespace Zoom.RevenueAccelerator.Crm;

/// <summary>What a connector can do. Test these rather than the CRM's name.</summary>
[Flags]
public enum CrmCapabilities
{
    /// <summary>Nothing beyond full reads.</summary>
    None = 0,

    /// <summary>Reads changes since a cursor (<see cref="CrmReadMode.Incremental"/>).</summary>
    IncrementalRead = 1 << 0,

    /// <summary>Incremental reads report deleted records; without it, deletions are found by reconciliation.</summary>
    DeletedRecords = 1 << 1,

    /// <summary>Looks contacts and leads up by e-mail address.</summary>
    LookupByEmail = 1 << 2,

    /// <summary>Looks contacts and leads up by phone number.</summary>
    LookupByPhone = 1 << 3,

    /// <summary>Writes activities.</summary>
    WriteActivities = 1 << 4,

    /// <summary>Activity writes are idempotent in the CRM itself (an upsert by external id).</summary>
    NativeActivityUpsert = 1 << 5,

    /// <summary>Writes the primary competitor to a field.</summary>
    PrimaryCompetitorField = 1 << 6,

    /// <summary>Reads teams and users' team membership.</summary>
    Teams = 1 << 7,

    /// <summary>Reads opportunities' contact roles.</summary>
    OpportunityContactRoles = 1 << 8,

    /// <summary>Reads opportunities' team members.</summary>
    OpportunityTeamMembers = 1 << 9,

    /// <summary>Revokes tokens on disconnect.</summary>
    Revoke = 1 << 10,

    /// <summary>Reports how many records a read will return, for progress estimates.</summary>
    TotalCounts = 1 << 11,
}
