using System;
using System.Collections.Generic;

namespace Zoom.RevenueAccelerator.Crm;

/// <summary>A deal, with the contacts that play a role in it and its team.</summary>
public sealed record CrmOpportunity : CrmRecord
{
    /// <inheritdoc />
    public override CrmRecordKind Kind => CrmRecordKind.Opportunity;

    /// <summary>Gets the opportunity's name.</summary>
    public string? Name { get; init; }

    /// <summary>Gets the id of its account.</summary>
    public string? AccountId { get; init; }

    /// <summary>Gets the id of the user who owns it.</summary>
    public string? OwnerId { get; init; }

    /// <summary>Gets the stage label.</summary>
    public string? Stage { get; init; }

    /// <summary>Gets a value indicating whether the opportunity is closed (won or lost).</summary>
    public bool IsClosed { get; init; }

    /// <summary>Gets a value indicating whether the opportunity is closed and won.</summary>
    public bool IsWon { get; init; }

    /// <summary>Gets the amount in the CRM's currency.</summary>
    public decimal? Amount { get; init; }

    /// <summary>Gets when it was created.</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>Gets the (expected or actual) close date.</summary>
    public DateOnly? CloseDate { get; init; }

    /// <summary>Gets the ids of the contacts with a role on the opportunity.</summary>
    public IReadOnlyList<string> ContactRoleContactIds { get; init; } = [];

    /// <summary>Gets the ids of the users on the opportunity's team.</summary>
    public IReadOnlyList<string> TeamMemberUserIds { get; init; } = [];
}
