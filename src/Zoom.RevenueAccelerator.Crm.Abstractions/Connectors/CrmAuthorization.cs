using System;

namespace Zoom.RevenueAccelerator.Crm;

/// <summary>The outcome of a successful connect or refresh.</summary>
public sealed record CrmAuthorization
{
    /// <summary>Gets the CRM instance the session talks to (Salesforce's instance_url, the Dataverse service root).</summary>
    public Uri? InstanceUrl { get; init; }

    /// <summary>Gets when the access token expires; <see langword="null"/> when it never does (an API token).</summary>
    public DateTimeOffset? TokenExpiresAt { get; init; }

    /// <summary>
    /// Gets a value indicating whether <see cref="TokenExpiresAt"/> is an estimate (Salesforce's
    /// JWT flow does not say when a session ends; its expiry comes from the configured session timeout).
    /// </summary>
    public bool TokenExpiryIsEstimate { get; init; }

    /// <summary>Gets the CRM's id of the organisation or account (Salesforce org id, HubSpot portal id).</summary>
    public string? OrganizationId { get; init; }

    /// <summary>Gets the CRM's id of the user the integration acts as.</summary>
    public string? UserId { get; init; }

    /// <summary>
    /// Gets credentials the CRM rotated (a new refresh token), or <see langword="null"/>. The
    /// integration stores them in place of the old ones.
    /// </summary>
    public CrmCredentials? UpdatedCredentials { get; init; }
}
