using System.Collections.Generic;

namespace Zoom.RevenueAccelerator.Crm;

/// <summary>
/// Changes applied to a tenant's store as one unit: the records of a page, the deletions it
/// reported, and the cursors that say the page is done. A store applies all of it or none of it.
/// </summary>
public sealed record CrmChangeBatch
{
    /// <summary>Gets records to insert or replace (by kind and id).</summary>
    public IReadOnlyList<CrmRecord> Upserts { get; init; } = [];

    /// <summary>Gets records to delete.</summary>
    public IReadOnlyList<CrmRecordReference> Deletes { get; init; } = [];

    /// <summary>Gets cursors to set with the batch (a <see langword="null"/> value removes one).</summary>
    public IReadOnlyDictionary<string, string?> Cursors { get; init; } = new Dictionary<string, string?>(0);

    /// <summary>Gets a value indicating whether the batch has nothing in it.</summary>
    public bool IsEmpty => Upserts.Count == 0 && Deletes.Count == 0 && Cursors.Count == 0;
}
