// The quick start: everything the SDK does for a host application, against a Salesforce emulator
// on 127.0.0.1, with no credentials and no servers. Run: dotnet run --project samples/QuickStart [records]
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using QuickStart;
using Zoom.RevenueAccelerator.Crm;
using Zoom.RevenueAccelerator.Crm.Matching;
using Zoom.RevenueAccelerator.Crm.Salesforce;
using Zoom.RevenueAccelerator.Crm.Sync;
using Zoom.RevenueAccelerator.Crm.Testing.Salesforce;

var size = args.Length > 0 && int.TryParse(args[0], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 20_000;
var interactive = !Console.IsOutputRedirected;
const string Tenant = "acme";

// The demo's clock. The SDK takes all its time from TimeProvider, so the demo can move it four
// hours forward to show the scheduled incremental sync. A real host uses the system clock.
var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());

// 1. A Salesforce org to talk to: the emulator, seeded with a deterministic demo org, plus the
//    demo story (DemoOrg.cs). A real host points LoginUrl at login.salesforce.com instead.
Section("Salesforce");
await using var emulator = await SalesforceEmulator.StartAsync(new SalesforceEmulatorOptions
{
    SeedSize = size,
    Seed = 2026,
    TimeProvider = clock,
    CustomFields = { "Opportunity.Primary_Competitor__c" },
    ExternalIdFields = { "Task.Zoom_Conversation_Id__c" },
});
var demo = DemoOrg.AddTo(emulator, clock.GetUtcNow());
Console.WriteLine($"Emulator at {emulator.BaseAddress}: a demo org of {emulator.RecordCount:N0} Salesforce records, contact roles and team members included (API v{emulator.ApiVersion}).");

// 2. Register the SDK as a host application does.
var services = new ServiceCollection();
services.AddSingleton<TimeProvider>(clock);
services.AddCrmIntegration(crm => crm.AddSalesforce(o =>
{
    o.LoginUrl = emulator.BaseAddress;            // https://login.salesforce.com for a real org
    o.ConsumerKey = emulator.ConsumerKey;         // the connected app's consumer key
    o.PrivateKeyPem = emulator.PrivateKeyPem;     // the key of the certificate uploaded to the app
    o.TaskExternalIdField = "Zoom_Conversation_Id__c";
}));
await using var provider = services.BuildServiceProvider();
foreach (var background in provider.GetServices<IHostedService>())
{
    await background.StartAsync(CancellationToken.None); // the scheduler and the write-back worker; a generic host does this for you
}

var connections = provider.GetRequiredService<ICrmConnectionManager>();
var conversations = provider.GetRequiredService<ICrmConversationService>();
var store = provider.GetRequiredService<ICrmDataStore>().ForTenant(Tenant);

// 3. Connect the tenant: JWT bearer sign-in; the first full sync starts at once.
Section("Connect");
var settings = new CrmConnectionSettings
{
    AssociatedDomains = ["seller.example", "seller-alias.example"], // the tenant's own domains
    CreateActivities = true,
    CompetitorPublishing = CompetitorPublishing.Both,
    PrimaryCompetitorField = "Primary_Competitor__c",
};
var status = await connections.ConnectAsync(new CrmConnectRequest
{
    TenantId = Tenant,
    ConnectorName = SalesforceDefaults.ConnectorName,
    Credentials = new CrmCredentials([new(SalesforceCredentialNames.Username, emulator.Username)]),
    Settings = settings,
});
Console.WriteLine($"Tenant '{Tenant}': connected {status.IsConnected}, {status.System} instance {status.InstanceUrl}");
Console.WriteLine($"Token expires {status.TokenExpiresAt:u}{(status.TokenExpiryIsEstimate ? " (an estimate: Salesforce does not say)" : string.Empty)}");

// 4. The first sync runs in the background; a host shows its progress from the connection status.
Section("First sync");
var watch = Stopwatch.StartNew();
var progress = new ConsoleProgress(interactive);
CrmSyncRunSummary first;
while (true)
{
    var current = (await connections.GetStatusAsync(Tenant))!;
    if (current.LastSync is { } done)
    {
        first = done;
        break;
    }

    if (current.SyncInProgress is { } running)
    {
        progress.Report(running);
    }

    await Task.Delay(50);
}

progress.Done();
Report(first, watch.Elapsed);
Console.WriteLine($"Stored: {await store.CountAsync()}");

// 5. Conversations happen: each is matched at once. One is then matched by hand to a lead.
Section("Conversations");
var demoConversations = demo.Conversations(clock.GetUtcNow());
var decisions = new List<(Conversation Conversation, string Shows, MatchDecision Decision)>();
foreach (var (conversation, shows) in demoConversations)
{
    var decision = await conversations.OnConversationAsync(Tenant, conversation);
    if (conversation.Id == "conv-startup")
    {
        decision = await conversations.MatchManuallyAsync(Tenant, conversation.Id, new CrmRecordReference(CrmRecordKind.Lead, demo.Jordan), matchedBy: "rep@seller.example");
    }

    decisions.Add((conversation, shows, decision));
}

var table = new List<string[]> { Headers.Decisions };
foreach (var (conversation, shows, decision) in decisions)
{
    var chosen = decision.Chosen is { } reference ? await NameAsync(reference) : decision.SuggestedLeadIds.Count > 0 ? "leads: " + string.Join(", ", await Task.WhenAll(decision.SuggestedLeadIds.Select(id => NameAsync(new(CrmRecordKind.Lead, id))))) : "-";
    table.Add([conversation.Title!, shows, decision.Outcome.ToString(), decision.Certainty?.ToString() ?? "-", chosen, decision.DecidedBy]);
}

PrintTable(table);

// The trace of one decision, in full: every candidate considered and why it was kept or dropped.
var traced = decisions.Single(d => d.Conversation.Id == "conv-tailspin");
var snapshot = CrmSnapshot.FromRecords("quickstart", await AllRecordsAsync(), provider: "salesforce");
var explained = ConversationMatcher.Create(snapshot, new MatchingOptions { AssociatedDomains = settings.AssociatedDomains }).Match(traced.Conversation, includeTrace: true);
Console.WriteLine();
Console.WriteLine($"Trace of '{traced.Conversation.Title}' ({explained.Outcome}, {explained.Certainty}, by {explained.DecidedBy}):");
foreach (var entry in explained.Trace!)
{
    Console.WriteLine($"  {(entry.Kept ? "kept   " : "dropped")} {entry.Candidate,-32} {entry.Step,-14} {entry.Why}");
}

// 6. The conversations are analysed: their activities go to Salesforce, once each.
Section("Write-back");
var analysis = new ConversationAnalysis { Summary = "Discussed pricing and the rollout plan.", Competitors = ["Globex", "Initech"] };
foreach (var (conversation, _, _) in decisions)
{
    await conversations.OnConversationAnalyzedAsync(Tenant, conversation, analysis);
}

await WaitForWriteBacksAsync(decisions.Select(d => d.Conversation.Id));
// A second analysis of one conversation updates its Task instead of adding one.
await conversations.OnConversationAnalyzedAsync(Tenant, decisions[0].Conversation, analysis with { Summary = "Discussed pricing, the rollout plan and the timeline." });
await WaitForWriteBacksAsync([decisions[0].Conversation.Id]);

var tasks = emulator.GetRecords("Task");
var taskTable = new List<string[]> { Headers.Tasks };
foreach (var task in tasks)
{
    var sameConversation = tasks.Count(t => Equals(t["Zoom_Conversation_Id__c"], task["Zoom_Conversation_Id__c"]));
    taskTable.Add([(string)task["Id"]!, (string)task["Subject"]!, await NameOfIdAsync(task["WhoId"] as string), await NameOfIdAsync(task["WhatId"] as string), sameConversation.ToString(CultureInfo.InvariantCulture)]);
}

PrintTable(taskTable);
var northwind = emulator.GetRecords("Opportunity").Single(o => (string)o["Id"]! == demo.NorthwindExpansion);
Console.WriteLine($"{tasks.Count} Tasks for {decisions.Count} conversations (no Task where nothing was matched); primary competitor on '{northwind["Name"]}': {northwind["Primary_Competitor__c"]}");
foreach (var (conversation, _, decision) in decisions.Where(d => d.Decision.Chosen is null))
{
    var state = await conversations.GetAsync(Tenant, conversation.Id);
    Console.WriteLine($"  '{conversation.Title}': {state?.WriteBack?.Status.ToString() ?? "no write-back"} ({decision.Outcome})");
}

// 7. Later that day: someone edits Salesforce, and the next scheduled (4-hourly) incremental sync picks it up.
Section("Four hours later");
clock.Advance(TimeSpan.FromHours(1));
emulator.Update(demo.ContosoPilot, new Dictionary<string, object?> { ["StageName"] = "Closed Won" });
var newContact = emulator.Insert("Contact", new Dictionary<string, object?> { ["FirstName"] = "Riley", ["LastName"] = "Park", ["Email"] = "riley@northwind-demo.example", ["AccountId"] = (string)emulator.GetRecords("Contact").First(c => (string)c["Id"]! == demo.Dana)["AccountId"]! });
Console.WriteLine($"{clock.GetUtcNow():u}, in Salesforce: 'Contoso - Pilot' is now Closed Won; a new contact, Riley Park, joined Northwind.");
var before = (await connections.GetStatusAsync(Tenant))!.LastSync!.CompletedAt;
watch.Restart();
var scheduled = await WaitForScheduledSyncAsync(before);
Console.WriteLine($"{clock.GetUtcNow():u}, the scheduled sync ran:");
Report(scheduled, watch.Elapsed);
var pilot = (CrmOpportunity)(await store.GetAsync(new CrmRecordReference(CrmRecordKind.Opportunity, demo.ContosoPilot)))!;
Console.WriteLine($"Stored now: 'Contoso - Pilot' {pilot.Stage}; Riley Park {((await store.GetAsync(new CrmRecordReference(CrmRecordKind.Contact, newContact))) is null ? "missing" : "present")}. Next sync {(await connections.GetStatusAsync(Tenant))!.NextSyncAt:u}.");

// 8. Disconnect, irreversibly, removing the tenant's CRM data.
Section("Disconnect");
var removed = await connections.DisconnectAsync(Tenant, removeAllCrmData: true);
Console.WriteLine($"Disconnected: session revoked {removed.TokensRevoked}; removed {removed.Removed} and {removed.ConversationsRemoved} conversations.");
Console.WriteLine($"Stored for '{Tenant}' now: {await store.CountAsync()}");
return 0;

async Task<string> NameAsync(CrmRecordReference reference) => await store.GetAsync(reference) switch
{
    CrmOpportunity o => $"opportunity '{o.Name}'",
    CrmAccount a => $"account '{a.Name}'",
    CrmLead l => $"lead '{l.Name}'",
    CrmContact c => $"contact '{c.Name}'",
    _ => reference.ToString(),
};

async Task<string> NameOfIdAsync(string? id)
{
    if (id is null)
    {
        return "-";
    }

    foreach (var kind in new[] { CrmRecordKind.Contact, CrmRecordKind.Lead, CrmRecordKind.Opportunity, CrmRecordKind.Account })
    {
        if (await store.GetAsync(new CrmRecordReference(kind, id)) is not null)
        {
            return await NameAsync(new CrmRecordReference(kind, id));
        }
    }

    return id;
}

async Task<List<CrmRecord>> AllRecordsAsync()
{
    var all = new List<CrmRecord>();
    foreach (var kind in Enum.GetValues<CrmRecordKind>())
    {
        await foreach (var record in store.ReadAllAsync(kind))
        {
            all.Add(record);
        }
    }

    return all;
}

async Task WaitForWriteBacksAsync(IEnumerable<string> ids)
{
    // The write-back runs on the background worker; a host just reads the state when it needs it.
    foreach (var id in ids)
    {
        for (var i = 0; ; i++)
        {
            var state = await conversations.GetAsync(Tenant, id);
            if (state?.WriteBack is null or { Status: not CrmWriteBackStatus.Pending })
            {
                break;
            }

            if (i == 500)
            {
                throw new TimeoutException($"The write-back of {id} did not finish.");
            }

            await Task.Delay(20);
        }
    }
}

async Task<CrmSyncRunSummary> WaitForScheduledSyncAsync(DateTimeOffset previous)
{
    // Move the demo clock forward to the next sync (4 hours after the first, plus up to 2 minutes of
    // jitter); the scheduler's timer fires the incremental sync.
    var next = (await connections.GetStatusAsync(Tenant))!.NextSyncAt!.Value;
    clock.Advance(next - clock.GetUtcNow());
    for (var i = 0; i < 1500; i++)
    {
        if ((await connections.GetStatusAsync(Tenant))?.LastSync is { } last && last.CompletedAt > previous)
        {
            return last;
        }

        await Task.Delay(20);
    }

    throw new TimeoutException("The scheduled sync did not run.");
}

static void Section(string title)
{
    Console.WriteLine();
    Console.WriteLine($"== {title}");
}

static void Report(CrmSyncRunSummary run, TimeSpan took) =>
    Console.WriteLine($"{run.Mode} sync: {run.Added:N0} added, {run.Updated:N0} updated, {run.Deleted:N0} deleted, {run.Pages:N0} pages, in {took.TotalSeconds:F2} s{(run.Succeeded ? string.Empty : " - " + run.Error)}");

static void PrintTable(List<string[]> rows)
{
    var widths = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
    for (var r = 0; r < rows.Count; r++)
    {
        Console.WriteLine(string.Join("  ", rows[r].Select((cell, c) => cell.PadRight(widths[c]))).TrimEnd());
        if (r == 0)
        {
            Console.WriteLine(string.Join("  ", widths.Select(w => new string('-', w))));
        }
    }
}

/// <summary>A one-line progress bar on a terminal; a line per record kind when the output is redirected.</summary>
internal sealed class ConsoleProgress(bool interactive) : IProgress<CrmSyncProgress>
{
    private readonly Stopwatch _watch = Stopwatch.StartNew();
    private CrmRecordKind? _kind;

    public void Report(CrmSyncProgress value)
    {
        if (interactive)
        {
            var fraction = value.KindTotal is > 0 ? Math.Min(1.0, value.KindRecords / (double)value.KindTotal.Value) : 1.0;
            var bar = new string('#', (int)(fraction * 30)).PadRight(30, '.');
            var rate = value.TotalRecords / Math.Max(0.001, _watch.Elapsed.TotalSeconds);
            Console.Write($"\r  [{bar}] {value.Kind,-12} {value.KindRecords,9:N0}/{value.KindTotal?.ToString("N0", CultureInfo.CurrentCulture) ?? "?",-9} total {value.TotalRecords,9:N0} ({rate,9:N0}/s)   ");
        }
        else if (_kind != value.Kind)
        {
            Console.WriteLine($"  reading {value.Kind} records ({value.TotalRecords:N0} read so far)");
        }

        _kind = value.Kind;
    }

    public void Done()
    {
        if (interactive)
        {
            Console.WriteLine();
        }
    }
}

internal static class Headers
{
    public static readonly string[] Decisions = ["Conversation", "Shows", "Outcome", "Certainty", "Matched to", "Decided by"];

    public static readonly string[] Tasks = ["Task", "Subject", "Who", "What", "Tasks for this conversation"];
}
