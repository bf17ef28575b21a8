using System;

namespace Zoom.RevenueAccelerator.Crm.Testing;

/// <summary>A failure the fake throws instead of doing an operation.</summary>
public sealed record FakeCrmFault
{
    /// <summary>Gets the operation that fails. Default any.</summary>
    public FakeCrmOperation Operation { get; init; }

    /// <summary>Gets the kind of failure. Default <see cref="CrmErrorKind.Transient"/>.</summary>
    public CrmErrorKind Kind { get; init; } = CrmErrorKind.Transient;

    /// <summary>Gets the wait the fake asks for (with <see cref="CrmErrorKind.RateLimited"/>).</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>Gets how many matching operations succeed before this fault fires. Default 0 (the next one).</summary>
    public int Skip { get; init; }
}
