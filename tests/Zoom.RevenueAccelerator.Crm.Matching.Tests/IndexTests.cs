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
