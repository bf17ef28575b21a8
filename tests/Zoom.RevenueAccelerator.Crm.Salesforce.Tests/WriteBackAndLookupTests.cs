namespace Zoom.RevenueAccelerator.Crm.Salesforce.Tests;

public sealed class WriteBackAndLookupTests
{
    [Theory]
    [InlineData("o'brien@example.com")]
    [InlineData("back\\slash@example.com")]
    [InlineData("new\nline@example.com")]
    [InlineData("x' OR Email != 'y")]
    [InlineData("a@b.c') OR (Email LIKE '%")]
    [InlineData("\\' OR Name LIKE '%")]
    [InlineData("SELECT Id FROM User WHERE Id != null")]
    public async Task Lookups_escape_every_literal_so_an_address_can_only_ever_match_itself(string email)
    {
        await using var host = await SalesforceHost.StartAsync(seedSize: 200);
        var context = host.Context();
        var account = (string)host.Emulator.GetRecords("Account")[0]["Id"]!;
        var contact = host.Emulator.Insert("Contact", new Dictionary<string, object?> { ["LastName"] = "Tricky", ["Email"] = email, ["AccountId"] = account });

        var result = await host.Connector.LookupAsync(context, new CrmLookupRequest { Emails = [email] });

        var people = result.Records.Where(r => r.Kind is CrmRecordKind.Contact or CrmRecordKind.Lead).ToList();
        Assert.Equal(contact, Assert.Single(people).Id);
        Assert.Contains(result.Records, r => r.Kind == CrmRecordKind.Account && r.Id == account);
    }

    [Fact]
    public async Task A_lookup_finds_contacts_and_leads_by_email_or_phone_with_their_accounts_and_opportunities()
    {
        await using var host = await SalesforceHost.StartAsync(seedSize: 2000);
        var contact = host.Emulator.GetRecords("Contact")[7];
        var lead = host.Emulator.GetRecords("Lead")[3];

        var result = await host.Connector.LookupAsync(host.Context(), new CrmLookupRequest { Emails = [((string)contact["Email"]!).ToUpperInvariant()], Phones = [(string)lead["Phone"]!] });

        Assert.Contains(result.Records, r => r.Id == (string)contact["Id"]!);
        Assert.Contains(result.Records, r => r.Id == (string)lead["Id"]!);
        Assert.Contains(result.Records, r => r.Id == (string)contact["AccountId"]!);
        var opportunities = host.Emulator.GetRecords("Opportunity").Where(o => (string?)o["AccountId"] == (string)contact["AccountId"]!).Select(o => (string)o["Id"]!);
        Assert.All(opportunities, id => Assert.Contains(result.Records, r => r.Id == id));
        Assert.True(result.ApiCalls >= 4);
    }

    private static CrmActivity Activity(string conversationId, CrmRecordReference who, CrmRecordReference what) => new()
    {
        ConversationId = conversationId,
        Subject = "Zoom call: discovery",
        Start = new DateTimeOffset(2026, 11, 2, 10, 0, 0, TimeSpan.Zero),
        End = new DateTimeOffset(2026, 11, 2, 10, 30, 30, TimeSpan.Zero),
        Summary = "Talked pricing.",
        Competitors = ["Gong", "Chorus"],
        CompetitorPublishing = CompetitorPublishing.Both,
        PrimaryCompetitorField = "Primary_Competitor__c",
        Who = who,
        What = what,
    };

    [Theory]
    [InlineData(null)]
    [InlineData("Zoom_Conversation_Id__c")]
    public async Task Writing_an_activity_twice_creates_one_Task_and_sets_the_primary_competitor(string? externalId)
    {
        await using var host = await SalesforceHost.StartAsync(
            seedSize: 500,
            emulator: o =>
            {
                o.CustomFields.Add("Opportunity.Primary_Competitor__c");
                o.ExternalIdFields.Add("Task.Zoom_Conversation_Id__c");
            },
            connector: o => o.TaskExternalIdField = externalId);
        var opportunity = host.Emulator.GetRecords("Opportunity")[0];
        var contact = (string)host.Emulator.GetRecords("Contact")[0]["Id"]!;
        var activity = Activity("conv-42", new(CrmRecordKind.Contact, contact), new(CrmRecordKind.Opportunity, (string)opportunity["Id"]!));

        var first = await host.Connector.UpsertActivityAsync(host.Context(), activity);
        // A retry that lost the first answer (no id known), then a re-analysis that knows the id.
        var retry = await host.Connector.UpsertActivityAsync(host.Context(), activity with { Summary = "Talked pricing and timing." });
        var update = await host.Connector.UpsertActivityAsync(host.Context(), activity with { ExistingActivityId = first.ActivityId, Subject = "Zoom call: renamed" });

        var task = Assert.Single(host.Emulator.GetRecords("Task"));
        Assert.True(first.Created);
        Assert.False(retry.Created);
        Assert.Equal(first.ActivityId, retry.ActivityId);
        Assert.Equal(first.ActivityId, update.ActivityId);
        Assert.Equal("Zoom call: renamed", task["Subject"]);
        Assert.Equal("Call", task["TaskSubtype"]);
        Assert.Equal(1830m, task["CallDurationInSeconds"]);
        Assert.Equal(contact, task["WhoId"]);
        Assert.Equal(opportunity["Id"], task["WhatId"]);
        Assert.Contains("Competitors mentioned: Gong, Chorus", (string)task["Description"]!, StringComparison.Ordinal);
        Assert.Equal("Gong", host.Emulator.GetRecords("Opportunity")[0]["Primary_Competitor__c"]);
        Assert.Equal(externalId is null ? 0 : 3, host.Emulator.CallCount("upsert"));
    }

    [Fact]
    public async Task An_activity_about_a_lead_carries_no_related_record()
    {
        await using var host = await SalesforceHost.StartAsync(seedSize: 200);
        var lead = (string)host.Emulator.GetRecords("Lead")[0]["Id"]!;
        var account = (string)host.Emulator.GetRecords("Account")[0]["Id"]!;

        await host.Connector.UpsertActivityAsync(host.Context(), Activity("conv-lead", new(CrmRecordKind.Lead, lead), new(CrmRecordKind.Account, account)) with { CompetitorPublishing = CompetitorPublishing.None });

        var task = Assert.Single(host.Emulator.GetRecords("Task"));
        Assert.Equal(lead, task["WhoId"]);
        Assert.Null(task.GetValueOrDefault("WhatId"));
    }

    [Fact]
    public async Task A_refused_write_is_an_InvalidRequest_with_Salesforce_code_and_fields()
    {
        await using var host = await SalesforceHost.StartAsync(seedSize: 200);
        var contact = (string)host.Emulator.GetRecords("Contact")[0]["Id"]!;

        var error = await Assert.ThrowsAsync<CrmException>(() => host.Connector.UpsertActivityAsync(host.Context(), Activity("conv-x", new(CrmRecordKind.Contact, contact), new(CrmRecordKind.Opportunity, "006000000000000XYZ"))));

        Assert.Equal(CrmErrorKind.InvalidRequest, error.Kind);
        Assert.Equal("INVALID_CROSS_REFERENCE_KEY", error.ProviderErrorCode);
        Assert.Equal(400, error.StatusCode);
        Assert.Contains("WhatId", error.Message, StringComparison.Ordinal);
    }
}
