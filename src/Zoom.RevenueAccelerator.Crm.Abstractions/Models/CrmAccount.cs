using System.Collections.Generic;

namespace Zoom.RevenueAccelerator.Crm;

/// <summary>A company in the CRM.</summary>
public sealed record CrmAccount : CrmRecord
{
    /// <inheritdoc />
    public override CrmRecordKind Kind => CrmRecordKind.Account;

    /// <summary>Gets the account's name.</summary>
    public string? Name { get; init; }

    /// <summary>Gets the website as the CRM holds it (any form: <c>https://www.acme.com/about</c>, <c>acme.com</c>).</summary>
    public string? Website { get; init; }

    /// <summary>Gets extra e-mail domains of the account (HubSpot's additional domains, for example).</summary>
    public IReadOnlyList<string> Domains { get; init; } = [];

    /// <summary>Gets the id of the user who owns the account.</summary>
    public string? OwnerId { get; init; }

    /// <summary>Gets the account's type (for example <c>Customer</c> or <c>Partner</c>).</summary>
    public string? Type { get; init; }
}
