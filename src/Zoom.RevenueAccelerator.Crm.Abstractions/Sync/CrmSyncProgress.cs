using System;

namespace Zoom.RevenueAccelerator.Crm;

/// <summary>How far a sync run has come, reported after each page.</summary>
public sealed record CrmSyncProgress
{
    /// <summary>Gets whether the kind being read is read in full or incrementally.</summary>
    public required CrmReadMode Mode { get; init; }

    /// <summary>Gets the kind being read.</summary>
    public required CrmRecordKind Kind { get; init; }

    /// <summary>Gets the records of <see cref="Kind"/> read so far in this run.</summary>
    public long KindRecords { get; init; }

    /// <summary>Gets how many records of <see cref="Kind"/> the CRM says the read returns, when it says.</summary>
    public long? KindTotal { get; init; }

    /// <summary>Gets the records read so far in this run, kind by kind.</summary>
    public CrmRecordCounts Read { get; init; } = new();

    /// <summary>Gets the records of every kind read so far in this run.</summary>
    public long TotalRecords { get; init; }

    /// <summary>Gets the pages read so far in this run.</summary>
    public long Pages { get; init; }

    /// <summary>
    /// Gets when the run resumes, while it waits for a rate limit's Retry-After or a retry's
    /// back-off; <see langword="null"/> while it reads.
    /// </summary>
    public DateTimeOffset? WaitingUntil { get; init; }

    /// <summary>Gets the time since the run started.</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>Gets the records read per second so far.</summary>
    public double RecordsPerSecond => Elapsed > TimeSpan.Zero ? TotalRecords / Elapsed.TotalSeconds : 0;

    /// <summary>Gets an estimate of the time left for <see cref="Kind"/>, when the CRM says how much there is.</summary>
    public TimeSpan? KindRemaining =>
        KindTotal is { } total && RecordsPerSecond > 0 && total > KindRecords
            ? TimeSpan.FromSeconds((total - KindRecords) / RecordsPerSecond)
            : null;
}
