using Zoom.RevenueAccelerator.Crm.Testing;
using static Zoom.RevenueAccelerator.Crm.Matching.Tests.Build;

namespace Zoom.RevenueAccelerator.Crm.Matching.Tests;

/// <summary>The index: incremental updates, atomic batches under concurrent readers, the trace, the version.</summary>
public sealed class IndexTests
{
    [Fact]
    public void Change_batches_update_the_index_without_a_rebuild()
    {
        var matcher = ConversationMatcher.Create(Snapshot(Account("001A", "acme.com"), Contact("003A", "001A", "old@acme.com")), Options);

        matcher.Apply(new CrmChangeBatch { Upserts = [Contact("003A", "001A", "new@acme.com"), Contact("003N", "001A", "newbie@acme.com"), Opportunity("006A", "001A")] }, "v2");
        var renamedOld = matcher.Match(Meeting("old@acme.com"));
        var renamedNew = matcher.Match(Meeting("new@acme.com"));
        matcher.Apply(new CrmChangeBatch { Deletes = [new(CrmRecordKind.Contact, "003N"), new(CrmRecordKind.Account, "001A")] }, "v3");
        var deleted = matcher.Match(Meeting("newbie@acme.com"));

        Assert.Empty(renamedOld.ContactIds);                     // the old address left the index
        Assert.Equal(["003A"], renamedNew.ContactIds);
        Assert.Equal("006A", renamedNew.OpportunityId);
        Assert.Equal("v2", renamedNew.SnapshotVersion);
        Assert.Empty(deleted.ContactIds);
        Assert.Equal(MatchOutcome.Unmatched, deleted.Outcome);
        Assert.Equal("v3", deleted.SnapshotVersion);
        Assert.Equal("v3", matcher.SnapshotVersion);
        Assert.Equal(2, matcher.RecordCount); // the contact and the opportunity remain
    }

    [Fact]
    public async Task Readers_see_a_whole_batch_or_none_of_it_while_a_writer_applies_batches()
    {
        // Each batch moves the contact to a new account and deletes the old one: half a batch would
        // show a contact whose account is missing (an account-less match) or two accounts.
        var matcher = ConversationMatcher.Create(CrmSnapshot.FromRecords("v0", [Account("001-0", "acme.com"), Contact("003A", "001-0", "pat@acme.com")]), Options);
        using var stop = new CancellationTokenSource();
        var torn = 0;
        var reads = 0;

        var readers = Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                var decision = matcher.Match(Meeting("pat@acme.com"));
                var version = decision.SnapshotVersion;
                if (decision.AccountId != "001-" + version.TrimStart('v') || decision.Certainty != MatchCertainty.Exact)
                {
                    Interlocked.Increment(ref torn);
                }

                Interlocked.Increment(ref reads);
            }
        })).ToArray();

        for (var i = 1; i <= 2000; i++)
        {
            matcher.Apply(new CrmChangeBatch
            {
                Upserts = [Account($"001-{i}", "acme.com"), Contact("003A", $"001-{i}", "pat@acme.com")],
                Deletes = [new(CrmRecordKind.Account, $"001-{i - 1}")],
            }, $"v{i}");
        }

        SpinWait.SpinUntil(() => Volatile.Read(ref reads) > 1000, TimeSpan.FromSeconds(10));
        stop.Cancel();
        await Task.WhenAll(readers);

        Assert.Equal(0, torn);
        Assert.True(reads > 0);
        Assert.Equal("001-2000", matcher.Match(Meeting("pat@acme.com")).AccountId);
    }

    [Fact]
    public void The_trace_is_only_there_when_asked_for_and_names_every_candidate_and_why()
    {
        CrmRecord[] records =
        [
            Account("001A", "acme.com"), Contact("003A", "001A", "pat@acme.com"),
            Opportunity("006OK", "001A", roles: ["003A"]),
            Opportunity("006STALE", "001A", createdDaysAgo: 1000, modifiedDaysAgo: 800),
            Opportunity("006NOROLE", "001A", modifiedDaysAgo: 1),
        ];
        var matcher = ConversationMatcher.Create(Snapshot(records), Options);

        var plain = matcher.Match(Meeting("pat@acme.com"));
        var traced = matcher.Match(Meeting("pat@acme.com"), includeTrace: true);

        Assert.Null(plain.Trace);
        Assert.Equal(("006OK", plain.DecidedBy, plain.Certainty), (traced.OpportunityId, traced.DecidedBy, traced.Certainty));
        var trace = traced.Trace!;
        Assert.Contains(trace, t => t is { Candidate.Id: "003A", Step: "exactIdentifiers", Kept: true });
        Assert.Contains(trace, t => t is { Candidate.Id: "001A", Step: "accounts", Kept: true });
        Assert.Contains(trace, t => t is { Candidate.Id: "006STALE", Step: "opportunities", Kept: false, Why: "stale" });
        Assert.Contains(trace, t => t is { Candidate.Id: "006NOROLE", Step: "narrow", Kept: false });
        Assert.Contains(trace, t => t is { Candidate.Id: "006OK", Step: "rank", Kept: true });
    }

    [Fact]
    public void Keys_with_many_records_are_built_in_bulk_and_still_update_incrementally()
    {
        var contacts = Enumerable.Range(0, 300).Select(i => (CrmRecord)Contact($"003{i:D3}", $"001{i % 7}", "shared@acme.com", modifiedDaysAgo: i + 1));
        var accounts = Enumerable.Range(0, 7).Select(i => (CrmRecord)Account($"001{i}", "acme.com"));
        var opportunities = Enumerable.Range(0, 50).Select(i => (CrmRecord)Opportunity($"006{i:D3}", "0013", modifiedDaysAgo: i + 2));
        var matcher = ConversationMatcher.Create(Snapshot([.. contacts, .. accounts, .. opportunities]), Options);

        var before = matcher.Match(Meeting("shared@acme.com"));
        matcher.Apply(new CrmChangeBatch { Upserts = [Contact("003NEW", "0013", "shared@acme.com", modifiedDaysAgo: 0), Opportunity("006NEW", "0013", modifiedDaysAgo: 1)], Deletes = [new(CrmRecordKind.Contact, "003000")] }, "v2");
        var after = matcher.Match(Meeting("shared@acme.com"));

        Assert.Equal(["003003"], before.ContactIds); // 0013 has open opportunities; then the most recent
        Assert.Equal("006000", before.OpportunityId);
        Assert.Equal(["003NEW"], after.ContactIds);
        Assert.Equal("006NEW", after.OpportunityId);
    }

    [Fact]
    public void Opportunities_of_accounts_the_data_lacks_load_and_are_reached_through_a_converted_lead()
    {
        // More account ids named only by opportunities than the index made room for (it sizes by the accounts it is given).
        var opportunities = Enumerable.Range(0, 40).Select(i => (CrmRecord)Opportunity($"006X{i:D2}", $"001MISSING{i:D2}"));
        var lead = Lead("00QC", "pat@acme.com", converted: new CrmLeadConversion { ContactId = "003GONE", AccountId = "001MISSING39", OpportunityId = "006X39" });
        var matcher = ConversationMatcher.Create(Snapshot([.. opportunities, lead]), Options);

        var decision = matcher.Match(Meeting("pat@acme.com"));

        Assert.Equal(41, matcher.RecordCount);
        Assert.Equal(MatchOutcome.Opportunity, decision.Outcome);
        Assert.Equal("006X39", decision.OpportunityId);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void An_index_updated_by_change_batches_decides_as_one_built_from_the_final_records(int seed)
    {
        // A generated org changed at random: addresses kept, changed, shared and dropped, records
        // moved between accounts, leads converted and back, deletes and re-adds; the snapshot the
        // updated index starts from repeats some records (an older version first).
        var random = new Random(seed);
        var initial = FakeCrmDataGenerator.Generate(3_000, seed, Start);
        var state = new Dictionary<(Type, string), CrmRecord>();
        foreach (var record in initial)
        {
            state[(record.GetType(), record.Id)] = record;
        }

        var repeated = initial.Where((_, i) => i % 97 == 0).Select(r => Older(r)).ToList();
        var updated = ConversationMatcher.Create(CrmSnapshot.FromRecords("v0", [.. repeated, .. initial], "test", Start), Options);
        var addresses = initial.Concat(repeated).SelectMany(Addresses).ToList();
        var deleted = new List<CrmRecord>();

        for (var b = 0; b < 30; b++)
        {
            var upserts = new List<CrmRecord>();
            var deletes = new List<CrmRecordReference>();
            var deletedKeys = new List<(Type, string)>();
            for (var i = 0; i < 40; i++)
            {
                var current = state.Values.ElementAt(random.Next(state.Count));
                var change = random.Next(10);
                if (change == 0)
                {
                    state.Remove((current.GetType(), current.Id));
                    deletes.Add(current.Reference);
                    deletedKeys.Add((current.GetType(), current.Id));
                    deleted.Add(current);
                    continue;
                }

                var next = change == 1 && deleted.Count > 0 ? deleted[random.Next(deleted.Count)] : Changed(current, state, addresses, random, b);
                state[(next.GetType(), next.Id)] = next;
                upserts.Add(next);
                addresses.AddRange(Addresses(next));
            }

            // A batch applies its upserts before its deletes: a record both upserted and deleted in one batch ends deleted.
            foreach (var key in deletedKeys)
            {
                state.Remove(key);
            }

            updated.Apply(new CrmChangeBatch { Upserts = upserts, Deletes = deletes }, $"v{b + 1}");
        }

        var rebuilt = ConversationMatcher.Create(CrmSnapshot.FromRecords("v30", state.Values.ToList(), "test", Start), Options);

        Assert.Equal(rebuilt.RecordCount, updated.RecordCount);
        for (var c = 0; c < 600; c++)
        {
            var picked = Enumerable.Range(0, 1 + random.Next(4)).Select(_ => addresses[random.Next(addresses.Count)]).ToArray();
            var conversation = picked.All(a => a.StartsWith('+')) ? Call(picked) : Meeting(picked.Where(a => !a.StartsWith('+')).ToArray());
            Assert.Equal(Summary(rebuilt.Match(conversation)), Summary(updated.Match(conversation)));
        }
    }

    private static CrmRecord Older(CrmRecord record) => record switch
    {
        CrmContact c => c with { Emails = ["older." + c.Emails[0]], AccountId = null },
        CrmLead l => l with { Emails = ["older@old-prospect.example"], Converted = null },
        CrmAccount a => a with { Website = "https://older.example", Domains = [] },
        CrmOpportunity o => o with { AccountId = null },
        CrmUser u => u with { Emails = ["older." + u.Emails[0]] },
        _ => record,
    };

    private static CrmRecord Changed(CrmRecord current, Dictionary<(Type, string), CrmRecord> state, List<string> addresses, Random random, int batch)
    {
        string AnyAccount() => state.Values.OfType<CrmAccount>().ElementAt(random.Next(state.Values.OfType<CrmAccount>().Count())).Id;
        string AnyContact() => state.Values.OfType<CrmContact>().ElementAt(random.Next(state.Values.OfType<CrmContact>().Count())).Id;
        var at = Start.AddDays(-random.Next(1, 400));
        return current switch
        {
            CrmContact c => random.Next(4) switch
            {
                0 => c with { Emails = [$"moved{batch}.{random.Next(1000)}@{Workplace(state, random)}"], LastModified = at },
                1 => c with { AccountId = AnyAccount(), LastModified = at },
                2 => c with { Emails = [.. c.Emails, addresses[random.Next(addresses.Count)]], LastModified = at }, // shares an address
                _ => c with { Phones = [$"+1 555 {random.Next(10_000_000):D7}"], LastModified = at },
            },
            CrmLead l => random.Next(3) switch
            {
                0 => l with { Converted = l.Converted is null ? new CrmLeadConversion { ContactId = AnyContact(), AccountId = AnyAccount() } : null },
                1 => l with { Emails = [$"lead{batch}.{random.Next(1000)}@prospect{random.Next(50)}.example"] },
                _ => l with { Emails = [.. l.Emails, $"again{random.Next(100)}@{Workplace(state, random)}"], LastModified = at },
            },
            CrmOpportunity o => random.Next(3) switch
            {
                0 => o with { AccountId = AnyAccount(), LastModified = at },
                1 => o with { IsClosed = !o.IsClosed, CloseDate = DateOnly.FromDateTime(at.UtcDateTime), LastModified = at },
                _ => o with { ContactRoleContactIds = [AnyContact()], LastModified = at },
            },
            CrmAccount a => random.Next(2) == 0
                ? a with { Website = $"https://www.renamed{batch}-{random.Next(100)}.example/" }
                : a with { Domains = [.. a.Domains, $"extra{random.Next(30)}.example"] },
            CrmUser u => u with { Emails = [$"user{batch}.{random.Next(100)}@seller.com"] },
            _ => current with { LastModified = at },
        };
    }

    private static string Workplace(Dictionary<(Type, string), CrmRecord> state, Random random)
    {
        var accounts = state.Values.OfType<CrmAccount>().Where(a => a.Website is not null).ToList();
        var website = accounts[random.Next(accounts.Count)].Website!;
        var host = new Uri(website.Contains("://", StringComparison.Ordinal) ? website : "https://" + website).Host;
        return host.StartsWith("www.", StringComparison.Ordinal) ? host[4..] : host;
    }

    private static IEnumerable<string> Addresses(CrmRecord record) => record switch
    {
        CrmContact c => [.. c.Emails, .. c.Phones],
        CrmLead l => [.. l.Emails, .. l.Phones],
        CrmUser u => u.Emails,
        _ => [],
    };

    private static string Summary(MatchDecision d) =>
        $"{d.Outcome} {d.Certainty} opp={d.OpportunityId} account={d.AccountId} lead={d.LeadId} contacts={string.Join(',', d.ContactIds)} "
        + $"suggested={string.Join(',', d.SuggestedLeadIds)} alternates={string.Join(',', d.Alternates.Select(a => a.Id))} by={d.DecidedBy}";

    [Fact]
    public void Bad_options_are_rejected_naming_the_setting()
    {
        var error = Assert.Throws<ArgumentException>(() => ConversationMatcher.Create(Snapshot(), new MatchingOptions { StaleAfterDays = 0 }));

        Assert.Contains("MatchingOptions.StaleAfterDays", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_generated_demo_org_builds_an_index_holding_every_record()
    {
        var records = FakeCrmDataGenerator.Generate(20_000, seed: 4);

        var matcher = ConversationMatcher.Create(CrmSnapshot.FromRecords("g1", records), Options);

        Assert.Equal(20_000, matcher.RecordCount);
    }
}
