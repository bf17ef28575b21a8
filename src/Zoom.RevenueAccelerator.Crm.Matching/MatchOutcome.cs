namespace Zoom.RevenueAccelerator.Crm.Matching;

/// <summary>What a conversation was matched to.</summary>
public enum MatchOutcome
{
    /// <summary>An opportunity (and its account).</summary>
    Opportunity = 0,

    /// <summary>An account, with no suitable opportunity.</summary>
    Account = 1,

    /// <summary>A lead (automatic with <see cref="LeadHandling.AutoMatchExact"/>, or manual).</summary>
    Lead = 2,

    /// <summary>Nothing; leads are offered for manual matching.</summary>
    Suggested = 3,

    /// <summary>Nobody outside the seller's company took part (after exclusions).</summary>
    NoExternalParticipants = 4,

    /// <summary>Nothing matched.</summary>
    Unmatched = 5,
}
