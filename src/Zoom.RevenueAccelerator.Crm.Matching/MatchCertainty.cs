namespace Zoom.RevenueAccelerator.Crm.Matching;

/// <summary>How the chosen record was reached.</summary>
public enum MatchCertainty
{
    /// <summary>Through a contact, a contact role, a converted lead or an exact lead identifier.</summary>
    Exact = 0,

    /// <summary>Only through the domain fallback (a participant's e-mail domain matching an account's).</summary>
    DomainInferred = 1,

    /// <summary>The best two candidates differed only by id.</summary>
    Ambiguous = 2,

    /// <summary>Set by a person.</summary>
    Manual = 3,
}
