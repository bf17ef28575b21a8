using System;
using System.Collections.Generic;

namespace Zoom.RevenueAccelerator.Crm;

/// <summary>The settings of one connection: how often it syncs, what it syncs, what it writes back.</summary>
public sealed record CrmConnectionSettings
{
    /// <summary>The default time between incremental syncs: 4 hours.</summary>
    public static readonly TimeSpan DefaultSyncInterval = TimeSpan.FromHours(4);

    /// <summary>Gets the time between incremental syncs. Default 4 hours; at least 5 minutes, at most 7 days.</summary>
    public TimeSpan SyncInterval { get; init; } = DefaultSyncInterval;

    /// <summary>Gets a value indicating whether users' team membership and the team hierarchy are synced. Default on.</summary>
    public bool SyncTeamData { get; init; } = true;

    /// <summary>Gets the ids of teams whose data is not synced even when <see cref="SyncTeamData"/> is on.</summary>
    public IReadOnlyList<string> TeamsExcludedFromSync { get; init; } = [];

    /// <summary>Gets a value indicating whether analysed, matched conversations are written back as activities. Default off.</summary>
    public bool CreateActivities { get; init; }

    /// <summary>Gets where mentioned competitors are written. Default none.</summary>
    public CompetitorPublishing CompetitorPublishing { get; init; }

    /// <summary>
    /// Gets the CRM field (API name) that holds the primary competitor. Required when
    /// <see cref="CompetitorPublishing"/> includes <see cref="CompetitorPublishing.PrimaryCompetitorField"/>.
    /// </summary>
    public string? PrimaryCompetitorField { get; init; }

    /// <summary>
    /// Gets the tenant's own e-mail domains (for example <c>seller.example</c>): participants at
    /// these domains, or their subdomains, are internal and never matched to CRM records.
    /// </summary>
    public IReadOnlyList<string> AssociatedDomains { get; init; } = [];
}
