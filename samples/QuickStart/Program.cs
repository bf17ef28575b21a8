// The quick start: everything the SDK does for a host application, against an in-memory CRM,
// with no credentials and no servers. Run: dotnet run --project samples/QuickStart
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Zoom.RevenueAccelerator.Crm;
using Zoom.RevenueAccelerator.Crm.Sync;
using Zoom.RevenueAccelerator.Crm.Testing;

var size = args.Length > 0 && int.TryParse(args[0], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 20_000;
var interactive = !Console.IsOutputRedirected;

// 1. A CRM to talk to: a deterministic demo org held in memory (a real host registers AddSalesforce(...) instead).
var crm = new FakeCrmConnector(new FakeCrmConnectorOptions { PageSize = 2_000, ExpectedSecretValue = "demo-token" });
crm.Upsert(FakeCrmDataGenerator.Generate(size, seed: 2026));

// 2. Register the SDK as a host application does.
var services = new ServiceCollection();
services.AddCrmIntegration(integration => integration.AddConnector("demo-crm", _ => crm));
await using var provider = services.BuildServiceProvider();
var connections = provider.GetRequiredService<ICrmConnectionManager>();
foreach (var background in provider.GetServices<IHostedService>())
{
    await background.StartAsync(CancellationToken.None); // a generic host does this for you
}

// 3. Connect a tenant; the first full sync starts at once.
Console.WriteLine($"Connecting tenant 'acme' to an in-memory CRM of {size:N0} records...");
var status = await connections.ConnectAsync(new CrmConnectRequest
{
    TenantId = "acme",
    ConnectorName = "demo-crm",
    Credentials = new CrmCredentials(secrets: [new("apiToken", "demo-token")]),
    Settings = new CrmConnectionSettings
    {
        AssociatedDomains = ["seller.example", "seller-alias.example"], // the tenant's own domains
        CreateActivities = true,
        CompetitorPublishing = CompetitorPublishing.ActivityRecord,
    },
});
Console.WriteLine($"  connected: {status.IsConnected}, CRM: {status.System}, instance: {status.InstanceUrl}");
Console.WriteLine($"  token expires: {status.TokenExpiresAt:u}{(status.TokenExpiryIsEstimate ? " (estimate)" : string.Empty)}");

// 4. Wait for the first sync with a progress bar.
var progress = new ConsoleProgress(interactive);
var first = await connections.SyncNowAsync("acme", progress);
progress.Done();
Report("First sync", first);

// 5. The CRM changes; the next (incremental) sync reads only the changes.
crm.Upsert(new CrmAccount { Id = "001DEMO-NEW", Name = "Newly Signed Ltd", Website = "https://newly-signed.example" });
crm.Delete(crm.GetRecords(CrmRecordKind.Lead)[0].Reference);
var second = await connections.SyncNowAsync("acme");
Report("Incremental sync", second);

var now = await connections.GetStatusAsync("acme");
Console.WriteLine($"Status: connected {now!.IsConnected}, last sync {now.LastSync!.CompletedAt:u} ({(now.LastSync.Succeeded ? "succeeded" : now.LastSync.Error)}), next sync {now.NextSyncAt:u}");
var stored = await provider.GetRequiredService<ICrmDataStore>().ForTenant("acme").CountAsync();
Console.WriteLine($"Stored for 'acme': {stored}");

// 6. A meeting happens: match it at once; once analysed, its activity is written back to the CRM.
var conversations = provider.GetRequiredService<ICrmConversationService>();
var rep = (CrmUser)crm.GetRecords(CrmRecordKind.User)[0];
var customer = crm.GetRecords(CrmRecordKind.Contact).Cast<CrmContact>().First(c => c.AccountId is not null && c.Emails.Count > 0);
var meeting = new Conversation
{
    Id = "meeting-1",
    Kind = ConversationKind.Meeting,
    Title = "Renewal review",
    Start = DateTimeOffset.UtcNow.AddHours(-1),
    End = DateTimeOffset.UtcNow.AddMinutes(-30),
    Host = rep.Emails[0],
    Participants = [new() { Email = rep.Emails[0], Source = ParticipantSource.Host }, new() { Email = customer.Emails[0] }, new() { Email = "someone@unknown-firm.example" }],
};
var decision = await conversations.OnConversationAsync("acme", meeting);
Console.WriteLine($"Meeting matched: {decision.Outcome} ({decision.Certainty}) {decision.Chosen?.ToString() ?? "-"} by rule '{decision.DecidedBy}'");
await conversations.OnConversationAnalyzedAsync("acme", meeting, new ConversationAnalysis { Summary = "Reviewed the renewal; pricing next week.", Competitors = ["Globex"] });
var written = await WaitForWriteBackAsync(conversations, "acme", meeting.Id);
Console.WriteLine($"Write-back: {written.Status}, activity {written.ActivityId} on {written.WrittenTo}; activities in the CRM for it: {crm.Activities.Count(a => a.Activity.ConversationId == meeting.Id)}");

// 7. Disconnect, irreversibly, removing the tenant's CRM data.
var removed = await connections.DisconnectAsync("acme", removeAllCrmData: true);
Console.WriteLine($"Disconnected: tokens revoked {removed.TokensRevoked}; removed {removed.Removed} and {removed.ConversationsRemoved} conversation(s)");
return 0;

static async Task<CrmWriteBackState> WaitForWriteBackAsync(ICrmConversationService conversations, string tenant, string conversationId)
{
    // The write-back runs on the background worker; a host would just read the state later.
    for (var i = 0; i < 200; i++)
    {
        if ((await conversations.GetAsync(tenant, conversationId))?.WriteBack is { Status: not CrmWriteBackStatus.Pending } done)
        {
            return done;
        }

        await Task.Delay(50);
    }

    throw new TimeoutException("The write-back did not finish in 10 s.");
}

static void Report(string what, CrmSyncRunSummary run) =>
    Console.WriteLine($"{what} ({run.Mode}): {run.Added:N0} added, {run.Updated:N0} updated, {run.Deleted:N0} deleted in {run.Pages:N0} pages, {run.Duration.TotalSeconds:F2} s{(run.Succeeded ? string.Empty : " - " + run.Error)}");

/// <summary>A one-line progress bar on a terminal; a line per record kind when redirected.</summary>
internal sealed class ConsoleProgress(bool interactive) : IProgress<CrmSyncProgress>
{
    private CrmRecordKind? _kind;
    private CrmSyncProgress? _last;

    public void Report(CrmSyncProgress value)
    {
        if (interactive)
        {
            var fraction = value.KindTotal is > 0 ? Math.Min(1.0, value.KindRecords / (double)value.KindTotal.Value) : 1.0;
            var bar = new string('#', (int)(fraction * 30)).PadRight(30, '.');
            Console.Write($"\r  [{bar}] {value.Kind,-12} {value.KindRecords,9:N0}/{value.KindTotal?.ToString("N0", CultureInfo.CurrentCulture) ?? "?",-9} total {value.TotalRecords,9:N0} ({value.RecordsPerSecond,9:N0}/s)   ");
        }
        else if (_kind != value.Kind && _last is not null)
        {
            Console.WriteLine($"  {_last.Kind}: {_last.KindRecords:N0} records");
        }

        _kind = value.Kind;
        _last = value;
    }

    public void Done()
    {
        if (interactive)
        {
            Console.WriteLine();
        }
        else if (_last is not null)
        {
            Console.WriteLine($"  {_last.Kind}: {_last.KindRecords:N0} records");
        }
    }
}
