using System.Net.Http.Headers;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Zoom.RevenueAccelerator.Crm.Salesforce;
using Zoom.RevenueAccelerator.Crm.Sync;
using Zoom.RevenueAccelerator.Crm.Testing.Salesforce;

namespace Zoom.RevenueAccelerator.Crm.Salesforce.Benchmarks;

/// <summary>
/// A first sync of a 100k-record org from the emulator over loopback HTTP (sign-in, six queries with
/// queryMore at 2,000 rows, mapping, the in-memory store and the matching index), beside the floor:
/// fetching and parsing the same pages and nothing else. Records per second = 100,000 / mean.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5, invocationCount: 1)]
public class FullSyncBenchmarks
{
    private static readonly string[] s_queries =
    [
        "SELECT Id, Name, Website, OwnerId, Type, SystemModstamp FROM Account ORDER BY Id",
        "SELECT Id, AccountId, Name, Email, Phone, MobilePhone, OwnerId, SystemModstamp FROM Contact ORDER BY Id",
        "SELECT Id, Name, Company, Email, Phone, MobilePhone, Status, IsConverted, ConvertedAccountId, ConvertedContactId, ConvertedOpportunityId, OwnerId, SystemModstamp FROM Lead ORDER BY Id",
        "SELECT Id, Name, AccountId, OwnerId, StageName, IsClosed, IsWon, Amount, CreatedDate, CloseDate, SystemModstamp, (SELECT ContactId FROM OpportunityContactRoles), (SELECT UserId FROM OpportunityTeamMembers) FROM Opportunity ORDER BY Id",
        "SELECT Id, Name, Email, IsActive, UserRoleId, SystemModstamp FROM User WHERE UserType = 'Standard' ORDER BY Id",
        "SELECT Id, Name, ParentRoleId, SystemModstamp FROM UserRole ORDER BY Id",
    ];

    private SalesforceEmulator _emulator = null!;
    private ServiceProvider _services = null!;
    private HttpClient _raw = null!;
    private int _tenant;
    private string _current = string.Empty;

    [Params(100_000)]
    public int Records { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _emulator = await SalesforceEmulator.StartAsync(new SalesforceEmulatorOptions { SeedSize = Records, DailyApiLimit = long.MaxValue / 2 });
        var services = new ServiceCollection();
        services.AddCrmIntegration(crm => crm.AddSalesforce(o =>
        {
            o.LoginUrl = _emulator.BaseAddress;
            o.ConsumerKey = _emulator.ConsumerKey;
            o.PrivateKeyPem = _emulator.PrivateKeyPem;
        }));
        _services = services.BuildServiceProvider();

        // The floor's session: one sign-in through the SDK, its token reused for plain GETs.
        var connector = _services.GetRequiredService<ICrmConnectorProvider>().GetConnector(SalesforceDefaults.ConnectorName);
        await connector.ConnectAsync(Context("floor"));
        _raw = _services.GetRequiredService<IHttpClientFactory>().CreateClient("floor");
        _raw.BaseAddress = _emulator.BaseAddress;
        _raw.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await SignInAsync());
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _services.DisposeAsync();
        await _emulator.DisposeAsync();
    }

    /// <summary>The floor: GET every page of the same queries and parse the JSON; no mapping, no store, no index.</summary>
    [Benchmark(Baseline = true)]
    public async Task<long> ReadAndParseOnly()
    {
        long rows = 0;
        foreach (var soql in s_queries)
        {
            var next = $"/services/data/v64.0/query?q={Uri.EscapeDataString(soql)}";
            while (next is not null)
            {
                using var response = await _raw.GetAsync(next);
                response.EnsureSuccessStatusCode();
                await using var stream = await response.Content.ReadAsStreamAsync();
                using var document = await JsonDocument.ParseAsync(stream);
                rows += document.RootElement.GetProperty("records").GetArrayLength();
                next = document.RootElement.GetProperty("done").GetBoolean() ? null : document.RootElement.GetProperty("nextRecordsUrl").GetString();
            }
        }

        return rows;
    }

    /// <summary>Connects a new tenant before each measured sync (sign-in is not part of the sync).</summary>
    [IterationSetup(Target = nameof(FirstSyncThroughTheSdk))]
    public void ConnectNewTenant()
    {
        _current = "bench-" + Interlocked.Increment(ref _tenant);
        _services.GetRequiredService<ICrmConnectionManager>().ConnectAsync(new CrmConnectRequest
        {
            TenantId = _current,
            ConnectorName = SalesforceDefaults.ConnectorName,
            Credentials = new CrmCredentials([new(SalesforceCredentialNames.Username, _emulator.Username)]),
        }).GetAwaiter().GetResult();
    }

    /// <summary>Removes the tenant and its data after each measured sync.</summary>
    [IterationCleanup(Target = nameof(FirstSyncThroughTheSdk))]
    public void DisconnectTenant() =>
        _services.GetRequiredService<ICrmConnectionManager>().DisconnectAsync(_current, removeAllCrmData: true).GetAwaiter().GetResult();

    /// <summary>The SDK's first sync of a new tenant: queries, mapping, the store and the matching index.</summary>
    [Benchmark]
    public async Task<long> FirstSyncThroughTheSdk()
    {
        var run = await _services.GetRequiredService<ICrmSyncEngine>().RunAsync(_current);
        return run.Error is null ? run.Added : throw new InvalidOperationException(run.Error);
    }

    private CrmConnectionContext Context(string id) => new(id, id, new CrmCredentials([new(SalesforceCredentialNames.Username, _emulator.Username)]));

    private async Task<string> SignInAsync()
    {
        // The same JWT bearer exchange the connector makes, done once for the floor's client.
        var handler = new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
        using var rsa = System.Security.Cryptography.RSA.Create();
        rsa.ImportFromPem(_emulator.PrivateKeyPem);
        var assertion = handler.CreateToken(new Microsoft.IdentityModel.Tokens.SecurityTokenDescriptor
        {
            Issuer = _emulator.ConsumerKey,
            Audience = _emulator.BaseAddress.GetLeftPart(UriPartial.Authority),
            Claims = new Dictionary<string, object> { ["sub"] = _emulator.Username },
            Expires = TimeProvider.System.GetUtcNow().AddMinutes(3).UtcDateTime,
            SigningCredentials = new Microsoft.IdentityModel.Tokens.SigningCredentials(new Microsoft.IdentityModel.Tokens.RsaSecurityKey(rsa), "RS256") { CryptoProviderFactory = new Microsoft.IdentityModel.Tokens.CryptoProviderFactory { CacheSignatureProviders = false } },
        });
        using var response = await _raw.PostAsync("/services/oauth2/token", new FormUrlEncodedContent([new("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer"), new("assertion", assertion)]));
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.GetProperty("access_token").GetString()!;
    }
}
