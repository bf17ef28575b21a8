using System;

namespace Zoom.RevenueAccelerator.Crm;

/// <summary>Points at one CRM record by kind and id.</summary>
/// <param name="Kind">The record's kind.</param>
/// <param name="Id">The CRM's own id, compared ordinally.</param>
public readonly record struct CrmRecordReference(CrmRecordKind Kind, string Id)
{
    /// <summary>Creates a reference after checking that the id is not empty.</summary>
    /// <param name="kind">The record's kind.</param>
    /// <param name="id">The CRM's own id.</param>
    /// <returns>The reference.</returns>
    public static CrmRecordReference Create(CrmRecordKind kind, string id)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        return new CrmRecordReference(kind, id);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Kind}:{Id}";
}
