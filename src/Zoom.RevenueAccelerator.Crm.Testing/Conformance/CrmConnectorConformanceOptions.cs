using System;
using System.Collections.Generic;

namespace Zoom.RevenueAccelerator.Crm.Testing;

/// <summary>How <see cref="CrmConnectorConformance.RunAsync"/> exercises a connector.</summary>
/// <remarks>
/// The checks assume nobody changes the CRM while they run (an emulator, or a sandbox org kept
/// quiet), and that it holds records of the kinds the connector supports.
/// </remarks>
public sealed class CrmConnectorConformanceOptions
{
    /// <summary>Gets the connection to run as: working credentials for the CRM under test.</summary>
    public required CrmConnectionContext Connection { get; init; }

    /// <summary>
    /// Gets credentials the CRM refuses (an unknown user, a wrong key), to check that a refused
    /// connect is <see cref="CrmErrorKind.Unauthorized"/> without leaking a secret, and that another
    /// connection's session is never used for them. <see langword="null"/> skips those checks.
    /// </summary>
    public CrmCredentials? RejectedCredentials { get; init; }

    /// <summary>
    /// Gets more secret values that must never appear in an exception (for example a private key
    /// the connector holds in its options). The secrets of <see cref="Connection"/> and
    /// <see cref="RejectedCredentials"/> are always checked.
    /// </summary>
    public IReadOnlyList<string> Secrets { get; init; } = [];

    /// <summary>Gets the page size hint for reads; small, so that paging and resuming are exercised. Default 50.</summary>
    public int PageSizeHint { get; init; } = 50;

    /// <summary>Gets how many pages of a kind are read at most; a larger CRM is checked on its first pages. Default 100.</summary>
    public int MaxPagesPerKind { get; init; } = 100;

    /// <summary>
    /// Gets a value indicating whether to write activities (two writes of one made-up conversation,
    /// to check idempotency). Off by default: it leaves an activity in the CRM.
    /// </summary>
    public bool WriteActivities { get; init; }

    /// <summary>Gets the clock the connector uses, to check token expiries against; the system clock by default.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
