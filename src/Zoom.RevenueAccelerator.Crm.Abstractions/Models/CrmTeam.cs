namespace Zoom.RevenueAccelerator.Crm;

/// <summary>A team of users, possibly inside a parent team.</summary>
public sealed record CrmTeam : CrmRecord
{
    /// <inheritdoc />
    public override CrmRecordKind Kind => CrmRecordKind.Team;

    /// <summary>Gets the team's name.</summary>
    public string? Name { get; init; }

    /// <summary>Gets the id of the parent team in the hierarchy.</summary>
    public string? ParentId { get; init; }
}
