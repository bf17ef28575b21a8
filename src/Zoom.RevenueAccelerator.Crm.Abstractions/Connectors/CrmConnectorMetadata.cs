using System;
using System.Collections.Generic;

namespace Zoom.RevenueAccelerator.Crm;

/// <summary>Describes a connector: which CRM, which API, what it can do.</summary>
public sealed record CrmConnectorMetadata
{
    /// <summary>Gets the CRM product.</summary>
    public required CrmSystem System { get; init; }

    /// <summary>Gets the API version the connector is pinned to, if any.</summary>
    public string? ApiVersion { get; init; }

    /// <summary>Gets the base address the connector calls, if fixed.</summary>
    public Uri? BaseAddress { get; init; }

    /// <summary>Gets what the connector can do.</summary>
    public CrmCapabilities Capabilities { get; init; }

    /// <summary>Gets the record kinds <see cref="ICrmConnector.ReadAsync"/> accepts.</summary>
    public IReadOnlyList<CrmRecordKind> SupportedKinds { get; init; } = [];
}
