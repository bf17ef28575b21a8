namespace Zoom.RevenueAccelerator.Crm.Matching;

/// <summary>What happens when the best two candidates differ only by id.</summary>
public enum AmbiguityPolicy
{
    /// <summary>The first by id is chosen and the certainty says <see cref="MatchCertainty.Ambiguous"/>. The default.</summary>
    PickBest = 0,

    /// <summary>Nothing is chosen: the outcome is <see cref="MatchOutcome.Unmatched"/> and the tied candidates are the alternates.</summary>
    RequireUnique = 1,
}
