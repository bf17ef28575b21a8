using Zoom.RevenueAccelerator.Crm.Testing.Salesforce;

namespace Zoom.RevenueAccelerator.Crm.Salesforce.Tests;

/// <summary>What the store must hold after a sync, read straight from the emulator's records (not through the connector's mapping).</summary>
internal static class Expected
{
    public static async Task AssertStoreMirrorsAsync(SalesforceHost host)
    {
        var e = host.Emulator;
        await AssertKindAsync(host, CrmRecordKind.Account, e.GetRecords("Account"), r => $"{r["Name"]}|{r["Website"]}");
        await AssertKindAsync(host, CrmRecordKind.Contact, e.GetRecords("Contact"), r => $"{r["AccountId"]}|{r["Email"]}");
        await AssertKindAsync(host, CrmRecordKind.Lead, e.GetRecords("Lead"), r => $"{r["Email"]}|{r["IsConverted"]}|{r["ConvertedContactId"]}");
        await AssertKindAsync(host, CrmRecordKind.User, e.GetRecords("User").Where(u => (string?)u["UserType"] == "Standard").ToList(), r => $"{r["Email"]}|{r["IsActive"]}|{r["UserRoleId"]}");
        await AssertKindAsync(host, CrmRecordKind.Team, e.GetRecords("UserRole"), r => $"{r["Name"]}|{r.GetValueOrDefault("ParentRoleId")}");

        var roles = e.GetRecords("OpportunityContactRole").ToLookup(r => (string)r["OpportunityId"]!, r => (string)r["ContactId"]!);
        var members = TeamMembers(e).ToLookup(r => (string)r["OpportunityId"]!, r => (string)r["UserId"]!);
        await AssertKindAsync(host, CrmRecordKind.Opportunity, e.GetRecords("Opportunity"), r =>
            $"{r["AccountId"]}|{r["StageName"]}|{r["IsClosed"]}|{string.Join(",", roles[(string)r["Id"]!].Order(StringComparer.Ordinal))}|{string.Join(",", members[(string)r["Id"]!].Order(StringComparer.Ordinal))}");
    }

    private static IReadOnlyList<IReadOnlyDictionary<string, object?>> TeamMembers(SalesforceEmulator emulator)
    {
        try
        {
            return emulator.GetRecords("OpportunityTeamMember");
        }
        catch (ArgumentException)
        {
            return []; // an org without team selling
        }
    }

    private static async Task AssertKindAsync(SalesforceHost host, CrmRecordKind kind, IReadOnlyList<IReadOnlyDictionary<string, object?>> expected, Func<IReadOnlyDictionary<string, object?>, string> describe)
    {
        var stored = await host.Store.ReadAllAsync(kind).ToListAsync();
        Assert.Equal(stored.Count, stored.Select(r => r.Id).Distinct().Count());
        var want = expected.ToDictionary(r => (string)r["Id"]!, describe);
        var have = stored.ToDictionary(r => r.Id, Describe);
        Assert.Equal(want.Count, have.Count);
        foreach (var (id, description) in want)
        {
            Assert.True(have.TryGetValue(id, out var actual), $"{kind} {id} is missing from the store.");
            Assert.Equal(description, actual);
        }
    }

    private static string Describe(CrmRecord record) => record switch
    {
        CrmAccount a => $"{a.Name}|{a.Website}",
        CrmContact c => $"{c.AccountId}|{First(c.Emails)}",
        CrmLead l => $"{First(l.Emails)}|{l.Converted is not null}|{l.Converted?.ContactId}",
        CrmUser u => $"{First(u.Emails)}|{u.Active}|{First(u.TeamIds)}",
        CrmTeam t => $"{t.Name}|{t.ParentId}",
        CrmOpportunity o => $"{o.AccountId}|{o.Stage}|{o.IsClosed}|{string.Join(",", o.ContactRoleContactIds.Order(StringComparer.Ordinal))}|{string.Join(",", o.TeamMemberUserIds.Order(StringComparer.Ordinal))}",
        _ => throw new InvalidOperationException(),
    };

    private static string? First(IReadOnlyList<string> values) => values.Count > 0 ? values[0] : null;
}
