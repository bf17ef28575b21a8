using System;
using System.Collections.Generic;

namespace Zoom.RevenueAccelerator.Crm;

/// <summary>
/// The base of every CRM record model. Records are immutable; use a <c>with</c> expression to
/// derive a changed copy.
/// </summary>
public abstract record CrmRecord
{
    private static readonly IReadOnlyDictionary<string, string?> s_noProperties = new Dictionary<string, string?>(0);

    /// <summary>Gets the CRM's own id of the record, compared ordinally.</summary>
    public required string Id { get; init; }

    /// <summary>Gets when the CRM last changed the record (UTC).</summary>
    public DateTimeOffset LastModified { get; init; }

    /// <summary>Gets the record's kind.</summary>
    public abstract CrmRecordKind Kind { get; }

    /// <summary>
    /// Gets CRM fields the model has no property for (custom fields such as <c>Region__c</c>),
    /// by the CRM's field name, as the CRM's text form of the value.
    /// </summary>
    public IReadOnlyDictionary<string, string?> AdditionalProperties { get; init; } = s_noProperties;

    /// <summary>Gets a reference to this record.</summary>
    public CrmRecordReference Reference => new(Kind, Id);
}
