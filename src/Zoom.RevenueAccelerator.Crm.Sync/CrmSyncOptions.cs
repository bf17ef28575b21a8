using System;
using Zoom.RevenueAccelerator.Crm.Matching;

namespace Zoom.RevenueAccelerator.Crm.Sync;

/// <summary>Settings of the sync engine, the in-process scheduler, conversation matching and write-back, shared by every connection.</summary>
public sealed class CrmSyncOptions
{
    /// <summary>Gets or sets how many connections may sync at once. Default 4; 1 to 64.</summary>
    public int MaxConcurrentSyncs { get; set; } = 4;

    /// <summary>
    /// Gets or sets the most a scheduled run is moved later at random, so that connections made
    /// together do not all sync at the same moment. Default 2 minutes; zero turns it off; at most 1 hour.
    /// </summary>
    public TimeSpan Jitter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Gets or sets how many times one kind's read is retried in a run after a rate limit or a
    /// transient failure, each time from its last applied page. Default 5; 0 to 20.
    /// </summary>
    public int MaxRetries { get; set; } = 5;

    /// <summary>
    /// Gets or sets the first wait after a transient failure that gave no Retry-After; it doubles
    /// with each retry. Default 2 seconds.
    /// </summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Gets or sets the longest a run waits for one Retry-After. A CRM asking for longer ends the
    /// run with a RateLimited error; the next scheduled run resumes it. Default 15 minutes.
    /// </summary>
    public TimeSpan MaxRetryWait { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Gets or sets the share of the CRM's API allocation (as <see cref="ICrmApiUsage"/> reports it)
    /// past which syncs pause until the next run, leaving the rest to the customer's other
    /// integrations. Default 0.5; 0.05 to 1 (1 never pauses).
    /// </summary>
    public double SyncApiBudgetShare { get; set; } = 0.5;

    /// <summary>
    /// Gets or sets the share of the CRM's API allocation past which a conversation's participants
    /// are matched on the synced data alone, without refreshing them first. Default 0.9; 0.05 to 1.
    /// </summary>
    public double LookupApiBudgetShare { get; set; } = 0.9;

    /// <summary>
    /// Gets or sets how often kinds whose deletions the CRM does not report are read in full to
    /// remove records that are gone. Default 7 days; at least 1 hour.
    /// </summary>
    public TimeSpan ReconciliationInterval { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// Gets or sets how often kinds whose deletions the CRM does report are still read in full, to
    /// remove records whose deletion the CRM no longer reports (a Salesforce recycle bin emptied
    /// before the next sync, a record hard-deleted). Default 30 days; at least 1 hour;
    /// <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> never.
    /// </summary>
    public TimeSpan FullReconciliationInterval { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Gets or sets the most identifiers (e-mail addresses and phone numbers) refreshed per conversation. Default 50; 0 turns refreshing off.</summary>
    public int MaxLookupIdentifiers { get; set; } = 50;

    /// <summary>Gets or sets the most lookup calls made per conversation. Default 2; at least 1.</summary>
    public int MaxLookupCalls { get; set; } = 2;

    /// <summary>
    /// Gets or sets the matching rules shared by every tenant. Each connection adds its own
    /// <see cref="CrmConnectionSettings.AssociatedDomains"/>.
    /// </summary>
    public MatchingOptions Matching { get; set; } = new();

    /// <summary>Gets or sets how many write-back attempts are made before a job is dead-lettered. Default 6; 1 to 50.</summary>
    public int WriteBackMaxAttempts { get; set; } = 6;

    /// <summary>Gets or sets the wait before the second write-back attempt; it doubles with each attempt, up to 1 hour. Default 30 seconds.</summary>
    public TimeSpan WriteBackRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Gets or sets how long after a conversation is analysed its activity is written, so that a
    /// late match or correction lands in the same write. Default zero (at once).
    /// </summary>
    public TimeSpan WriteBackDelay { get; set; } = TimeSpan.Zero;

    /// <summary>Gets or sets how many write-back jobs the in-memory queue holds before enqueuing waits. Default 10,000.</summary>
    public int WriteBackQueueCapacity { get; set; } = 10_000;
}
