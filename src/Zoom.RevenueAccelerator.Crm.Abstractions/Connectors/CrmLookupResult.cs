using System.Collections.Generic;

namespace Zoom.RevenueAccelerator.Crm;

/// <summary>What a lookup found: contacts and leads, their accounts and those accounts' opportunities.</summary>
public sealed record CrmLookupResult
{
    /// <summary>Gets the records found, of any kind.</summary>
    public IReadOnlyList<CrmRecord> Records { get; init; } = [];

    /// <summary>Gets how many CRM API calls the lookup used.</summary>
    public int ApiCalls { get; init; }
}
