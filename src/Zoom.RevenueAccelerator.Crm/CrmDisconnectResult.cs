namespace Zoom.RevenueAccelerator.Crm;

/// <summary>What a disconnect did.</summary>
public sealed record CrmDisconnectResult
{
    /// <summary>Gets the connection that was disconnected.</summary>
    public required string ConnectionId { get; init; }

    /// <summary>Gets a value indicating whether the CRM revoked the connection's tokens.</summary>
    public bool TokensRevoked { get; init; }

    /// <summary>Gets why revoking failed, when it did (the disconnect still completed).</summary>
    public string? RevokeError { get; init; }

    /// <summary>Gets a value indicating whether the tenant's CRM data was removed.</summary>
    public bool DataRemoved { get; init; }

    /// <summary>Gets the records removed (all zero when <see cref="DataRemoved"/> is <see langword="false"/>).</summary>
    public CrmRecordCounts Removed { get; init; } = new();

    /// <summary>Gets how many conversation states (decisions, manual matches, write-backs) were removed with the data.</summary>
    public int ConversationsRemoved { get; init; }
}
