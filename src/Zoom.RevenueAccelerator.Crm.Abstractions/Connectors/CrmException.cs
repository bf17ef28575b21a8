using System;

namespace Zoom.RevenueAccelerator.Crm;

/// <summary>
/// The one exception connectors throw for a failure the CRM reports or causes. Its message says
/// what failed and what the CRM said, never a secret (tokens, keys, passwords).
/// </summary>
public class CrmException : Exception
{
    /// <summary>Creates an exception of kind <see cref="CrmErrorKind.ProviderError"/>.</summary>
    public CrmException()
        : this("The CRM reported an error.")
    {
    }

    /// <summary>Creates an exception of kind <see cref="CrmErrorKind.ProviderError"/>.</summary>
    /// <param name="message">What failed.</param>
    public CrmException(string message)
        : this(message, innerException: null)
    {
    }

    /// <summary>Creates an exception of kind <see cref="CrmErrorKind.ProviderError"/>.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The underlying failure.</param>
    public CrmException(string message, Exception? innerException)
        : this(CrmErrorKind.ProviderError, message, innerException)
    {
    }

    /// <summary>Creates an exception.</summary>
    /// <param name="kind">What kind of failure it is.</param>
    /// <param name="message">What failed and what the CRM said; never a secret.</param>
    /// <param name="innerException">The underlying failure.</param>
    public CrmException(CrmErrorKind kind, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
    }

    /// <summary>Gets what kind of failure it is.</summary>
    public CrmErrorKind Kind { get; }

    /// <summary>Gets the CRM that failed.</summary>
    public CrmSystem? System { get; init; }

    /// <summary>Gets the HTTP status code of the CRM's response, if there was one.</summary>
    public int? StatusCode { get; init; }

    /// <summary>Gets the CRM's own error code (<c>INVALID_SESSION_ID</c>, <c>0x80072322</c>, <c>RATE_LIMITS</c>).</summary>
    public string? ProviderErrorCode { get; init; }

    /// <summary>Gets how long the CRM asked the caller to wait (<see cref="CrmErrorKind.RateLimited"/>, some <see cref="CrmErrorKind.Transient"/>).</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>Gets the operation that failed (<c>connect</c>, <c>read</c>, <c>lookup</c>, <c>upsert-activity</c>).</summary>
    public string? Operation { get; init; }

    /// <summary>Gets a value indicating whether the same call may succeed later.</summary>
    public bool IsRetryable => Kind is CrmErrorKind.RateLimited or CrmErrorKind.Transient;
}
