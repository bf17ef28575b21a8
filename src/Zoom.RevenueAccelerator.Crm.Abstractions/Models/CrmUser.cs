using System.Collections.Generic;

namespace Zoom.RevenueAccelerator.Crm;

/// <summary>A user of the CRM (a seller).</summary>
public sealed record CrmUser : CrmRecord
{
    /// <inheritdoc />
    public override CrmRecordKind Kind => CrmRecordKind.User;

    /// <summary>Gets the user's name.</summary>
    public string? Name { get; init; }

    /// <summary>Gets the user's e-mail addresses, aliases included.</summary>
    public IReadOnlyList<string> Emails { get; init; } = [];

    /// <summary>Gets a value indicating whether the user is active.</summary>
    public bool Active { get; init; } = true;

    /// <summary>Gets the ids of the teams the user belongs to.</summary>
    public IReadOnlyList<string> TeamIds { get; init; } = [];
}
