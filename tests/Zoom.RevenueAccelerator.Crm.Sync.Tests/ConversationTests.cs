using Microsoft.Extensions.Time.Testing;
using Zoom.RevenueAccelerator.Crm.Matching;
using Zoom.RevenueAccelerator.Crm.Testing;

namespace Zoom.RevenueAccelerator.Crm.Sync.Tests;

/// <summary>Conversations: matched on arrival with bounded lookups, re-matched after syncs, matched by hand.</summary>
public sealed class ConversationTests
{
    internal static readonly CrmConnectionSettings Settings = new() { AssociatedDomains = ["seller.example"] };

    internal static FakeCrmConnector NewOrg(FakeTimeProvider time)
    {
        var crm = new FakeCrmConnector(new FakeCrmConnectorOptions { PageSize = 50 }, time);
        var earlier = time.GetUtcNow().AddDays(-30);
        crm.Upsert(
            new CrmUser { Id = "005REP", Name = "Rep", Emails = ["rep@seller.example"] },
            new CrmAccount { Id = "001ACME", Name = "Acme", Website = "https://www.acme.example" },
            new CrmAccount { Id = "001OTHER", Name = "Other", Website = "other.example" },
            new CrmContact { Id = "003ANN", Name = "Ann", Emails = ["ann@acme.example"], AccountId = "001ACME" },
            new CrmOpportunity { Id = "006DEAL", Name = "Acme deal", AccountId = "001ACME", OwnerId = "005REP", CreatedAt = earlier, ContactRoleContactIds = ["003ANN"] },
            new CrmLead { Id = "00QLEE", Name = "Lee", Emails = ["lee@startup.example"], Company = "Startup" });
        crm.Upsert(FakeCrmDataGenerator.Generate(100, seed: 9)); // noise
        return crm;
    }

    internal static Conversation Meeting(FakeTimeProvider time, string id, params string[] externals) => new()
    {
        Id = id,
        Kind = ConversationKind.Meeting,
        Start = time.GetUtcNow(),
        End = time.GetUtcNow().AddMinutes(30),
        Title = "Weekly sync",
        Host = "rep@seller.example",
        Participants = [new() { Email = "rep@seller.example", Source = ParticipantSource.Host }, .. externals.Select(e => new ConversationParticipant { Email = e })],
    };

    [Fact]
    public async Task A_conversation_is_matched_on_arrival_and_its_decision_kept()
    {
        var time = SyncHost.NewTime();
        var crm = NewOrg(time);
        await using var host = SyncHost.Start(crm, time);
        await host.ConnectAsync(settings: Settings);
        await host.Engine.RunAsync("t1");

        var decision = await host.Conversations.OnConversationAsync("t1", Meeting(time, "c1", "ann@acme.example"));
        var state = await host.Conversations.GetAsync("t1", "c1");

        Assert.Equal(MatchOutcome.Opportunity, decision.Outcome);
        Assert.Equal("006DEAL", decision.OpportunityId);
        Assert.Equal(["003ANN"], decision.ContactIds);
        Assert.Equal(decision, state!.Decision);
        Assert.Equal(time.GetUtcNow(), state.FirstSeenAt);
    }

    [Fact]
    public async Task Participants_the_sync_has_not_brought_yet_are_looked_up_in_the_CRM_first()
    {
        var time = SyncHost.NewTime();
        var crm = NewOrg(time);
        await using var host = SyncHost.Start(crm, time);
        await host.ConnectAsync(settings: Settings);
        await host.Engine.RunAsync("t1");
        crm.Upsert(new CrmAccount { Id = "001NEWCO", Name = "NewCo" }, new CrmContact { Id = "003BOB", Emails = ["bob@newco.example"], AccountId = "001NEWCO" });

        var decision = await host.Conversations.OnConversationAsync("t1", Meeting(time, "c1", "Bob@NewCo.example"));

        Assert.Equal(MatchOutcome.Account, decision.Outcome);
        Assert.Equal("001NEWCO", decision.AccountId);
        Assert.Equal(1, crm.CountCalls(FakeCrmOperation.Lookup));
        Assert.NotNull(await host.Store().GetAsync(new CrmRecordReference(CrmRecordKind.Contact, "003BOB")));
    }

    [Fact]
    public async Task Lookups_are_bounded_in_calls_and_identifiers_and_never_ask_about_colleagues()
    {
        var time = SyncHost.NewTime();
        var crm = NewOrg(time);
        await using var host = SyncHost.Start(crm, time, configure: b => b.ConfigureSync(o => { o.MaxLookupCalls = 2; o.MaxLookupIdentifiers = 5; }));
        await host.ConnectAsync(settings: Settings);
        await host.Engine.RunAsync("t1");
        var externals = Enumerable.Range(0, 30).Select(i => $"p{i}@firm{i}.example").Append("colleague@seller.example").ToArray();

        await host.Conversations.OnConversationAsync("t1", Meeting(time, "c1", externals));

        Assert.Equal(2, crm.CountCalls(FakeCrmOperation.Lookup));
    }

    [Fact]
    public async Task Over_the_API_budget_or_when_the_lookup_fails_the_match_uses_the_synced_data()
    {
        var time = SyncHost.NewTime();
        var crm = NewOrg(time);
        await using var host = SyncHost.Start(crm, time);
        await host.ConnectAsync(settings: Settings);
        await host.Engine.RunAsync("t1");
        crm.Upsert(new CrmAccount { Id = "001NEWCO", Name = "NewCo" }, new CrmContact { Id = "003BOB", Emails = ["bob@newco.example"], AccountId = "001NEWCO" });

        crm.SetApiUsage(new CrmApiUsage(95, 100));
        var overBudget = await host.Conversations.OnConversationAsync("t1", Meeting(time, "c1", "bob@newco.example"));
        crm.SetApiUsage(null);
        crm.InjectFault(new FakeCrmFault { Operation = FakeCrmOperation.Lookup, Kind = CrmErrorKind.Transient });
        var failed = await host.Conversations.OnConversationAsync("t1", Meeting(time, "c2", "bob@newco.example", "ann@acme.example"));

        Assert.Equal(MatchOutcome.Unmatched, overBudget.Outcome);
        Assert.Equal(1, crm.CountCalls(FakeCrmOperation.Lookup)); // only the failed one
        Assert.Equal("006DEAL", failed.OpportunityId); // Ann was synced; Bob was not refreshed
    }

    [Fact]
    public async Task An_unmatched_conversation_is_tried_again_after_syncs_for_seven_days_and_not_after()
    {
        var time = SyncHost.NewTime();
        var crm = NewOrg(time);
        await using var host = SyncHost.Start(crm, time, configure: b => b.ConfigureSync(o => o.MaxLookupIdentifiers = 0));
        await host.ConnectAsync(settings: Settings);
        await host.Engine.RunAsync("t1");
        var recent = await host.Conversations.OnConversationAsync("t1", Meeting(time, "recent", "carol@later.example"));
        var eightDaysAgo = time.GetUtcNow().AddDays(-8);
        var old = await host.Conversations.OnConversationAsync("t1", Meeting(time, "old", "dave@late.example") with { Start = eightDaysAgo, End = eightDaysAgo.AddMinutes(30) });
        time.Advance(TimeSpan.FromHours(1));

        crm.Upsert(
            new CrmAccount { Id = "001LATER", Name = "Later" },
            new CrmContact { Id = "003CAROL", Emails = ["carol@later.example"], AccountId = "001LATER" },
            new CrmAccount { Id = "001LATE", Name = "Late" },
            new CrmContact { Id = "003DAVE", Emails = ["dave@late.example"], AccountId = "001LATE" });
        await host.Engine.RunAsync("t1");

        Assert.Equal(MatchOutcome.Unmatched, recent.Outcome);
        Assert.Equal(MatchOutcome.Unmatched, old.Outcome);
        Assert.Equal("001LATER", (await host.Conversations.GetAsync("t1", "recent"))!.Decision.AccountId);
        Assert.Equal(MatchOutcome.Unmatched, (await host.Conversations.GetAsync("t1", "old"))!.Decision.Outcome);
    }

    [Fact]
    public async Task A_manual_match_is_sticky_through_syncs_and_rematches_and_records_who_and_when()
    {
        var time = SyncHost.NewTime();
        var crm = NewOrg(time);
        await using var host = SyncHost.Start(crm, time);
        await host.ConnectAsync(settings: Settings);
        await host.Engine.RunAsync("t1");
        await host.Conversations.OnConversationAsync("t1", Meeting(time, "c1", "ann@acme.example"));

        time.Advance(TimeSpan.FromMinutes(5));
        var manual = await host.Conversations.MatchManuallyAsync("t1", "c1", new CrmRecordReference(CrmRecordKind.Lead, "00QLEE"), "alice");
        crm.Upsert(new CrmOpportunity { Id = "006MORE", Name = "More", AccountId = "001ACME", ContactRoleContactIds = ["003ANN"] });
        await host.Engine.RunAsync("t1");
        var again = await host.Conversations.OnConversationAsync("t1", Meeting(time, "c1", "ann@acme.example"));
        var state = await host.Conversations.GetAsync("t1", "c1");

        Assert.Equal(MatchCertainty.Manual, manual.Certainty);
        Assert.Equal("00QLEE", manual.LeadId);
        Assert.Equal("00QLEE", again.LeadId);
        Assert.Equal("00QLEE", state!.Decision.LeadId);
        Assert.Equal("alice", state.ManualMatch!.By);
        Assert.Equal(time.GetUtcNow(), state.ManualMatch.At);
        await Assert.ThrowsAsync<ArgumentException>(() => host.Conversations.MatchManuallyAsync("t1", "c1", new CrmRecordReference(CrmRecordKind.Contact, "003ANN"), "alice"));
        await Assert.ThrowsAsync<ArgumentException>(() => host.Conversations.MatchManuallyAsync("t1", "c1", new CrmRecordReference(CrmRecordKind.Opportunity, "006NOPE"), "alice"));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => host.Conversations.MatchManuallyAsync("t1", "unknown", new CrmRecordReference(CrmRecordKind.Lead, "00QLEE"), "alice"));
    }

    [Fact]
    public async Task Conversations_of_a_tenant_that_is_not_connected_are_refused()
    {
        var time = SyncHost.NewTime();
        await using var host = SyncHost.Start(NewOrg(time), time);

        await Assert.ThrowsAsync<InvalidOperationException>(() => host.Conversations.OnConversationAsync("t1", Meeting(time, "c1", "ann@acme.example")));
    }
}
