using System.Collections.Generic;

namespace Zoom.RevenueAccelerator.Crm;

/// <summary>One page of a read.</summary>
public sealed record CrmRecordPage
{
    /// <summary>Gets the kind of the records.</summary>
    public required CrmRecordKind Kind { get; init; }

    /// <summary>Gets the records, new or changed.</summary>
    public IReadOnlyList<CrmRecord> Records { get; init; } = [];

    /// <summary>Gets the ids of records the CRM reports as deleted (incremental reads only).</summary>
    public IReadOnlyList<string> DeletedIds { get; init; } = [];

    /// <summary>
    /// Gets the cursor that resumes the read right after this page. On the last page, it is
    /// where the next incremental read starts. Opaque to everyone but the connector.
    /// </summary>
    public required string Cursor { get; init; }

    /// <summary>Gets a value indicating whether this is the read's last page.</summary>
    public bool IsLastPage { get; init; }

    /// <summary>Gets the number of records the whole read will return, when the CRM says (for progress).</summary>
    public long? TotalCount { get; init; }
}
