namespace Zoom.RevenueAccelerator.Crm.Testing;

/// <summary>The connector operations a fault can be injected into.</summary>
public enum FakeCrmOperation
{
    /// <summary>Any operation.</summary>
    Any = 0,

    /// <summary><see cref="ICrmConnector.ConnectAsync"/>.</summary>
    Connect = 1,

    /// <summary><see cref="ICrmConnector.RefreshAsync"/>.</summary>
    Refresh = 2,

    /// <summary><see cref="ICrmConnector.RevokeAsync"/>.</summary>
    Revoke = 3,

    /// <summary>Reading one page in <see cref="ICrmConnector.ReadAsync"/>.</summary>
    ReadPage = 4,

    /// <summary><see cref="ICrmConnector.LookupAsync"/>.</summary>
    Lookup = 5,

    /// <summary><see cref="ICrmConnector.UpsertActivityAsync"/>.</summary>
    UpsertActivity = 6,
}
