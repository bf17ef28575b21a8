namespace Zoom.RevenueAccelerator.Crm.Matching;

/// <summary>The outcome of re-deciding a conversation.</summary>
/// <param name="Decision">The decision to keep (the previous one when nothing changed).</param>
/// <param name="Changed">Whether it differs from the previous decision.</param>
/// <param name="Reason">Why it was kept or changed, to record with the change.</param>
public sealed record RematchResult(MatchDecision Decision, bool Changed, string Reason);
