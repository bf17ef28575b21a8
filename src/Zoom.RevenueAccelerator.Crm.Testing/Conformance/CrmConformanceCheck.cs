namespace Zoom.RevenueAccelerator.Crm.Testing;

/// <summary>The result of one conformance check.</summary>
/// <param name="Name">The check's name, such as <c>read.resume:Contact</c>; stable, so a test can look for it.</param>
/// <param name="Outcome">Whether the connector kept the rule.</param>
/// <param name="Detail">What was seen: why it failed or was skipped, or what it covered.</param>
public sealed record CrmConformanceCheck(string Name, CrmConformanceOutcome Outcome, string Detail)
{
    /// <inheritdoc />
    public override string ToString() => $"{Outcome,-7} {Name}: {Detail}";
}
