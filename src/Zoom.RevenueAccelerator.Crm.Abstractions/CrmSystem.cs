using System;
using System.Diagnostics;

namespace Zoom.RevenueAccelerator.Crm;

/// <summary>
/// Names a CRM product. An extensible enumeration: the four built-in systems are static
/// properties, and a partner connector may create its own value.
/// </summary>
/// <remarks>Values compare case-insensitively; <see cref="Value"/> keeps the spelling it was created with.</remarks>
[DebuggerDisplay("{Value,nq}")]
public readonly struct CrmSystem : IEquatable<CrmSystem>
{
    private readonly string? _value;

    /// <summary>Creates a CRM system name.</summary>
    /// <param name="value">The name, for example <c>pipedrive</c>. It may not be empty or white space.</param>
    public CrmSystem(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        _value = value;
    }

    /// <summary>Salesforce Sales Cloud.</summary>
    public static CrmSystem Salesforce { get; } = new("salesforce");

    /// <summary>Microsoft Dynamics 365 Sales (Dataverse).</summary>
    public static CrmSystem Dynamics365 { get; } = new("dynamics365");

    /// <summary>HubSpot CRM.</summary>
    public static CrmSystem HubSpot { get; } = new("hubspot");

    /// <summary>monday CRM.</summary>
    public static CrmSystem Monday { get; } = new("monday");

    /// <summary>Gets the name; <c>unknown</c> for a default value.</summary>
    public string Value => _value ?? "unknown";

    /// <summary>Compares two values case-insensitively.</summary>
    public static bool operator ==(CrmSystem left, CrmSystem right) => left.Equals(right);

    /// <summary>Compares two values case-insensitively.</summary>
    public static bool operator !=(CrmSystem left, CrmSystem right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(CrmSystem other) => string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is CrmSystem other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    /// <inheritdoc />
    public override string ToString() => Value;
}
