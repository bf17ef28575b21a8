using Zoom.RevenueAccelerator.Crm.Testing.Salesforce;

namespace Zoom.RevenueAccelerator.Crm.Salesforce.Tests;

public sealed class SyncTests
{
    private static readonly string[] s_objects = ["Account", "Contact", "Lead", "Opportunity", "User", "UserRole"];

    [Fact]
    public async Task A_first_sync_mirrors_the_org_with_one_call_per_page_at_the_largest_page_size()
    {
        await using var host = await SalesforceHost.StartAsync(seedSize: 9000);
        await host.ConnectAsync();
        var totals = new List<(CrmRecordKind Kind, long? Total)>();

        var run = await host.Engine.RunAsync(SalesforceHost.Tenant, new SynchronousProgress<CrmSyncProgress>(p => totals.Add((p.Kind, p.KindTotal))));

        Assert.Null(run.Error);
        await Expected.AssertStoreMirrorsAsync(host);
        var contacts = host.Emulator.GetRecords("Contact").Count;
        Assert.All(totals.Where(t => t.Kind == CrmRecordKind.Contact), t => Assert.Equal(contacts, t.Total)); // the progress bar's total, on every page
        var pages = s_objects.Sum(o => Math.Max(1, (host.Emulator.GetRecords(o).Count + 1999) / 2000));
        Assert.Equal(6, host.Emulator.CallCount("query"));
        Assert.Equal(pages - 6, host.Emulator.CallCount("queryMore"));
        Assert.Equal(0, host.Emulator.CallCount("queryAll"));
    }

    [Fact]
    public async Task An_incremental_sync_reads_changes_deletions_and_contact_role_changes_since_the_last_one()
    {
        await using var host = await SalesforceHost.StartAsync(seedSize: 2000);
        await host.ConnectAsync();
        await host.Engine.RunAsync(SalesforceHost.Tenant);
        host.Time.Advance(TimeSpan.FromHours(4));

        var contact = host.Emulator.GetRecords("Contact")[5];
        var account = host.Emulator.GetRecords("Account")[3];
        var opportunity = host.Emulator.GetRecords("Opportunity").First(o => (bool)o["IsClosed"]! == false);
        host.Emulator.Update((string)contact["Id"]!, new Dictionary<string, object?> { ["Email"] = "moved@new-employer.example" });
        host.Emulator.Delete((string)account["Id"]!);
        host.Emulator.Insert("OpportunityContactRole", new Dictionary<string, object?> { ["OpportunityId"] = opportunity["Id"], ["ContactId"] = contact["Id"], ["Role"] = "Champion" });
        var newLead = host.Emulator.Insert("Lead", new Dictionary<string, object?> { ["LastName"] = "O'Brien", ["Company"] = "Quotes & Co", ["Email"] = "o'brien@quotes.example", ["Status"] = "Open" });
        var queriesBefore = host.Emulator.CallCount("query") + host.Emulator.CallCount("queryMore");

        var run = await host.Engine.RunAsync(SalesforceHost.Tenant);

        Assert.Null(run.Error);
        Assert.Equal(CrmReadMode.Incremental, run.Mode);
        await Expected.AssertStoreMirrorsAsync(host);
        Assert.Null(await host.Store.GetAsync(new CrmRecordReference(CrmRecordKind.Account, (string)account["Id"]!)));
        Assert.NotNull(await host.Store.GetAsync(new CrmRecordReference(CrmRecordKind.Lead, newLead)));
        var stored = (CrmOpportunity)(await host.Store.GetAsync(new CrmRecordReference(CrmRecordKind.Opportunity, (string)opportunity["Id"]!)))!;
        Assert.Contains((string)contact["Id"]!, stored.ContactRoleContactIds);

        // Changes of all six kinds in one queryAll each, plus the contact-role and team-member checks and one fetch of the touched opportunity.
        Assert.Equal(6 + 2, host.Emulator.CallCount("queryAll"));
        Assert.Equal(1, host.Emulator.CallCount("query") + host.Emulator.CallCount("queryMore") - queriesBefore);
    }

    [Fact]
    public async Task Records_sharing_the_cursor_timestamp_are_neither_lost_nor_counted_twice()
    {
        await using var host = await SalesforceHost.StartAsync(seedSize: 200);
        await host.ConnectAsync();
        await host.Engine.RunAsync(SalesforceHost.Tenant);

        // Three changes stamped with the same millisecond, then one more at that same instant after the next sync read.
        host.Time.Advance(TimeSpan.FromHours(4));
        foreach (var contact in host.Emulator.GetRecords("Contact").Take(3))
        {
            host.Emulator.Update((string)contact["Id"]!, new Dictionary<string, object?> { ["Title"] = "changed" });
        }

        var first = await host.Engine.RunAsync(SalesforceHost.Tenant);
        var late = host.Emulator.GetRecords("Contact")[10];
        host.Emulator.Update((string)late["Id"]!, new Dictionary<string, object?> { ["Email"] = "late@same-instant.example" });
        var second = await host.Engine.RunAsync(SalesforceHost.Tenant);

        Assert.Equal(0, first.Added);
        Assert.Equal(1, second.Updated);
        await Expected.AssertStoreMirrorsAsync(host);
    }

    [Fact]
    public async Task A_change_cursor_older_than_the_recycle_bin_reads_in_full_and_removes_records_purged_meanwhile()
    {
        await using var host = await SalesforceHost.StartAsync(seedSize: 500);
        await host.ConnectAsync();
        await host.Engine.RunAsync(SalesforceHost.Tenant);
        var purged = (string)host.Emulator.GetRecords("Contact")[0]["Id"]!;
        host.Emulator.Delete(purged, purge: true);
        host.Time.Advance(TimeSpan.FromDays(20));

        var run = await host.Engine.RunAsync(SalesforceHost.Tenant);

        Assert.Null(run.Error);
        Assert.Null(await host.Store.GetAsync(new CrmRecordReference(CrmRecordKind.Contact, purged)));
        await Expected.AssertStoreMirrorsAsync(host);
    }

    [Fact]
    public async Task A_deletion_Salesforce_forgot_is_removed_by_the_monthly_reconciliation()
    {
        await using var host = await SalesforceHost.StartAsync(seedSize: 500);
        await host.ConnectAsync();
        await host.Engine.RunAsync(SalesforceHost.Tenant);
        var purged = (string)host.Emulator.GetRecords("Contact")[0]["Id"]!;
        host.Emulator.Delete(purged, purge: true); // the recycle bin is emptied before any sync sees the deletion
        var contact = new CrmRecordReference(CrmRecordKind.Contact, purged);

        // Syncs every 5 days stay inside the deletions window: none of them can see the deletion.
        var runs = new List<CrmSyncRunSummary>();
        for (var day = 5; day < 30; day += 5)
        {
            host.Time.Advance(TimeSpan.FromDays(5));
            runs.Add(await host.Engine.RunAsync(SalesforceHost.Tenant));
            Assert.True(await host.Store.GetAsync(contact) is not null, $"gone after day {day}: {runs[^1].Mode} {runs[^1].Added}/{runs[^1].Updated}/{runs[^1].Deleted} {runs[^1].Error}");
        }

        host.Time.Advance(TimeSpan.FromDays(5)); // day 30: the full reconciliation is due
        var reconciliation = await host.Engine.RunAsync(SalesforceHost.Tenant);

        Assert.All(runs, r => Assert.Equal(CrmReadMode.Incremental, r.Mode));
        Assert.Equal(CrmReadMode.Full, reconciliation.Mode);
        Assert.Null(await host.Store.GetAsync(contact));
        await Expected.AssertStoreMirrorsAsync(host);
    }

    [Fact]
    public async Task A_session_that_expires_mid_paging_restarts_the_query_from_its_cursor_and_loses_nothing()
    {
        await using var host = await SalesforceHost.StartAsync(seedSize: 9000, emulator: o => o.DefaultBatchSize = 200, connector: o => o.PageSize = 200);
        await host.ConnectAsync();
        var pages = 0;
        var run = await host.Engine.RunAsync(SalesforceHost.Tenant, new SynchronousProgress<CrmSyncProgress>(p =>
        {
            if (++pages % 7 == 0)
            {
                host.Emulator.ExpireSessions();
            }
        }));

        Assert.Null(run.Error);
        Assert.True(host.Emulator.CallCount("token") > 5);
        await Expected.AssertStoreMirrorsAsync(host);
    }

    [Fact]
    public async Task An_org_without_team_selling_is_detected_and_synced_without_team_members()
    {
        await using var host = await SalesforceHost.StartAsync(seedSize: 3000, emulator: o => o.OpportunityTeams = false);
        await host.ConnectAsync();

        var first = await host.Engine.RunAsync(SalesforceHost.Tenant);
        host.Time.Advance(TimeSpan.FromHours(4));
        host.Emulator.Update((string)host.Emulator.GetRecords("Opportunity")[0]["Id"]!, new Dictionary<string, object?> { ["StageName"] = "Negotiation" });
        var second = await host.Engine.RunAsync(SalesforceHost.Tenant);

        Assert.Null(first.Error);
        Assert.Null(second.Error);
        Assert.Equal(1, second.Updated);
        await Expected.AssertStoreMirrorsAsync(host);
        Assert.Single(host.Logs.GetSnapshot(), r => r.Id.Id == 3004);
    }

    [Fact]
    public async Task The_org_API_limit_is_RateLimited_not_an_auth_failure_and_the_sync_pauses_at_half_the_allocation()
    {
        await using var host = await SalesforceHost.StartAsync(seedSize: 9000, emulator: o => o.DailyApiLimit = 1000);
        await host.ConnectAsync();
        host.Emulator.ApiUsage = 1000;

        var exhausted = await host.Engine.RunAsync(SalesforceHost.Tenant);

        Assert.Contains("RateLimited", exhausted.Error, StringComparison.Ordinal);
        Assert.Contains("REQUEST_LIMIT_EXCEEDED", exhausted.Error, StringComparison.Ordinal);
        Assert.Equal(1, host.Emulator.CallCount("token"));

        // An hour later the rolling window has freed capacity: the stale 100% reading must not stop the run before it asks.
        host.Time.Advance(TimeSpan.FromHours(1));
        host.Emulator.ApiUsage = 499;
        var paused = await host.Engine.RunAsync(SalesforceHost.Tenant);
        var usage = host.Connector.GetService<ICrmApiUsage>()!.GetUsage((await host.Connections.GetStatusAsync(SalesforceHost.Tenant))!.ConnectionId);

        Assert.NotNull(paused.Error);
        Assert.Equal(1000, usage!.Limit);
        Assert.True(usage.Used >= 500, $"used {usage.Used}");
        Assert.True(paused.Pages is > 0 and < 10, $"pages {paused.Pages}, error {paused.Error}");
    }
}

internal sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
