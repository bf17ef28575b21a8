using static Zoom.RevenueAccelerator.Crm.Matching.Tests.Build;

namespace Zoom.RevenueAccelerator.Crm.Matching.Tests;

/// <summary>Steps 7 to 9: narrowing, ranking, ambiguity, fall-backs.</summary>
public sealed class RankingRulesTests
{
    [Fact]
    public void Opportunities_with_a_matched_contacts_role_are_preferred()
    {
        var decision = Match(Meeting("pat@acme.com"), records:
        [
            Account("001A"), Contact("003P", "001A", "pat@acme.com"),
            Opportunity("006NEW", "001A", modifiedDaysAgo: 1),
            Opportunity("006ROLE", "001A", modifiedDaysAgo: 60, roles: ["003P"]),
        ]);

        Assert.Equal("006ROLE", decision.OpportunityId);
        Assert.Equal("narrow.contactRoles", decision.DecidedBy);
        Assert.Equal(MatchCertainty.Exact, decision.Certainty);
    }

    [Fact]
    public void Opportunities_owned_by_the_host_or_with_an_internal_participant_on_the_team_are_preferred()
    {
        CrmRecord[] records =
        [
            User("005REP", true, Host), User("005SE", true, "se@seller.com"),
            Account("001A", "acme.com"),
            Opportunity("006OTHER", "001A", owner: "005NOBODY", modifiedDaysAgo: 1),
            Opportunity("006TEAM", "001A", owner: "005NOBODY", modifiedDaysAgo: 30, team: ["005SE"]),
        ];

        var withSe = Match(Meeting("pat@acme.com", "se@seller.com"), records: records);
        var withoutSe = Match(Meeting("pat@acme.com"), records: records);

        Assert.Equal("006TEAM", withSe.OpportunityId);
        Assert.Equal("narrow.owners", withSe.DecidedBy);
        Assert.Equal("006OTHER", withoutSe.OpportunityId);
    }

    [Fact]
    public void Every_contact_role_and_team_member_counts_not_only_the_first()
    {
        CrmRecord[] records =
        [
            User("005REP", true, Host), User("005SE", true, "se@seller.com"),
            Account("001A"), Contact("003P", "001A", "pat@acme.com"),
            Opportunity("006NEW", "001A", owner: "005NOBODY", modifiedDaysAgo: 1),
            Opportunity("006ROLE", "001A", owner: "005NOBODY", modifiedDaysAgo: 60, roles: ["003OTHER", "003P"]),
            Opportunity("006TEAM", "001A", owner: "005NOBODY", modifiedDaysAgo: 30, team: ["005NOBODY", "005SE"]),
        ];

        var byRole = Match(Meeting("pat@acme.com"), records: records);
        var byTeam = Match(Meeting("se@seller.com", "pat@acme.com"), records: [.. records.Where(r => r.Id != "006ROLE")]);

        Assert.Equal(("006ROLE", "narrow.contactRoles"), (byRole.OpportunityId, byRole.DecidedBy));
        Assert.Equal(("006TEAM", "narrow.owners"), (byTeam.OpportunityId, byTeam.DecidedBy));
    }

    [Fact]
    public void Narrowing_never_removes_every_candidate()
    {
        var decision = Match(Meeting("pat@acme.com"), records: [Account("001A"), Contact("003P", "001A", "pat@acme.com"), Opportunity("006A", "001A", owner: "005X", roles: ["003OTHER"])]);

        Assert.Equal("006A", decision.OpportunityId);
    }

    [Fact]
    public void A_non_partner_account_outranks_a_partner_account()
    {
        var decision = Match(Meeting("pat@acme.com", "rex@reseller.com"), records:
        [
            Account("001P", "reseller.com", type: "partner"), Opportunity("006P", "001P", modifiedDaysAgo: 1),
            Account("001A", "acme.com"), Opportunity("006A", "001A", modifiedDaysAgo: 90),
        ]);

        Assert.Equal("006A", decision.OpportunityId);
        Assert.Equal("opportunity.nonPartner", decision.DecidedBy);
    }

    [Fact]
    public void More_contact_role_participants_outrank_fewer()
    {
        var decision = Match(Meeting("a@acme.com", "b@acme.com"), records:
        [
            Account("001A"), Contact("003A", "001A", "a@acme.com"), Contact("003B", "001A", "b@acme.com"),
            Opportunity("006ONE", "001A", modifiedDaysAgo: 1, roles: ["003A"]),
            Opportunity("006TWO", "001A", modifiedDaysAgo: 50, roles: ["003A", "003B"]),
        ]);

        Assert.Equal("006TWO", decision.OpportunityId);
        Assert.Equal("opportunity.contactRoles", decision.DecidedBy);
    }

    [Fact]
    public void The_hosts_opportunity_outranks_a_colleagues()
    {
        var decision = Match(Meeting("pat@acme.com", "se@seller.com"), records:
        [
            User("005REP", true, Host), User("005SE", true, "se@seller.com"),
            Account("001A", "acme.com"),
            Opportunity("006SE", "001A", owner: "005SE", modifiedDaysAgo: 1),
            Opportunity("006REP", "001A", owner: "005REP", modifiedDaysAgo: 50),
        ]);

        Assert.Equal("006REP", decision.OpportunityId);
        Assert.Equal("opportunity.ownerIsHost", decision.DecidedBy);
    }

    [Fact]
    public void An_account_with_more_matched_participants_outranks_one_with_fewer()
    {
        var decision = Match(Meeting("a@acme.com", "b@acme.com", "c@beta.com"), records:
        [
            Account("001A", "acme.com"), Opportunity("006A", "001A", modifiedDaysAgo: 50),
            Account("001B", "beta.com"), Opportunity("006B", "001B", modifiedDaysAgo: 1),
        ]);

        Assert.Equal("006A", decision.OpportunityId);
        Assert.Equal("opportunity.matchedParticipants", decision.DecidedBy);
        Assert.Equal(MatchCertainty.DomainInferred, decision.Certainty);
    }

    [Fact]
    public void Otherwise_the_most_recently_modified_wins_and_the_rest_are_ranked_alternates()
    {
        var decision = Match(Meeting("pat@acme.com"), Options with { MaxAlternates = 2 }, records:
        [
            Account("001A", "acme.com"),
            Opportunity("006OLD", "001A", modifiedDaysAgo: 30),
            Opportunity("006NEW", "001A", modifiedDaysAgo: 1),
            Opportunity("006MID", "001A", modifiedDaysAgo: 10),
            Opportunity("006OLDER", "001A", modifiedDaysAgo: 60),
        ]);

        Assert.Equal("006NEW", decision.OpportunityId);
        Assert.Equal("001A", decision.AccountId);
        Assert.Equal("opportunity.lastModified", decision.DecidedBy);
        Assert.Equal(["006MID", "006OLD"], decision.Alternates.Select(a => a.Id));
    }

    [Fact]
    public void A_tie_on_every_key_picks_the_smallest_id_and_says_it_is_ambiguous()
    {
        var decision = Match(Meeting("pat@acme.com"), records: [Account("001A", "acme.com"), Opportunity("006B", "001A"), Opportunity("006A", "001A")]);

        Assert.Equal("006A", decision.OpportunityId);
        Assert.Equal(MatchCertainty.Ambiguous, decision.Certainty);
        Assert.Equal("opportunity.id", decision.DecidedBy);
    }

    [Fact]
    public void With_RequireUnique_a_tie_chooses_nothing_and_lists_the_tied_candidates()
    {
        var decision = Match(Meeting("pat@acme.com"), Options with { Ambiguity = AmbiguityPolicy.RequireUnique }, records:
        [
            Account("001A"), Contact("003P", "001A", "pat@acme.com"),
            Opportunity("006C", "001A"), Opportunity("006A", "001A"), Opportunity("006B", "001A"),
            Opportunity("006OLD", "001A", modifiedDaysAgo: 99),
        ]);

        Assert.Equal(MatchOutcome.Unmatched, decision.Outcome);
        Assert.Equal(MatchCertainty.Ambiguous, decision.Certainty);
        Assert.Null(decision.OpportunityId);
        Assert.Null(decision.AccountId);
        Assert.Empty(decision.ContactIds);
        Assert.Equal(["006A", "006B", "006C"], decision.Alternates.Select(a => a.Id));
    }

    [Fact]
    public void With_no_eligible_opportunity_the_best_account_is_chosen()
    {
        var decision = Match(Meeting("a@acme.com", "b@acme.com", "c@beta.com"), records:
        [
            Account("001B", "beta.com", modifiedDaysAgo: 1), Account("001A", "acme.com", modifiedDaysAgo: 99),
            Opportunity("006X", "001A", closed: true, closedDaysBeforeStart: 400),
        ]);

        Assert.Equal(MatchOutcome.Account, decision.Outcome);
        Assert.Equal("001A", decision.AccountId);
        Assert.Equal("account.matchedParticipants", decision.DecidedBy);
        Assert.Equal(["001B"], decision.Alternates.Select(a => a.Id));
    }

    [Fact]
    public void Account_fallback_ranks_the_hosts_account_then_one_with_open_opportunities()
    {
        CrmRecord[] records =
        [
            User("005REP", true, Host),
            Account("001HOST", "acme.com", owner: "005REP", modifiedDaysAgo: 50),
            Account("001OPEN", "acme.com", modifiedDaysAgo: 50),
            Account("001NEW", "acme.com", modifiedDaysAgo: 1),
            Opportunity("006F", "001OPEN", createdDaysAgo: -5),
        ];

        var withHost = Match(Meeting("pat@acme.com"), records: records);
        var withoutHostAccount = Match(Meeting("pat@acme.com"), records: records.Where(r => r.Id != "001HOST").ToArray());

        Assert.Equal("001HOST", withHost.AccountId);
        Assert.Equal("account.ownerIsHost", withHost.DecidedBy);
        Assert.Equal("001NEW", withoutHostAccount.AccountId); // 001OPEN's only opportunity was created after the start
    }

    [Fact]
    public void Without_accounts_exact_leads_then_leads_at_the_participants_domain_are_suggested()
    {
        var decision = Match(Meeting("lee@prospect.example", "kim@prospect.example"), records:
        [
            Lead("00QDOMAIN-OLD", "x@prospect.example", modifiedDaysAgo: 30),
            Lead("00QEXACT", "kim@prospect.example"),
            Lead("00QDOMAIN-NEW", "y@mail.prospect.example", modifiedDaysAgo: 1),
            Lead("00QCONVERTED", "z@prospect.example", converted: new CrmLeadConversion { ContactId = "003GONE" }),
            Lead("00QGMAIL", "lee.private@gmail.com"),
        ]);

        Assert.Equal(MatchOutcome.Suggested, decision.Outcome);
        Assert.Null(decision.Certainty);
        Assert.Equal(["00QEXACT", "00QDOMAIN-NEW", "00QDOMAIN-OLD"], decision.SuggestedLeadIds);
        Assert.Equal("lead.suggested.exact", decision.DecidedBy);
    }

    [Fact]
    public void Free_mail_leads_are_never_suggested_by_domain()
    {
        var decision = Match(Meeting("someone@gmail.com"), records: [Lead("00QG", "other@gmail.com")]);

        Assert.Equal(MatchOutcome.Unmatched, decision.Outcome);
        Assert.Equal("unmatched", decision.DecidedBy);
    }

    [Fact]
    public void AutoMatchExact_matches_the_one_exact_lead_and_only_suggests_when_there_are_several()
    {
        var options = Options with { LeadHandling = LeadHandling.AutoMatchExact };

        var one = Match(Meeting("lee@prospect.example"), options, records: [Lead("00QA", "lee@prospect.example"), Lead("00QB", "other@prospect.example")]);
        var two = Match(Meeting("lee@prospect.example", "kim@prospect.example"), options, records: [Lead("00QA", "lee@prospect.example"), Lead("00QB", "kim@prospect.example")]);

        Assert.Equal(MatchOutcome.Lead, one.Outcome);
        Assert.Equal("00QA", one.LeadId);
        Assert.Equal(MatchCertainty.Exact, one.Certainty);
        Assert.Equal(MatchOutcome.Suggested, two.Outcome);
    }

    [Fact]
    public void Suggestions_are_capped()
    {
        var leads = Enumerable.Range(0, 30).Select(i => (CrmRecord)Lead($"00Q{i:D2}", $"p{i}@prospect.example")).ToArray();

        var decision = Match(Meeting("new@prospect.example"), Options with { MaxSuggestedLeads = 4 }, records: leads);

        Assert.Equal(4, decision.SuggestedLeadIds.Count);
        Assert.Equal("lead.suggested.domain", decision.DecidedBy);
    }

    [Fact]
    public void Contact_ids_list_every_matched_contact_in_participant_order_even_from_other_accounts()
    {
        var decision = Match(Meeting("b@beta.com", "a@acme.com", "nobody@acme.com"), records:
        [
            Account("001A", "acme.com"), Account("001B", "beta.com"),
            Contact("003A", "001A", "a@acme.com"), Contact("003B", "001B", "b@beta.com"),
            Opportunity("006A", "001A", roles: ["003A"]),
        ]);

        Assert.Equal("006A", decision.OpportunityId);
        Assert.Equal(["003B", "003A"], decision.ContactIds);
    }

    [Fact]
    public void Contact_ids_list_each_contact_once_however_many_participants_reach_it()
    {
        // A contact reached by two addresses and by a converted lead; a contact the CRM data lacks,
        // named by two converted leads, and another it lacks; and a second contact it has.
        var decision = Match(Meeting("a@acme.com", "a.work@acme.com", "lead1@acme.com", "lead2@acme.com", "lead3@acme.com", "lead4@acme.com", "b@acme.com"), records:
        [
            Account("001A", "acme.com"),
            new CrmContact { Id = "003A", AccountId = "001A", Emails = ["a@acme.com", "a.work@acme.com"], LastModified = Start },
            Contact("003B", "001A", "b@acme.com"),
            Lead("00QA", "lead1@acme.com", converted: new CrmLeadConversion { ContactId = "003A", AccountId = "001A" }),
            Lead("00QX", "lead2@acme.com", converted: new CrmLeadConversion { ContactId = "003GONE", AccountId = "001A" }),
            Lead("00QY", "lead3@acme.com", converted: new CrmLeadConversion { ContactId = "003GONE", AccountId = "001A" }),
            Lead("00QZ", "lead4@acme.com", converted: new CrmLeadConversion { ContactId = "003GONE2", AccountId = "001A" }),
        ]);

        Assert.Equal(["003A", "003GONE", "003GONE2", "003B"], decision.ContactIds);
    }
}
