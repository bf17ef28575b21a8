namespace Zoom.RevenueAccelerator.Crm.Matching;

/// <summary>What happens when no account matches but leads do.</summary>
public enum LeadHandling
{
    /// <summary>Leads are only offered for manual matching (outcome <see cref="MatchOutcome.Suggested"/>). The default.</summary>
    SuggestOnly = 0,

    /// <summary>When exactly one lead matches by an exact identifier, it is matched (outcome <see cref="MatchOutcome.Lead"/>).</summary>
    AutoMatchExact = 1,
}
