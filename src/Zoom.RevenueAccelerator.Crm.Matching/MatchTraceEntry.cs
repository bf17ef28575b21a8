namespace Zoom.RevenueAccelerator.Crm.Matching;

/// <summary>One candidate the engine considered, and what a step did with it.</summary>
/// <param name="Candidate">The record.</param>
/// <param name="Step">The rule's step (<c>exactIdentifiers</c>, <c>accounts</c>, <c>opportunities</c>, <c>narrow</c>, <c>rank</c>, <c>fallback</c>, <c>leads</c>, <c>manual</c>).</param>
/// <param name="Kept">Whether the candidate survived the step.</param>
/// <param name="Why">Why, in a few words.</param>
public sealed record MatchTraceEntry(CrmRecordReference Candidate, string Step, bool Kept, string Why);
