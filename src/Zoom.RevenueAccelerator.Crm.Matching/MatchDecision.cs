using System.Collections.Generic;

namespace Zoom.RevenueAccelerator.Crm.Matching;

/// <summary>What the engine decided for one conversation, and why.</summary>
public sealed record MatchDecision
{
    /// <summary>Gets the conversation.</summary>
    public required string ConversationId { get; init; }

    /// <summary>Gets what it was matched to.</summary>
    public required MatchOutcome Outcome { get; init; }

    /// <summary>Gets how the chosen record was reached; <see langword="null"/> for suggestions, no external participants and a plain unmatched.</summary>
    public MatchCertainty? Certainty { get; init; }

    /// <summary>Gets the chosen opportunity.</summary>
    public string? OpportunityId { get; init; }

    /// <summary>Gets the chosen account (the opportunity's, or the account alone).</summary>
    public string? AccountId { get; init; }

    /// <summary>Gets the chosen lead.</summary>
    public string? LeadId { get; init; }

    /// <summary>Gets every contact matched by a participant, in participant order.</summary>
    public IReadOnlyList<string> ContactIds { get; init; } = [];

    /// <summary>Gets the leads offered for manual matching.</summary>
    public IReadOnlyList<string> SuggestedLeadIds { get; init; } = [];

    /// <summary>Gets the next best candidates, best first.</summary>
    public IReadOnlyList<CrmRecordReference> Alternates { get; init; } = [];

    /// <summary>Gets the rule that decided (for example <c>opportunity.contactRoles</c>, <c>account.domain</c>, <c>manual</c>).</summary>
    public required string DecidedBy { get; init; }

    /// <summary>Gets who set a manual match, and when.</summary>
    public ManualMatchInfo? Manual { get; init; }

    /// <summary>Gets the version of the CRM data the decision was made on.</summary>
    public required string SnapshotVersion { get; init; }

    /// <summary>Gets every candidate considered and what each step did with it, when asked for.</summary>
    public IReadOnlyList<MatchTraceEntry>? Trace { get; init; }

    /// <summary>Gets the chosen record (opportunity, else account, else lead), if any.</summary>
    public CrmRecordReference? Chosen =>
        OpportunityId is { } o ? new(CrmRecordKind.Opportunity, o)
        : AccountId is { } a ? new(CrmRecordKind.Account, a)
        : LeadId is { } l ? new(CrmRecordKind.Lead, l)
        : null;
}
