namespace Zoom.RevenueAccelerator.Crm.Cli;

/// <summary>What <c>zra-crm</c> exits with (docs/matching.md lists them too).</summary>
internal static class ExitCodes
{
    /// <summary>Done; for <c>diff</c>, no decision changed.</summary>
    public const int Success = 0;

    /// <summary><c>diff</c> found changed, added or removed decisions.</summary>
    public const int Differences = 1;

    /// <summary>The command line or an input file is wrong (the message says which, and where).</summary>
    public const int InvalidInput = 2;

    /// <summary>Something unexpected failed (details with <c>--verbose</c>).</summary>
    public const int Failure = 3;

    /// <summary>The CRM refused or failed: sign-in, permissions, limits (the line says what the CRM said).</summary>
    public const int CrmError = 4;

    /// <summary>Cancelled (Ctrl+C).</summary>
    public const int Cancelled = 130;
}
