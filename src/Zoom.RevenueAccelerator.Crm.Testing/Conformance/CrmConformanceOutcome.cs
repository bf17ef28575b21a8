namespace Zoom.RevenueAccelerator.Crm.Testing;

/// <summary>How one conformance check ended.</summary>
public enum CrmConformanceOutcome
{
    /// <summary>The connector kept the rule.</summary>
    Passed = 0,

    /// <summary>The connector broke the rule; <see cref="CrmConformanceCheck.Detail"/> says how.</summary>
    Failed = 1,

    /// <summary>The rule does not apply (a capability the connector does not declare, or too little data to test it).</summary>
    Skipped = 2,
}
