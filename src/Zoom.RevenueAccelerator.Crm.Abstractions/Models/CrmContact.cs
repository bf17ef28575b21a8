using System.Collections.Generic;

namespace Zoom.RevenueAccelerator.Crm;

/// <summary>A person at a customer.</summary>
public sealed record CrmContact : CrmRecord
{
    /// <inheritdoc />
    public override CrmRecordKind Kind => CrmRecordKind.Contact;

    /// <summary>Gets the id of the contact's account.</summary>
    public string? AccountId { get; init; }

    /// <summary>Gets the contact's name.</summary>
    public string? Name { get; init; }

    /// <summary>Gets the contact's e-mail addresses, primary first.</summary>
    public IReadOnlyList<string> Emails { get; init; } = [];

    /// <summary>Gets the contact's phone numbers as the CRM holds them.</summary>
    public IReadOnlyList<string> Phones { get; init; } = [];

    /// <summary>Gets the id of the user who owns the contact.</summary>
    public string? OwnerId { get; init; }
}
