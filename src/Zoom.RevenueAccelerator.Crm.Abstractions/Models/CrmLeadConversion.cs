namespace Zoom.RevenueAccelerator.Crm;

/// <summary>What a converted lead became.</summary>
public sealed record CrmLeadConversion
{
    /// <summary>Gets the id of the contact the lead became.</summary>
    public string? ContactId { get; init; }

    /// <summary>Gets the id of the account the lead was converted into.</summary>
    public string? AccountId { get; init; }

    /// <summary>Gets the id of the opportunity created at conversion.</summary>
    public string? OpportunityId { get; init; }
}
