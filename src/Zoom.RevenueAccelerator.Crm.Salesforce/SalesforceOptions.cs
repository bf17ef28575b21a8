using System;
using System.Security.Cryptography.X509Certificates;

namespace Zoom.RevenueAccelerator.Crm.Salesforce;

/// <summary>
/// Settings of the Salesforce connector. Connection-specific values (login URL, username,
/// consumer key, private key) may instead come with each connection's <see cref="CrmCredentials"/>
/// under the names in <see cref="SalesforceCredentialNames"/>; a connection's value wins.
/// </summary>
public sealed class SalesforceOptions
{
    /// <summary>Gets or sets the login host: <c>https://login.salesforce.com</c> (default), <c>https://test.salesforce.com</c> for sandboxes, or the org's My Domain URL. Plain http is refused except on loopback.</summary>
    public Uri LoginUrl { get; set; } = new("https://login.salesforce.com");

    /// <summary>
    /// Gets or sets the JWT's audience. Default: <c>https://test.salesforce.com</c> for sandbox hosts,
    /// <c>https://login.salesforce.com</c> for other salesforce.com hosts, and the login URL's origin otherwise.
    /// </summary>
    public string? Audience { get; set; }

    /// <summary>Gets or sets the consumer key (client id) of the connected app or external client app: the JWT's <c>iss</c>.</summary>
    public string? ConsumerKey { get; set; }

    /// <summary>Gets or sets the integration user's Salesforce username (not its e-mail): the JWT's <c>sub</c>.</summary>
    public string? Username { get; set; }

    /// <summary>Gets or sets the PEM of the RSA private key whose certificate is uploaded to the app. Never logged.</summary>
    public string? PrivateKeyPem { get; set; }

    /// <summary>Gets or sets a certificate with its RSA private key (for example from the host's certificate store), instead of <see cref="PrivateKeyPem"/>.</summary>
    public X509Certificate2? Certificate { get; set; }

    /// <summary>Gets or sets the pinned REST API version, like <c>64.0</c>.</summary>
    public string ApiVersion { get; set; } = "64.0";

    /// <summary>Gets or sets the API name of an external-id field on Task (for example <c>Zoom_Conversation_Id__c</c>) for idempotent upserts. Without one, the connector finds an earlier write by <c>CallObject</c>.</summary>
    public string? TaskExternalIdField { get; set; }

    /// <summary>Gets or sets the API name of the opportunity's primary-competitor field, used when a connection's settings name none.</summary>
    public string? PrimaryCompetitorField { get; set; }

    /// <summary>Gets or sets the query batch size asked for (200 to 2,000). Default 2,000, the maximum: the fewest API calls.</summary>
    public int PageSize { get; set; } = 2000;

    /// <summary>Gets or sets the session timeout of the org, used to estimate the token's expiry (the token response has none). Default 2 hours.</summary>
    public TimeSpan SessionTimeout { get; set; } = TimeSpan.FromHours(2);

    /// <summary>Gets or sets how far before the cursor incremental reads start again, for clock skew and late commits. Default 5 minutes.</summary>
    public TimeSpan ChangeOverlap { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Gets or sets how long deletions stay readable (the recycle bin). A change cursor older than this reads everything again and reconciles. Default 15 days.</summary>
    public TimeSpan DeletedRecordsWindow { get; set; } = TimeSpan.FromDays(15);

    /// <summary>Gets or sets the wait reported when the org's API allocation is used up (403 REQUEST_LIMIT_EXCEEDED). Default 1 hour: the rolling 24-hour window frees capacity slowly.</summary>
    public TimeSpan RequestLimitBackoff { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Gets or sets the longest <c>Retry-After</c> the HTTP pipeline waits out by itself; longer waits go to the caller as <see cref="CrmErrorKind.RateLimited"/>. Default 10 seconds.</summary>
    public TimeSpan MaxInlineRetryAfter { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets or sets whether opportunity team members are read (when the org has team selling). Default <see langword="true"/>; an org without them is detected and skipped.</summary>
    public bool ReadOpportunityTeamMembers { get; set; } = true;
}

/// <summary>Names of the per-connection values a Salesforce connection's <see cref="CrmCredentials"/> may carry.</summary>
public static class SalesforceCredentialNames
{
    /// <summary>Parameter: the login URL.</summary>
    public const string LoginUrl = "loginUrl";

    /// <summary>Parameter: the JWT audience.</summary>
    public const string Audience = "audience";

    /// <summary>Parameter: the consumer key.</summary>
    public const string ConsumerKey = "consumerKey";

    /// <summary>Parameter: the integration user's username.</summary>
    public const string Username = "username";

    /// <summary>Secret: the PEM of the RSA private key.</summary>
    public const string PrivateKey = "privateKey";
}

/// <summary>Names the Salesforce package registers under.</summary>
public static class SalesforceDefaults
{
    /// <summary>The default connector name.</summary>
    public const string ConnectorName = "salesforce";

    /// <summary>
    /// The named <c>HttpClient</c> every Salesforce connector uses. Its standard resilience handler's
    /// options are named <c>{HttpClientName}-standard</c>.
    /// </summary>
    public const string HttpClientName = "Zoom.RevenueAccelerator.Crm.Salesforce";
}
