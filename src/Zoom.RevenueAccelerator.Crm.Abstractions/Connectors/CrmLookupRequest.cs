using System.Collections.Generic;

namespace Zoom.RevenueAccelerator.Crm;

/// <summary>The identifiers of a conversation's participants to look up.</summary>
public sealed record CrmLookupRequest
{
    /// <summary>Gets e-mail addresses, normalised (trimmed, lower case).</summary>
    public IReadOnlyList<string> Emails { get; init; } = [];

    /// <summary>Gets phone numbers (digits, with a leading <c>+</c> where known).</summary>
    public IReadOnlyList<string> Phones { get; init; } = [];
}
