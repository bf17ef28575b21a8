using Zoom.RevenueAccelerator.Crm.Testing;

namespace Zoom.RevenueAccelerator.Crm.Matching.Tests;

/// <summary>
/// Properties over many generated conversations against a generated org: the same inputs give the
/// same result (trace included); participant order and duplicated participants change no decision.
/// </summary>
public sealed class PropertyTests
{
    private static readonly IReadOnlyList<CrmRecord> s_records = FakeCrmDataGenerator.Generate(5_000, seed: 11);
    private static readonly IConversationMatcher s_matcher = ConversationMatcher.Create(
        CrmSnapshot.FromRecords("p1", s_records),
        new MatchingOptions { AssociatedDomains = ["seller.example"], ClosedWindowDays = 30, StaleAfterDays = 3650 });

    public static TheoryData<int> Seeds => [.. Enumerable.Range(0, 40)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void The_same_inputs_give_the_same_result_trace_included(int seed)
    {
        var conversation = RandomConversation(seed);

        var first = s_matcher.Match(conversation, includeTrace: true);
        var second = ConversationMatcher.Create(CrmSnapshot.FromRecords("p1", s_records), new MatchingOptions { AssociatedDomains = ["seller.example"], ClosedWindowDays = 30, StaleAfterDays = 3650 })
            .Match(conversation, includeTrace: true);

        Assert.Equal(Describe(first, withTrace: true), Describe(second, withTrace: true));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Participant_order_and_duplicated_participants_change_no_decision(int seed)
    {
        var conversation = RandomConversation(seed);
        var random = new Random(seed + 1000);
        var shuffled = conversation.Participants.OrderBy(_ => random.Next()).ToList();
        var withDuplicates = shuffled.Concat(shuffled.Where((_, i) => i % 2 == 0).Select(p => p with { Email = p.Email?.ToUpperInvariant(), Source = ParticipantSource.Calendar })).ToList();

        var original = s_matcher.Match(conversation);
        var reordered = s_matcher.Match(conversation with { Participants = withDuplicates });

        Assert.Equal(Describe(original, withTrace: false), Describe(reordered, withTrace: false));
        Assert.Equal(original.ContactIds.Order(StringComparer.Ordinal), reordered.ContactIds.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Generated_conversations_reach_every_outcome()
    {
        var outcomes = Enumerable.Range(0, 400).Select(seed => s_matcher.Match(RandomConversation(seed)).Outcome).ToHashSet();

        Assert.Contains(MatchOutcome.Opportunity, outcomes);
        Assert.Contains(MatchOutcome.Account, outcomes);
        Assert.Contains(MatchOutcome.Suggested, outcomes);
        Assert.Contains(MatchOutcome.NoExternalParticipants, outcomes);
        Assert.Contains(MatchOutcome.Unmatched, outcomes);
    }

    /// <summary>Everything but the order of contact ids (which follows participant order by definition).</summary>
    private static string Describe(MatchDecision d, bool withTrace) =>
        string.Join(
            "|",
            d.Outcome,
            d.Certainty,
            d.OpportunityId,
            d.AccountId,
            d.LeadId,
            string.Join(",", d.SuggestedLeadIds),
            string.Join(",", d.Alternates),
            d.DecidedBy,
            d.SnapshotVersion,
            withTrace ? string.Join(";", d.Trace!.Select(t => $"{t.Candidate}/{t.Step}/{t.Kept}/{t.Why}")) : string.Empty);

    private static Conversation RandomConversation(int seed)
    {
        var random = new Random(seed);
        var contacts = s_records.OfType<CrmContact>().ToArray();
        var leads = s_records.OfType<CrmLead>().ToArray();
        var accounts = s_records.OfType<CrmAccount>().ToArray();
        var participants = new List<ConversationParticipant> { new() { Email = "rep@seller.example", Source = ParticipantSource.Host } };
        var count = random.Next(1, 6);
        for (var i = 0; i < count; i++)
        {
            participants.Add(random.Next(6) switch
            {
                0 => new() { Email = contacts[random.Next(contacts.Length)].Emails[0] },
                1 => new() { Phone = contacts[random.Next(contacts.Length)].Phones[0] },
                2 => new() { Email = leads[random.Next(leads.Length)].Emails[0] },
                3 => new() { Email = $"someone{random.Next(99)}@{new Uri("https://" + Host(accounts[random.Next(accounts.Length)].Website!)).Host}" },
                4 => new() { Email = $"colleague{random.Next(9)}@seller.example" },
                _ => new() { Email = $"stranger{random.Next(999)}@unknown{random.Next(5)}.example" },
            });
        }

        return new Conversation
        {
            Id = $"conv-{seed}",
            Kind = random.Next(4) == 0 ? ConversationKind.PhoneCall : ConversationKind.Meeting,
            Start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
            Host = "rep@seller.example",
            Participants = participants,
        };
    }

    private static string Host(string website)
    {
        var w = website.Contains("://", StringComparison.Ordinal) ? website : "https://" + website;
        var host = new Uri(w).Host;
        return host.StartsWith("www.", StringComparison.Ordinal) ? host[4..] : host;
    }
}
