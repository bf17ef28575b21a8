using System.Collections.Generic;

namespace Zoom.RevenueAccelerator.Crm;

/// <summary>A prospect that has not (or not yet) become a contact.</summary>
public sealed record CrmLead : CrmRecord
{
    /// <inheritdoc />
    public override CrmRecordKind Kind => CrmRecordKind.Lead;

    /// <summary>Gets the lead's name.</summary>
    public string? Name { get; init; }

    /// <summary>Gets the lead's company as typed in the CRM.</summary>
    public string? Company { get; init; }

    /// <summary>Gets the lead's e-mail addresses.</summary>
    public IReadOnlyList<string> Emails { get; init; } = [];

    /// <summary>Gets the lead's phone numbers.</summary>
    public IReadOnlyList<string> Phones { get; init; } = [];

    /// <summary>Gets the lead's status label.</summary>
    public string? Status { get; init; }

    /// <summary>Gets what the lead was converted into, or <see langword="null"/> when it is not converted.</summary>
    public CrmLeadConversion? Converted { get; init; }

    /// <summary>Gets the id of the user (or queue) that owns the lead.</summary>
    public string? OwnerId { get; init; }
}
