using static Zoom.RevenueAccelerator.Crm.Matching.Tests.Build;

namespace Zoom.RevenueAccelerator.Crm.Matching.Tests;

/// <summary>Steps 4 to 6: exact identifiers, accounts, eligible opportunities.</summary>
public sealed class CandidateRulesTests
{
    [Fact]
    public void A_contact_is_preferred_to_a_lead_with_the_same_address()
    {
        var decision = Match(Meeting("pat@acme.com"), records: [Account("001A"), Contact("003A", "001A", "pat@acme.com"), Lead("00QA", "pat@acme.com")]);

        Assert.Equal(["003A"], decision.ContactIds);
        Assert.Equal(MatchOutcome.Account, decision.Outcome);
        Assert.Equal(MatchCertainty.Exact, decision.Certainty);
        Assert.Empty(decision.SuggestedLeadIds);
    }

    [Fact]
    public void Meetings_look_up_by_address_and_calls_by_phone_each_falling_back_to_the_other()
    {
        CrmRecord[] records = [Account("001A"), Account("001B"), Contact("003E", "001A", email: "pat@acme.com"), Contact("003P", "001B", phone: "+1 555 0101")];
        var both = new ConversationParticipant { Email = "pat@acme.com", Phone = "+1 555 0101" };

        var meeting = Match(Meeting() with { Participants = [both] }, records: records);
        var call = Match(Call() with { Participants = [both] }, records: records);
        var callWithoutPhone = Match(Call() with { Participants = [new ConversationParticipant { Email = "pat@acme.com" }] }, records: records);

        Assert.Equal(["003E"], meeting.ContactIds);
        Assert.Equal(["003P"], call.ContactIds);
        Assert.Equal(["003E"], callWithoutPhone.ContactIds);
    }

    [Fact]
    public void Of_duplicate_contacts_the_one_whose_account_has_open_opportunities_wins()
    {
        var decision = Match(Meeting("pat@acme.com"), records:
        [
            Account("001A"), Account("001B"),
            Contact("003A", "001A", "pat@acme.com", modifiedDaysAgo: 1),
            Contact("003B", "001B", "pat@acme.com", modifiedDaysAgo: 50),
            Opportunity("006B", "001B"),
        ]);

        Assert.Equal(["003B"], decision.ContactIds);
        Assert.Equal("006B", decision.OpportunityId);
    }

    [Fact]
    public void Of_duplicate_contacts_otherwise_the_most_recently_modified_then_the_smallest_id_wins()
    {
        var recent = Match(Meeting("pat@acme.com"), records: [Account("001A"), Contact("003A", "001A", "pat@acme.com", modifiedDaysAgo: 9), Contact("003B", "001A", "pat@acme.com", modifiedDaysAgo: 2)]);
        var byId = Match(Meeting("pat@acme.com"), records: [Account("001A"), Contact("003Z", "001A", "pat@acme.com"), Contact("003B", "001A", "pat@acme.com")]);

        Assert.Equal(["003B"], recent.ContactIds);
        Assert.Equal(["003B"], byId.ContactIds);
    }

    [Fact]
    public void A_converted_lead_counts_as_its_contact_and_brings_its_account_and_opportunity()
    {
        var decision = Match(Meeting("old.lead@acme.com"), records:
        [
            Account("001A"),
            Contact("003C", "001A", "new.address@acme.com"),
            Opportunity("006C", "001A", modifiedDaysAgo: 40),
            Opportunity("006X", "001A", modifiedDaysAgo: 1),
            Lead("00QC", "old.lead@acme.com", converted: new CrmLeadConversion { ContactId = "003C", AccountId = "001A", OpportunityId = "006C" }),
        ], trace: true);

        Assert.Equal(["003C"], decision.ContactIds);
        Assert.Equal(MatchOutcome.Opportunity, decision.Outcome);
        Assert.Equal(MatchCertainty.Exact, decision.Certainty);
        Assert.Null(decision.LeadId);
        Assert.Empty(decision.SuggestedLeadIds);
        Assert.Contains(decision.Trace!, t => t.Candidate.Id == "00QC" && !t.Kept);
    }

    [Fact]
    public void A_converted_leads_opportunity_is_filtered_like_any_other()
    {
        var decision = Match(Meeting("old.lead@acme.com"), records:
        [
            Account("001A"),
            Opportunity("006C", "001A", closed: true, closedDaysBeforeStart: 100),
            Lead("00QC", "old.lead@acme.com", converted: new CrmLeadConversion { AccountId = "001A", OpportunityId = "006C" }),
        ]);

        Assert.Equal(MatchOutcome.Account, decision.Outcome);
        Assert.Equal("001A", decision.AccountId);
    }

    [Theory]
    [InlineData("https://www.acme.com/", "pat@acme.com")]
    [InlineData("http://acme.com:8080/about?x=1", "pat@acme.com")]
    [InlineData("acme.com", "pat@mail.acme.com")]
    [InlineData("WWW.ACME.COM", "pat@acme.com")]
    [InlineData("https://gamma.co.uk", "pat@mail.gamma.co.uk")]
    public void The_domain_fallback_reads_websites_in_any_form_and_uses_the_registrable_domain(string website, string address)
    {
        var decision = Match(Meeting(address), records: [Account("001W", website)], trace: true);

        Assert.Equal(MatchOutcome.Account, decision.Outcome);
        Assert.Equal("001W", decision.AccountId);
        Assert.Equal(MatchCertainty.DomainInferred, decision.Certainty);
        Assert.Equal("account.domain", decision.DecidedBy);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Colleagues_at_one_domain_each_count_for_its_accounts(bool trace)
    {
        // The domain is looked up once per match and reused for the colleagues: each must still count.
        // Three at gamma's subdomain (through its registrable domain) beat two at beta.com, more recently modified.
        var decision = Match(
            Meeting("a@mail.gamma.co.uk", "x@beta.com", "b@mail.gamma.co.uk", "y@beta.com", "c@mail.gamma.co.uk"),
            records: [Account("001G", "https://gamma.co.uk", modifiedDaysAgo: 50), Account("001B", "beta.com", modifiedDaysAgo: 1)],
            trace: trace);

        Assert.Equal("001G", decision.AccountId);
        Assert.Equal("account.matchedParticipants", decision.DecidedBy);
        Assert.Equal(["001B"], decision.Alternates.Select(a => a.Id));
        if (trace)
        {
            Assert.Contains(decision.Trace!, t => t.Candidate.Id == "001G" && t.Why == "domain fallback: gamma.co.uk");
        }
    }

    [Fact]
    public void Colleagues_on_free_mail_reuse_the_free_mail_answer()
    {
        var decision = Match(Meeting("a@gmail.com", "b@gmail.com", "c@beta.com"), records: [Account("001G", "gmail.com", modifiedDaysAgo: 1), Account("001B", "beta.com", modifiedDaysAgo: 50)]);

        Assert.Equal("001B", decision.AccountId);
        Assert.Equal("account.domain", decision.DecidedBy);
        Assert.Empty(decision.Alternates);
    }

    [Fact]
    public void A_registrable_domain_is_not_stretched_across_a_public_suffix()
    {
        var decision = Match(Meeting("pat@other.co.uk"), records: [Account("001W", "https://gamma.co.uk")]);

        Assert.Equal(MatchOutcome.Unmatched, decision.Outcome);
    }

    [Fact]
    public void An_accounts_extra_domains_match_too()
    {
        var decision = Match(Meeting("pat@acme-mail.example"), records: [Account("001A", "acme.com", domains: "acme-mail.example")]);

        Assert.Equal("001A", decision.AccountId);
    }

    [Theory]
    [InlineData("someone@gmail.com")]
    [InlineData("someone@mail.yahoo.co.uk")]
    public void Free_mail_domains_are_never_used_for_the_domain_fallback(string address)
    {
        var decision = Match(Meeting(address), records: [Account("001G", "gmail.com"), Account("001Y", "yahoo.co.uk")]);

        Assert.Equal(MatchOutcome.Unmatched, decision.Outcome);
        Assert.Null(decision.AccountId);
    }

    [Fact]
    public void A_contact_on_free_mail_still_matches_its_account()
    {
        var decision = Match(Meeting("pat.private@gmail.com"), records: [Account("001A", "acme.com"), Contact("003A", "001A", "pat.private@gmail.com")]);

        Assert.Equal("001A", decision.AccountId);
        Assert.Equal(MatchCertainty.Exact, decision.Certainty);
    }

    [Fact]
    public void Opportunities_open_at_the_start_match_and_closed_ones_do_not()
    {
        CrmRecord[] records =
        [
            Account("001A", "acme.com"),
            Opportunity("006OPEN", "001A", modifiedDaysAgo: 20),
            Opportunity("006CLOSEDLATER", "001A", closed: true, closedDaysBeforeStart: -3, modifiedDaysAgo: 1),
            Opportunity("006CLOSED", "001A", closed: true, closedDaysBeforeStart: 2, modifiedDaysAgo: 0),
            Opportunity("006FUTURE", "001A", createdDaysAgo: -1, modifiedDaysAgo: 0),
        ];

        var decision = Match(Meeting("pat@acme.com"), records: records, trace: true);

        Assert.Equal("006CLOSEDLATER", decision.OpportunityId); // closed after the start: it was open then, and is the most recent
        Assert.Equal([new CrmRecordReference(CrmRecordKind.Opportunity, "006OPEN")], decision.Alternates);
        Assert.Contains(decision.Trace!, t => t.Candidate.Id == "006CLOSED" && !t.Kept && t.Why == "closed before the start");
        Assert.Contains(decision.Trace!, t => t.Candidate.Id == "006FUTURE" && !t.Kept && t.Why == "created after the start");
    }

    [Theory]
    [InlineData(0, 1, false)]
    [InlineData(5, 3, true)]
    [InlineData(5, 5, true)]
    [InlineData(5, 6, false)]
    public void Closed_opportunities_match_only_within_the_closed_window(int windowDays, int closedDaysBefore, bool matches)
    {
        var decision = Match(Meeting("pat@acme.com"), Options with { ClosedWindowDays = windowDays }, records:
            [Account("001A", "acme.com"), Opportunity("006W", "001A", closed: true, closedDaysBeforeStart: closedDaysBefore)]);

        Assert.Equal(matches ? MatchOutcome.Opportunity : MatchOutcome.Account, decision.Outcome);
    }

    [Fact]
    public void A_closed_opportunity_without_a_close_date_never_matches_and_one_without_a_creation_time_may()
    {
        var decision = Match(Meeting("pat@acme.com"), Options with { ClosedWindowDays = 3650 }, records:
        [
            Account("001A", "acme.com"),
            Opportunity("006NODATE", "001A", closed: true, modifiedDaysAgo: 0),
            Opportunity("006NOCREATED", "001A", modifiedDaysAgo: 9) with { CreatedAt = null },
        ], trace: true);

        Assert.Equal("006NOCREATED", decision.OpportunityId);
        Assert.Equal("opportunity.only", decision.DecidedBy);
        Assert.Contains(decision.Trace!, t => t.Candidate.Id == "006NODATE" && !t.Kept && t.Why == "closed before the start");
    }

    [Theory]
    [InlineData(730, false)]
    [InlineData(731, true)]
    public void Opportunities_unchanged_for_more_than_the_stale_age_never_match(int modifiedDaysAgo, bool stale)
    {
        var decision = Match(Meeting("pat@acme.com"), records: [Account("001A", "acme.com"), Opportunity("006S", "001A", createdDaysAgo: 900, modifiedDaysAgo: modifiedDaysAgo)]);

        Assert.Equal(stale ? MatchOutcome.Account : MatchOutcome.Opportunity, decision.Outcome);
    }
}
