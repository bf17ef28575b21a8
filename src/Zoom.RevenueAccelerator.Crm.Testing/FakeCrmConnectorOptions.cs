using System;

namespace Zoom.RevenueAccelerator.Crm.Testing;

/// <summary>How a <see cref="FakeCrmConnector"/> behaves.</summary>
public sealed class FakeCrmConnectorOptions
{
    /// <summary>Gets or sets the CRM the fake says it is. Default <c>fake</c>.</summary>
    public CrmSystem System { get; set; } = new("fake");

    /// <summary>
    /// Gets or sets what the fake says it can do. Default: everything but
    /// <see cref="CrmCapabilities.NativeActivityUpsert"/> (like a CRM without an external-id field),
    /// so that a caller that loses an activity's id would create a second one.
    /// </summary>
    public CrmCapabilities Capabilities { get; set; } = (CrmCapabilities)((1 << 12) - 1) & ~CrmCapabilities.NativeActivityUpsert;

    /// <summary>Gets or sets the records per page. Default 100.</summary>
    public int PageSize { get; set; } = 100;

    /// <summary>
    /// Gets or sets the name of the secret a connection must carry, with the value
    /// <see cref="ExpectedSecretValue"/>. Default <c>apiToken</c>.
    /// </summary>
    public string SecretName { get; set; } = "apiToken";

    /// <summary>Gets or sets the value the secret must have; <see langword="null"/> accepts any value. Default <see langword="null"/>.</summary>
    public string? ExpectedSecretValue { get; set; }

    /// <summary>Gets or sets how long a session lasts; after that every call fails with <see cref="CrmErrorKind.Unauthorized"/> until refreshed. Default 2 hours.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(2);

    /// <summary>Gets or sets the instance URL the fake reports. Default <c>https://fake.crm.invalid/</c>.</summary>
    public Uri InstanceUrl { get; set; } = new("https://fake.crm.invalid/");

    /// <summary>
    /// Gets or sets a value indicating whether incremental reads track changes by modification
    /// timestamp with a <see cref="CrmChangeWatermark"/> (as Salesforce, Dataverse and HubSpot do),
    /// rather than by an exact change sequence. Default off. With it on, records sharing a
    /// timestamp and records written late with an earlier timestamp test a sync's cursors.
    /// </summary>
    public bool TimestampChangeTracking { get; set; }

    /// <summary>Gets or sets how far back a timestamp change read reads again (<see cref="CrmChangeWatermark.QueryFrom"/>). Default zero.</summary>
    public TimeSpan ChangeOverlap { get; set; }
}
