// The native AOT check's program. Compiled ahead of time with every shipping library rooted, it
// then runs the SDK's main paths natively: the Salesforce connector (JWT signing, JSON, HTTP) on
// the emulator (Kestrel), the connector and store conformance suites, a first sync, a match, the
// replay files, and a disconnect that removes the tenant's data. Exit code 0 when all worked.
using Microsoft.Extensions.DependencyInjection;
using Zoom.RevenueAccelerator.Crm;
using Zoom.RevenueAccelerator.Crm.Matching;
using Zoom.RevenueAccelerator.Crm.Salesforce;
using Zoom.RevenueAccelerator.Crm.Testing;
using Zoom.RevenueAccelerator.Crm.Testing.Salesforce;

const string Tenant = "aot";
var failures = new List<string>();
void Expect(bool condition, string what)
{
    Console.WriteLine($"{(condition ? "ok  " : "FAIL")} {what}");
    if (!condition)
    {
        failures.Add(what);
    }
}

await using var emulator = await SalesforceEmulator.StartAsync(new SalesforceEmulatorOptions
{
    SeedSize = 600,
    ExternalIdFields = { "Task.Zoom_Conversation_Id__c" },
});

var services = new ServiceCollection();
services.AddCrmIntegration(crm =>
{
    crm.AddSalesforce(o =>
    {
        o.LoginUrl = emulator.BaseAddress;
        o.ConsumerKey = emulator.ConsumerKey;
        o.PrivateKeyPem = emulator.PrivateKeyPem;
        o.PageSize = 200;
        o.TaskExternalIdField = "Zoom_Conversation_Id__c";
    });
    crm.UseManualSyncScheduling();
    crm.UseConnectorTelemetry();
});
await using var provider = services.BuildServiceProvider();
var credentials = new CrmCredentials([new(SalesforceCredentialNames.Username, emulator.Username)]);

// The connector contract, natively.
var connector = provider.GetRequiredService<ICrmConnectorProvider>().GetConnector(SalesforceDefaults.ConnectorName);
var report = await CrmConnectorConformance.RunAsync(connector, new CrmConnectorConformanceOptions
{
    Connection = new CrmConnectionContext(Tenant, "conformance", credentials),
    RejectedCredentials = new CrmCredentials([new(SalesforceCredentialNames.Username, "nobody@unknown.example")]),
    Secrets = [emulator.PrivateKeyPem!],
    WriteActivities = true,
});
foreach (var failure in report.Failures)
{
    Console.WriteLine("     " + failure);
}

Expect(report.Passed, $"conformance: {report.Checks.Count} checks, {report.Failures.Count} failed");

var stores = await CrmStoreConformance.RunAsync(new CrmStoreConformanceOptions
{
    DataStore = provider.GetRequiredService<ICrmDataStore>(),
    CredentialStore = provider.GetRequiredService<ICrmCredentialStore>(),
    ConnectionStore = provider.GetRequiredService<ICrmConnectionStore>(),
});
Expect(stores.Passed, $"store conformance: {stores.Checks.Count} checks, {stores.Failures.Count} failed");

// Connect, sync, match and disconnect through the host-facing API.
var connections = provider.GetRequiredService<ICrmConnectionManager>();
var status = await connections.ConnectAsync(new CrmConnectRequest
{
    TenantId = Tenant,
    ConnectorName = SalesforceDefaults.ConnectorName,
    Credentials = credentials,
    Settings = new CrmConnectionSettings { AssociatedDomains = ["seller.example"] },
});
Expect(status.IsConnected && status.TokenExpiresAt is not null, "connected, with a token expiry");

var sync = await connections.SyncNowAsync(Tenant);
var counts = await provider.GetRequiredService<ICrmDataStore>().ForTenant(Tenant).CountAsync();
Expect(
    sync.Error is null && counts.Accounts == emulator.GetRecords("Account").Count && counts.Contacts == emulator.GetRecords("Contact").Count && counts.Opportunities == emulator.GetRecords("Opportunity").Count,
    $"first sync stored {counts.Total} records, every account, contact and opportunity of the org");

var contact = emulator.GetRecords("Contact").First(c => c["Email"] is string);
var decision = await provider.GetRequiredService<ICrmConversationService>().OnConversationAsync(Tenant, new Conversation
{
    Id = "aot-1",
    Kind = ConversationKind.Meeting,
    Start = DateTimeOffset.UtcNow.AddMinutes(-30),
    End = DateTimeOffset.UtcNow,
    Host = "rep@seller.example",
    Participants = [new() { Email = "rep@seller.example", Source = ParticipantSource.Host }, new() { Email = (string)contact["Email"]! }],
});
Expect(decision.Outcome != MatchOutcome.NoExternalParticipants, $"matched the conversation: {decision.Outcome} {decision.Chosen}");

var decisions = Path.Combine(Path.GetTempPath(), $"zra-aot-{Environment.ProcessId}.decisions.jsonl");
try
{
    await ReplayFiles.WriteDecisionsAsync(decisions, new[] { decision }.ToAsyncEnumerable());
    var back = await ReplayFiles.ReadDecisionsAsync(decisions).ToListAsync();
    Expect(back.Count == 1 && back[0].ConversationId == decision.ConversationId && back[0].Outcome == decision.Outcome, "replay files: a decision written and read back");
}
finally
{
    File.Delete(decisions);
}

var removed = await connections.DisconnectAsync(Tenant, removeAllCrmData: true);
Expect(removed.DataRemoved && removed.Removed.Total == counts.Total, $"disconnected, {removed.Removed.Total} records removed");

Console.WriteLine(failures.Count == 0 ? "The SDK works compiled ahead of time." : $"{failures.Count} AOT checks failed.");
return failures.Count == 0 ? 0 : 1;
