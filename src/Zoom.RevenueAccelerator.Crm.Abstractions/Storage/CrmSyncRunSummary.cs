using System;

namespace Zoom.RevenueAccelerator.Crm;

/// <summary>The outcome of one sync run.</summary>
public sealed record CrmSyncRunSummary
{
    /// <summary>Gets whether it was a full or an incremental run.</summary>
    public required CrmReadMode Mode { get; init; }

    /// <summary>Gets when it started.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>Gets when it ended.</summary>
    public required DateTimeOffset CompletedAt { get; init; }

    /// <summary>Gets the number of records added.</summary>
    public long Added { get; init; }

    /// <summary>Gets the number of records updated.</summary>
    public long Updated { get; init; }

    /// <summary>Gets the number of records deleted.</summary>
    public long Deleted { get; init; }

    /// <summary>Gets the number of pages read.</summary>
    public long Pages { get; init; }

    /// <summary>Gets what went wrong, or <see langword="null"/> when the run succeeded.</summary>
    public string? Error { get; init; }

    /// <summary>Gets a value indicating whether the run succeeded.</summary>
    public bool Succeeded => Error is null;

    /// <summary>Gets how long it took.</summary>
    public TimeSpan Duration => CompletedAt - StartedAt;
}
