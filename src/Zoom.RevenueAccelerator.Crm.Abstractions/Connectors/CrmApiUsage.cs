using System;

namespace Zoom.RevenueAccelerator.Crm;

/// <summary>How many API calls of its allocation (per day, for most CRMs) a connection has used.</summary>
/// <param name="Used">The calls used in the current period.</param>
/// <param name="Limit">The calls allowed in the period.</param>
public sealed record CrmApiUsage(long Used, long Limit)
{
    /// <summary>Gets when the CRM reported it.</summary>
    public DateTimeOffset ObservedAt { get; init; }

    /// <summary>Gets the share of the allocation used, from 0 (none) to 1 (all); 0 when the limit is unknown.</summary>
    public double Share => Limit <= 0 ? 0 : Math.Clamp((double)Used / Limit, 0, 1);
}
