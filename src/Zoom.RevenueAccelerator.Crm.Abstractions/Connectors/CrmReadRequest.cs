namespace Zoom.RevenueAccelerator.Crm;

/// <summary>What <see cref="ICrmConnector.ReadAsync"/> reads.</summary>
public sealed record CrmReadRequest
{
    /// <summary>Gets the kind of record to read.</summary>
    public required CrmRecordKind Kind { get; init; }

    /// <summary>Gets whether to read everything or the changes since <see cref="Cursor"/>.</summary>
    public CrmReadMode Mode { get; init; }

    /// <summary>
    /// Gets where to resume: a cursor from an earlier page of the same mode. <see langword="null"/>
    /// starts at the beginning (full) or is not allowed (incremental).
    /// </summary>
    public string? Cursor { get; init; }

    /// <summary>Gets the page size wanted; the connector may use less (the CRM's maximum) or ignore it.</summary>
    public int? PageSizeHint { get; init; }
}
