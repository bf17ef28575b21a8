using static Zoom.RevenueAccelerator.Crm.Matching.Tests.Build;

namespace Zoom.RevenueAccelerator.Crm.Matching.Tests;

/// <summary>Steps 1 to 3: normalisation, internal participants, exclusions.</summary>
public sealed class NormalizationAndParticipantRulesTests
{
    private static readonly CrmRecord[] s_acme =
    [
        Account("001A", "https://acme.com"),
        Contact("003A", "001A", email: "jane.doe@acme.com", phone: "+1 555 010 0200"),
        Contact("003B", "001A", email: "anna@xn--bcher-kva.example"),
        Contact("003UK", "001A", phone: "+44 20 7946 0000"),
    ];

    [Theory]
    [InlineData("jane.doe@acme.com")]
    [InlineData("  Jane.Doe@ACME.com ")]
    [InlineData("mailto:jane.doe@acme.com")]
    [InlineData(" MAILTO:Jane.Doe@Acme.Com")]
    public void Addresses_are_trimmed_lower_cased_and_lose_a_mailto_prefix(string address)
    {
        var decision = Match(Meeting(address), records: s_acme);

        Assert.Equal(["003A"], decision.ContactIds);
        Assert.Equal(MatchOutcome.Account, decision.Outcome);
    }

    [Fact]
    public void An_internationalised_domain_is_matched_in_its_ASCII_form()
    {
        var decision = Match(Meeting("Anna@Bücher.example"), records: s_acme);

        Assert.Equal(["003B"], decision.ContactIds);
    }

    [Theory]
    [InlineData("+1 (555) 010-0200", "003A")]
    [InlineData("+15550100200", "003A")]
    [InlineData("0044 20 7946 0000", "003UK")]
    [InlineData("+44-20-7946-0000", "003UK")]
    public void Phone_numbers_compare_by_digits_with_a_leading_00_read_as_plus(string phone, string contact)
    {
        var decision = Match(Call(phone), records: s_acme);

        Assert.Equal([contact], decision.ContactIds);
    }

    [Fact]
    public void No_country_code_is_added_to_a_national_number()
    {
        var decision = Match(Call("020 7946 0000"), records: s_acme);

        Assert.Empty(decision.ContactIds);
        Assert.Equal(MatchOutcome.Unmatched, decision.Outcome);
    }

    [Fact]
    public void Participants_sharing_an_address_or_phone_are_one_person()
    {
        // Merged, acme.com has one participant and beta.com two, so beta wins on matched participants;
        // counted separately, acme.com would have three and win.
        var conversation = Meeting() with
        {
            Participants =
            [
                new ConversationParticipant { Email = "JANE@acme.com", Source = ParticipantSource.Calendar },
                new ConversationParticipant { Email = "jane@acme.com", Phone = "+1 555 010 0999" },
                new ConversationParticipant { Phone = "+15550100999", Source = ParticipantSource.Attendee },
                new ConversationParticipant { Email = "a@beta.com" },
                new ConversationParticipant { Email = "b@beta.com" },
            ],
        };

        var decision = Match(conversation, records: [Account("001ACME", "acme.com", modifiedDaysAgo: 1), Account("001BETA", "beta.com", modifiedDaysAgo: 50)]);

        Assert.Equal("001BETA", decision.AccountId);
        Assert.Equal("account.matchedParticipants", decision.DecidedBy);
    }

    [Fact]
    public void A_participant_with_neither_address_nor_phone_is_dropped()
    {
        var conversation = Meeting() with { Participants = [new ConversationParticipant { Name = "Dial-in user" }] };

        var decision = Match(conversation, records: s_acme);

        Assert.Equal(MatchOutcome.NoExternalParticipants, decision.Outcome);
        Assert.Null(decision.Certainty);
    }

    [Theory]
    [InlineData("bob@seller.com")]
    [InlineData("amy@eu.seller.com")]
    [InlineData("BOB@SELLER.COM")]
    public void Addresses_at_an_associated_domain_or_its_subdomains_are_internal(string address)
    {
        var decision = Match(Meeting(address), records: s_acme);

        Assert.Equal(MatchOutcome.NoExternalParticipants, decision.Outcome);
        Assert.Equal("noExternalParticipants", decision.DecidedBy);
    }

    [Fact]
    public void A_lookalike_domain_is_not_a_subdomain()
    {
        var decision = Match(Meeting("eve@notseller.com"), records: [.. s_acme, Account("001N", "notseller.com")]);

        Assert.Equal(MatchOutcome.Account, decision.Outcome);
        Assert.Equal("001N", decision.AccountId);
    }

    [Fact]
    public void A_CRM_users_address_or_alias_is_internal_even_when_the_user_is_inactive()
    {
        var records = s_acme.Append(User("005X", active: false, "sam@seller-old.com", "sam.alias@gmail.com")).ToArray();

        var decision = Match(Meeting("sam.alias@gmail.com", "sam@seller-old.com"), records: records);

        Assert.Equal(MatchOutcome.NoExternalParticipants, decision.Outcome);
    }

    [Fact]
    public void The_host_is_internal_even_outside_the_associated_domains()
    {
        var conversation = Meeting() with { Host = "founder@startup.example", Participants = [new ConversationParticipant { Email = "founder@startup.example" }] };

        var decision = Match(conversation, new MatchingOptions(), records: [Account("001S", "startup.example")]);

        Assert.Equal(MatchOutcome.NoExternalParticipants, decision.Outcome);
    }

    [Theory]
    [InlineData("info@acme.com")]
    [InlineData("no-reply@acme.com")]
    [InlineData("MAILER-DAEMON@acme.com")]
    public void Role_mailboxes_are_dropped(string address)
    {
        var decision = Match(Meeting(address), records: s_acme);

        Assert.Equal(MatchOutcome.NoExternalParticipants, decision.Outcome);
    }

    [Fact]
    public void A_role_mailbox_matches_the_local_part_exactly()
    {
        var decision = Match(Meeting("infos@acme.com"), records: s_acme);

        Assert.Equal(MatchOutcome.Account, decision.Outcome);
    }

    [Theory]
    [InlineData("x@partner.example")]
    [InlineData("x@eu.partner.example")]
    [InlineData("blocked@acme.com")]
    public void Excluded_addresses_and_domains_with_their_subdomains_are_dropped(string address)
    {
        var options = Options with { Excluded = ["partner.example", "Blocked@Acme.com"] };

        var decision = Match(Meeting(address), options, records: [.. s_acme, Account("001P", "partner.example")]);

        Assert.Equal(MatchOutcome.NoExternalParticipants, decision.Outcome);
    }

    [Fact]
    public void The_role_mailbox_list_can_be_edited()
    {
        var options = Options with { RoleMailboxes = MatchingOptions.Edit(MatchingOptions.DefaultRoleMailboxes, add: ["sales"], remove: ["info"]) };

        Assert.Equal(MatchOutcome.NoExternalParticipants, Match(Meeting("sales@acme.com"), options, records: s_acme).Outcome);
        Assert.Equal(MatchOutcome.Account, Match(Meeting("info@acme.com"), options, records: s_acme).Outcome);
    }
}
