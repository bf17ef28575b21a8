using System;
using System.Collections.Generic;

namespace Zoom.RevenueAccelerator.Crm.Testing.Salesforce;

/// <summary>How a <see cref="SalesforceEmulator"/> behaves: who may sign in, what data it holds, its limits and its faults.</summary>
public sealed class SalesforceEmulatorOptions
{
    /// <summary>Gets or sets the TCP port on 127.0.0.1. Default 0: a free port chosen by the system.</summary>
    public int Port { get; set; }

    /// <summary>Gets or sets the consumer key (the JWT's <c>iss</c>) of the emulated connected app.</summary>
    public string ConsumerKey { get; set; } = "3MVG9emulator.consumer.key";

    /// <summary>Gets or sets the username of the pre-authorised integration user (the JWT's <c>sub</c>).</summary>
    public string Username { get; set; } = "integration@emulator.example";

    /// <summary>
    /// Gets or sets the PEM of the public key (or X.509 certificate) that verifies assertions.
    /// When <see langword="null"/>, the emulator makes an RSA key pair and exposes its private half
    /// as <see cref="SalesforceEmulator.PrivateKeyPem"/>.
    /// </summary>
    public string? PublicKeyPem { get; set; }

    /// <summary>Gets or sets the API versions served. Default v60.0 to v66.0.</summary>
    public IList<string> ApiVersions { get; init; } = ["60.0", "61.0", "62.0", "63.0", "64.0", "65.0", "66.0"];

    /// <summary>Gets or sets the number of generated records (10 to 1,000,000; 0 for an empty org). Default 0.</summary>
    public int SeedSize { get; set; }

    /// <summary>Gets or sets the seed of the deterministic data generator. Default 42.</summary>
    public int Seed { get; set; } = 42;

    /// <summary>Gets or sets the custom fields the org has, as <c>Object.Field__c</c> (for example <c>Task.Zoom_Conversation_Id__c</c>).</summary>
    public IList<string> CustomFields { get; init; } = [];

    /// <summary>Gets or sets the custom fields that are external ids (upsert keys), as <c>Object.Field__c</c>.</summary>
    public IList<string> ExternalIdFields { get; init; } = [];

    /// <summary>Gets or sets whether the org has team selling (the OpportunityTeamMember object). Default <see langword="true"/>.</summary>
    public bool OpportunityTeams { get; set; } = true;

    /// <summary>Gets or sets the daily API request allocation reported in <c>Sforce-Limit-Info</c>. Default 100,000.</summary>
    public long DailyApiLimit { get; set; } = 100_000;

    /// <summary>Gets or sets the default query batch size (200 to 2,000). Default 2,000, Salesforce's default and maximum.</summary>
    public int DefaultBatchSize { get; set; } = 2000;

    /// <summary>Gets or sets how long an idle query locator lives. Default 15 minutes.</summary>
    public TimeSpan LocatorIdleTimeout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Gets or sets how many query locators one session may hold open; the oldest is dropped beyond it. Default 10.</summary>
    public int MaxOpenLocators { get; set; } = 10;

    /// <summary>Gets or sets the clock of the emulated org (SystemModstamp, token and locator lifetimes). Default the system clock.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Gets or sets the faults injected into data API calls. Default none.</summary>
    public SalesforceFaultPlan? Faults { get; set; }
}

/// <summary>Which faults a <see cref="SalesforceFaultPlan"/> may inject.</summary>
[Flags]
public enum SalesforceFaultKinds
{
    /// <summary>No fault.</summary>
    None = 0,

    /// <summary>429 with <c>Retry-After</c>.</summary>
    TooManyRequests = 1 << 0,

    /// <summary>503 with <c>Retry-After</c>.</summary>
    ServiceUnavailable = 1 << 1,

    /// <summary>403 REQUEST_LIMIT_EXCEEDED (<c>TotalRequests Limit exceeded.</c>).</summary>
    RequestLimitExceeded = 1 << 2,

    /// <summary>The session expires before the call: 401 INVALID_SESSION_ID, and its query locators die with it.</summary>
    ExpiredSession = 1 << 3,

    /// <summary>The call is carried out, then its response body is cut short.</summary>
    TruncatedResponse = 1 << 4,

    /// <summary>The call is carried out, then the connection is dropped before the response.</summary>
    DroppedConnection = 1 << 5,

    /// <summary>The response trickles out in small flushed chunks.</summary>
    SlowResponse = 1 << 6,

    /// <summary>500 UNKNOWN_EXCEPTION.</summary>
    ServerError = 1 << 7,

    /// <summary>Every fault.</summary>
    All = TooManyRequests | ServiceUnavailable | RequestLimitExceeded | ExpiredSession | TruncatedResponse | DroppedConnection | SlowResponse | ServerError,
}

/// <summary>Faults injected into a share of the data API calls, chosen by a seeded random sequence so a run can be replayed.</summary>
public sealed record SalesforceFaultPlan
{
    /// <summary>Gets the share of calls that fail (0 to 1).</summary>
    public double FailureRate { get; init; } = 0.1;

    /// <summary>Gets the seed of the fault sequence.</summary>
    public int Seed { get; init; } = 7;

    /// <summary>Gets the faults to choose from.</summary>
    public SalesforceFaultKinds Kinds { get; init; } = SalesforceFaultKinds.All;

    /// <summary>Gets the <c>Retry-After</c> sent with 429 and 503. Default 0 seconds.</summary>
    public TimeSpan RetryAfter { get; init; }
}
