namespace Zoom.RevenueAccelerator.Crm;

/// <summary>What kind of failure a <see cref="CrmException"/> reports, and so what to do about it.</summary>
public enum CrmErrorKind
{
    /// <summary>The CRM failed in a way none of the other kinds describes. Do not retry blindly.</summary>
    ProviderError = 0,

    /// <summary>The session or credentials were rejected. Re-authorise once; if that fails, the connection needs the user.</summary>
    Unauthorized = 1,

    /// <summary>The integration user lacks a permission or scope. Retrying does not help.</summary>
    Forbidden = 2,

    /// <summary>A rate or quota limit was hit. Wait <see cref="CrmException.RetryAfter"/> (or back off) and retry.</summary>
    RateLimited = 3,

    /// <summary>A passing failure (5xx, a dropped connection, a truncated response). Retry with backoff.</summary>
    Transient = 4,

    /// <summary>The request was malformed or failed the CRM's validation. Retrying does not help.</summary>
    InvalidRequest = 5,

    /// <summary>The record or resource does not exist.</summary>
    NotFound = 6,

    /// <summary>The write conflicts with the CRM's state (a duplicate, several records for one external id).</summary>
    Conflict = 7,

    /// <summary>A sync cursor or delta token is no longer valid. Resume with a full read.</summary>
    CursorExpired = 8,
}
