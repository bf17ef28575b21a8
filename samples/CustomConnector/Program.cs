// A custom connector: a partner implements ICrmConnector for a CRM the SDK has no package for,
// registers it with AddConnector, and a host uses it like any provider.
// Run: dotnet run --project samples/CustomConnector
using CustomConnector;
using Microsoft.Extensions.DependencyInjection;
using Zoom.RevenueAccelerator.Crm;
using Zoom.RevenueAccelerator.Crm.Testing;

var server = new PipedriftServer(TimeProvider.System);
server.Save(new CrmUser { Id = "u1", Name = "Rita Rep", Emails = ["rita@seller.example"] });
server.Save(new CrmAccount { Id = "a1", Name = "Globex", Website = "https://globex.example" });
server.Save(new CrmContact { Id = "c1", Name = "Hank Scorpio", AccountId = "a1", Emails = ["hank@globex.example"] });
server.Save(new CrmOpportunity { Id = "o1", Name = "Globex - Doomsday device", AccountId = "a1", OwnerId = "u1", CreatedAt = DateTimeOffset.UtcNow.AddDays(-10) });

var services = new ServiceCollection();
services.AddSingleton(server);
services.AddCrmIntegration(crm => crm.AddConnector<PipedriftConnector>("pipedrift"));
await using var provider = services.BuildServiceProvider();
var connections = provider.GetRequiredService<ICrmConnectionManager>();

var status = await connections.ConnectAsync(new CrmConnectRequest
{
    TenantId = "demo",
    ConnectorName = "pipedrift",
    Credentials = new CrmCredentials(secrets: [new("apiKey", server.ApiKey)]),
    Settings = new CrmConnectionSettings { AssociatedDomains = ["seller.example"], CreateActivities = true },
});
Console.WriteLine($"Connected to {status.System}: {status.IsConnected}; token expires: {status.TokenExpiresAt?.ToString("u") ?? "never (an API key)"}");
var first = await connections.SyncNowAsync("demo");
Console.WriteLine($"First sync: {first.Added} records added ({first.Mode})");

server.Save(new CrmContact { Id = "c2", Name = "Frank Grimes", AccountId = "a1", Emails = ["frank@globex.example"] });
server.Delete("c1");
var second = await connections.SyncNowAsync("demo");
Console.WriteLine($"Incremental sync: {second.Added} added, {second.Deleted} deleted ({second.Mode})");

var decision = await provider.GetRequiredService<ICrmConversationService>().OnConversationAsync("demo", new Conversation
{
    Id = "call-1",
    Kind = ConversationKind.Meeting,
    Start = DateTimeOffset.UtcNow.AddMinutes(-30),
    End = DateTimeOffset.UtcNow,
    Host = "rita@seller.example",
    Participants = [new() { Email = "rita@seller.example", Source = ParticipantSource.Host }, new() { Email = "frank@globex.example" }],
});
Console.WriteLine($"Matched: {decision.Outcome} {decision.Chosen} ({decision.Certainty}, by {decision.DecidedBy})");

var removed = await connections.DisconnectAsync("demo", removeAllCrmData: true);
Console.WriteLine($"Disconnected; removed {removed.Removed}");

// Before shipping a connector, run the conformance suite against it: cursors that resume exactly,
// incremental reads that lose nothing, lookups that escape their input, idempotent writes,
// sessions kept apart per connection, and no secret in any exception.
var conformance = await CrmConnectorConformance.RunAsync(new PipedriftConnector(server, TimeProvider.System), new CrmConnectorConformanceOptions
{
    Connection = new CrmConnectionContext("demo", "conformance", new CrmCredentials(secrets: [new("apiKey", server.ApiKey)])),
    RejectedCredentials = new CrmCredentials(secrets: [new("apiKey", "not-the-key")]),
    WriteActivities = true,
});
Console.WriteLine($"Conformance: {conformance.Checks.Count(c => c.Outcome == CrmConformanceOutcome.Passed)} passed, {conformance.Failures.Count} failed, {conformance.Checks.Count(c => c.Outcome == CrmConformanceOutcome.Skipped)} skipped");
foreach (var failure in conformance.Failures)
{
    Console.WriteLine("  " + failure);
}

return conformance.Passed ? 0 : 1;
