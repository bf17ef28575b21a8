using static Zoom.RevenueAccelerator.Crm.Matching.Tests.Build;

namespace Zoom.RevenueAccelerator.Crm.Matching.Tests;

/// <summary>Steps 10 and 11: manual matches and re-matching.</summary>
public sealed class ManualAndRematchTests
{
    private static readonly CrmRecord[] s_records =
    [
        Account("001A", "acme.com"), Contact("003A", "001A", "pat@acme.com"), Opportunity("006A", "001A"),
        Account("001B", "beta.com"), Opportunity("006B", "001B"),
        Lead("00QL", "lee@prospect.example"),
        Lead("00QCONV", "old@prospect.example", converted: new CrmLeadConversion { ContactId = "003A", AccountId = "001B", OpportunityId = "006B" }),
        Lead("00QCONV-ACCOUNT", "old2@prospect.example", converted: new CrmLeadConversion { AccountId = "001B", OpportunityId = "006GONE" }),
    ];

    private static ManualMatch Manual(CrmRecordKind kind, string id, int minutesAfterStart = 60, string by = "manager@seller.com") =>
        new() { ConversationId = "conv-1", Target = new(kind, id), By = by, At = Start.AddMinutes(minutesAfterStart) };

    [Fact]
    public void A_manual_match_wins_over_the_automatic_one_and_says_who_set_it_and_when()
    {
        var decision = Match(Meeting("pat@acme.com"), manual: [Manual(CrmRecordKind.Opportunity, "006B")], records: s_records);

        Assert.Equal(MatchOutcome.Opportunity, decision.Outcome);
        Assert.Equal("006B", decision.OpportunityId);
        Assert.Equal("001B", decision.AccountId);
        Assert.Equal(MatchCertainty.Manual, decision.Certainty);
        Assert.Equal("manual", decision.DecidedBy);
        Assert.Equal(new ManualMatchInfo("manager@seller.com", Start.AddMinutes(60)), decision.Manual);
        Assert.Equal(["003A"], decision.ContactIds);
    }

    [Fact]
    public void Of_several_manual_matches_the_latest_wins()
    {
        var decision = Match(Meeting("pat@acme.com"), manual:
        [
            Manual(CrmRecordKind.Lead, "00QL", minutesAfterStart: 300, by: "late@seller.com"),
            Manual(CrmRecordKind.Account, "001B", minutesAfterStart: 100),
            new ManualMatch { ConversationId = "another", Target = new(CrmRecordKind.Account, "001A"), By = "x", At = Start.AddDays(9) },
        ], records: s_records);

        Assert.Equal(MatchOutcome.Lead, decision.Outcome);
        Assert.Equal("00QL", decision.LeadId);
        Assert.Equal("late@seller.com", decision.Manual!.By);
    }

    [Fact]
    public void A_manual_match_to_a_record_no_longer_in_the_data_is_ignored()
    {
        var decision = Match(Meeting("pat@acme.com"), manual: [Manual(CrmRecordKind.Opportunity, "006DELETED")], records: s_records, trace: true);

        Assert.Equal("006A", decision.OpportunityId);
        Assert.NotEqual(MatchCertainty.Manual, decision.Certainty);
        Assert.Null(decision.Manual);
        Assert.Contains(decision.Trace!, t => t.Step == "manual" && !t.Kept);
    }

    [Fact]
    public void A_manual_match_to_a_lead_since_converted_follows_it_to_its_opportunity_else_its_account()
    {
        var toOpportunity = Match(Meeting("pat@acme.com"), manual: [Manual(CrmRecordKind.Lead, "00QCONV")], records: s_records);
        var toAccount = Match(Meeting("pat@acme.com"), manual: [Manual(CrmRecordKind.Lead, "00QCONV-ACCOUNT")], records: s_records);

        Assert.Equal(("006B", "001B", "manual.followedConversion"), (toOpportunity.OpportunityId, toOpportunity.AccountId, toOpportunity.DecidedBy));
        Assert.Equal(MatchOutcome.Account, toAccount.Outcome);
        Assert.Equal("001B", toAccount.AccountId);
        Assert.Equal(MatchCertainty.Manual, toAccount.Certainty);
    }

    [Fact]
    public void A_manual_match_applies_even_with_no_external_participant()
    {
        var decision = Match(Meeting("colleague@seller.com"), manual: [Manual(CrmRecordKind.Account, "001A")], records: s_records);

        Assert.Equal(MatchOutcome.Account, decision.Outcome);
        Assert.Equal(MatchCertainty.Manual, decision.Certainty);
    }

    [Fact]
    public void An_unmatched_conversation_is_tried_again_within_the_window_and_not_after()
    {
        var matcher = ConversationMatcher.Create(Snapshot(s_records), Options);
        var conversation = Meeting("new.person@gamma.example");
        var unmatched = matcher.Match(conversation);
        matcher.Apply(new CrmChangeBatch { Upserts = [Account("001G", "gamma.example")] }, "v2");

        var within = matcher.Rematch(conversation, unmatched, Start.AddDays(6));
        var after = matcher.Rematch(conversation, unmatched, Start.AddDays(8));

        Assert.Equal(MatchOutcome.Unmatched, unmatched.Outcome);
        Assert.True(within.Changed);
        Assert.Equal("001G", within.Decision.AccountId);
        Assert.Equal("v2", within.Decision.SnapshotVersion);
        Assert.False(after.Changed);
        Assert.Same(unmatched, after.Decision);
    }

    [Fact]
    public void An_automatic_match_is_not_rewritten_unless_its_record_is_deleted_and_then_the_change_is_recorded()
    {
        var matcher = ConversationMatcher.Create(Snapshot(s_records), Options);
        var conversation = Meeting("pat@acme.com");
        var first = matcher.Match(conversation);
        matcher.Apply(new CrmChangeBatch { Upserts = [Opportunity("006NEWER", "001A", modifiedDaysAgo: 0)] }, "v2");

        var kept = matcher.Rematch(conversation, first, Start.AddDays(1));
        matcher.Apply(new CrmChangeBatch { Deletes = [new(CrmRecordKind.Opportunity, "006A")] }, "v3");
        var redecided = matcher.Rematch(conversation, first, Start.AddDays(30));

        Assert.Equal("006A", first.OpportunityId);
        Assert.False(kept.Changed);
        Assert.Same(first, kept.Decision);
        Assert.True(redecided.Changed);
        Assert.Equal("006NEWER", redecided.Decision.OpportunityId);
        Assert.Equal("re-decided: opportunity 006A was deleted or merged in the CRM", redecided.Reason);
    }

    [Fact]
    public void A_manual_decision_is_sticky_across_rematching()
    {
        var matcher = ConversationMatcher.Create(Snapshot(s_records), Options);
        var manual = matcher.Match(Meeting("pat@acme.com"), [Manual(CrmRecordKind.Account, "001B")]);

        var again = matcher.Rematch(Meeting("pat@acme.com"), manual, Start.AddDays(1));

        Assert.False(again.Changed);
        Assert.Equal(MatchCertainty.Manual, again.Decision.Certainty);
    }
}
