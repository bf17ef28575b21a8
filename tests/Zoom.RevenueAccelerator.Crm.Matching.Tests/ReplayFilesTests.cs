using System.Runtime.CompilerServices;
using System.Text;
using Zoom.RevenueAccelerator.Crm.Testing;
using static Zoom.RevenueAccelerator.Crm.Matching.Tests.Build;

namespace Zoom.RevenueAccelerator.Crm.Matching.Tests;

public sealed class ReplayFilesTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("zra-replay-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string FilePath(string name, string? content = null)
    {
        var path = Path.Combine(_dir, name);
        if (content is not null)
        {
            File.WriteAllText(path, content, new UTF8Encoding(false));
        }

        return path;
    }

    [Fact]
    public async Task A_snapshot_survives_a_write_and_a_read_byte_for_byte_and_matches_the_same()
    {
        var original = CrmSnapshot.FromRecords("gen-1", FakeCrmDataGenerator.Generate(2_000, seed: 8), "salesforce", Start);
        var first = FilePath("a.json");
        var second = FilePath("b.json");

        await ReplayFiles.WriteSnapshotAsync(first, original);
        var read = await ReplayFiles.ReadSnapshotAsync(first);
        await ReplayFiles.WriteSnapshotAsync(second, read);

        Assert.Equal(File.ReadAllBytes(first), File.ReadAllBytes(second));
        Assert.Equal(("salesforce", "gen-1", original.Count), (read.Provider, read.Version, read.Count));
        Assert.StartsWith("{\"format\":\"crm-snapshot/1\"", File.ReadAllText(first), StringComparison.Ordinal);
        var conversations = original.Contacts.Take(50).Select((c, i) => Meeting(c.Emails[0]) with { Id = $"c{i}" }).ToArray();
        var fromOriginal = FilePath("d-original.jsonl");
        var fromRead = FilePath("d-read.jsonl");
        await ReplayFiles.WriteDecisionsAsync(fromOriginal, conversations.Select(c => ConversationMatcher.Create(original).Match(c)).ToAsyncEnumerable());
        await ReplayFiles.WriteDecisionsAsync(fromRead, conversations.Select(c => ConversationMatcher.Create(read).Match(c)).ToAsyncEnumerable());
        Assert.Equal(File.ReadAllBytes(fromOriginal), File.ReadAllBytes(fromRead));
    }

    [Fact]
    public async Task A_truncated_snapshot_names_the_file_and_line()
    {
        var path = FilePath("cut.json", "{\"format\":\"crm-snapshot/1\",\"version\":\"1\",\n\"accounts\":[{\"id\":\"001A\",\"name\":\"A\",\"domains\":[],\n\"lastModified\":\"2026-03-04T15:00:00Z\"},{\"id\":");

        var error = await Assert.ThrowsAsync<ReplayFormatException>(() => ReplayFiles.ReadSnapshotAsync(path));

        Assert.Equal(path, error.File);
        Assert.Equal(3, error.Line);
        Assert.StartsWith(path + ":3: ", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"format\":\"crm-snapshot/2\",\"version\":\"1\"}", "$.format", "expected \"crm-snapshot/1\", found \"crm-snapshot/2\"")]
    [InlineData("{\"format\":\"crm-snapshot/1\",\"version\":\"1\",\"contacts\":[{\"id\":\"003A\"},{\"id\":\"003A\"}]}", "$.contacts[1].id", "duplicate id '003A'")]
    [InlineData("{\"format\":\"crm-snapshot/1\",\"version\":\"1\",\"leads\":[{\"id\":\"\"}]}", "$.leads[0].id", "expected a non-empty id")]
    [InlineData("{\"format\":\"crm-snapshot/1\",\"version\":\"1\",\"accounts\":[{\"id\":\"001\",\"domains\":\"acme.com\"}]}", "$.accounts[0].domains", "could not be converted")]
    public async Task A_malformed_snapshot_names_the_JSON_path_and_what_was_expected(string json, string jsonPath, string problem)
    {
        var path = FilePath("bad.json", json);

        var error = await Assert.ThrowsAsync<ReplayFormatException>(() => ReplayFiles.ReadSnapshotAsync(path));

        Assert.Equal(jsonPath, error.JsonPath);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_required_property_is_named()
    {
        var path = FilePath("noversion.json", "{\"format\":\"crm-snapshot/1\"}");

        var error = await Assert.ThrowsAsync<ReplayFormatException>(() => ReplayFiles.ReadSnapshotAsync(path));

        Assert.Contains("version", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Conversations_are_read_line_by_line_with_kinds_sources_and_unknown_properties_ignored()
    {
        var path = FilePath("c.jsonl", """
            {"id":"c1","kind":"meeting","start":"2026-03-04T15:00:00Z","end":"2026-03-04T15:30:00Z","host":"rep@seller.com","participants":[{"email":"a@acme.com","source":"calendar"},{"phone":"+1 555","source":"host"}],"extra":1}

            {"id":"c2","kind":"phoneCall","start":"2026-03-04T16:00:00+01:00","participants":[]}
            """);

        var conversations = await ReplayFiles.ReadConversationsAsync(path).ToListAsync();

        Assert.Equal(2, conversations.Count);
        Assert.Equal(ConversationKind.Meeting, conversations[0].Kind);
        Assert.Equal([ParticipantSource.Calendar, ParticipantSource.Host], conversations[0].Participants.Select(p => p.Source));
        Assert.Equal(ConversationKind.PhoneCall, conversations[1].Kind);
        Assert.Equal(new DateTimeOffset(2026, 3, 4, 15, 0, 0, TimeSpan.Zero), conversations[1].Start);
        Assert.Equal(TimeSpan.Zero, conversations[1].Start.Offset);
    }

    [Theory]
    [InlineData("{\"id\":\"c3\",\"kind\":\"webinar\",\"start\":\"2026-03-04T15:00:00Z\"}", "$.kind", "expected \"meeting\" or \"phoneCall\", found \"webinar\"")]
    [InlineData("{\"id\":\"c3\",\"kind\":\"meeting\",\"start\":\"yesterday\"}", "$.start", "could not be converted")]
    [InlineData("{\"id\":\"c3\",\"kind\":\"meeting\",\"start\":\"2026-03-04T15:00:00Z\",\"participants\":[{\"source\":\"bcc\"}]}", "$.participants[0].source", "expected \"calendar\", \"attendee\" or \"host\"")]
    [InlineData("{\"kind\":\"meeting\",\"start\":\"2026-03-04T15:00:00Z\"}", null, "id")]
    [InlineData("{\"id\":\"c3\",", null, "")]
    public async Task A_bad_conversation_line_names_the_file_the_line_and_the_problem(string badLine, string? jsonPath, string problem)
    {
        var path = FilePath("bad.jsonl", "{\"id\":\"c1\",\"kind\":\"meeting\",\"start\":\"2026-03-04T15:00:00Z\"}\n\n" + badLine + "\n");

        var error = await Assert.ThrowsAsync<ReplayFormatException>(async () => await ReplayFiles.ReadConversationsAsync(path).ToListAsync());

        Assert.Equal(3, error.Line);
        if (jsonPath is not null)
        {
            Assert.Equal(jsonPath, error.JsonPath);
        }

        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.StartsWith(path + ":3: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Options_edit_the_built_in_lists_and_default_the_rest()
    {
        var path = FilePath("o.json", """
            { "associatedDomains": ["seller.com"], "freeMailDomains": { "add": ["corp-mail.example"], "remove": ["gmail.com"] },
              "roleMailboxes": { "add": ["sales"] }, "closedWindowDays": 5, "leadHandling": "autoMatchExact", "ambiguity": "requireUnique" }
            """);

        var options = await ReplayFiles.ReadOptionsAsync(path);

        Assert.Equal(["seller.com"], options.AssociatedDomains);
        Assert.Contains("corp-mail.example", options.FreeMailDomains);
        Assert.DoesNotContain("gmail.com", options.FreeMailDomains);
        Assert.Contains("yahoo.com", options.FreeMailDomains);
        Assert.Contains("sales", options.RoleMailboxes);
        Assert.Contains("noreply", options.RoleMailboxes);
        Assert.Equal((5, 730, 3), (options.ClosedWindowDays, options.StaleAfterDays, options.MaxAlternates));
        Assert.Equal((LeadHandling.AutoMatchExact, AmbiguityPolicy.RequireUnique), (options.LeadHandling, options.Ambiguity));
    }

    [Theory]
    [InlineData("{\"leadHandling\":\"always\"}", "$.leadHandling")]
    [InlineData("{\"ambiguity\":\"random\"}", "$.ambiguity")]
    [InlineData("{\"staleAfterDays\":0}", "$.staleAfterDays")]
    [InlineData("{\"closedWindowDays\":\"five\"}", "$.closedWindowDays")]
    public async Task Bad_options_name_the_property(string json, string jsonPath)
    {
        var error = await Assert.ThrowsAsync<ReplayFormatException>(() => ReplayFiles.ReadOptionsAsync(FilePath("o.json", json)));

        Assert.Equal(jsonPath, error.JsonPath);
    }

    [Fact]
    public async Task Manual_matches_are_read_and_a_bad_kind_is_named()
    {
        var good = FilePath("m.jsonl", "{\"conversationId\":\"c1\",\"target\":{\"kind\":\"lead\",\"id\":\"00QA\"},\"by\":\"ann\",\"at\":\"2026-03-05T10:00:00Z\"}\n");
        var bad = FilePath("bad-m.jsonl", "{\"conversationId\":\"c1\",\"target\":{\"kind\":\"contact\",\"id\":\"003A\"},\"by\":\"ann\",\"at\":\"2026-03-05T10:00:00Z\"}\n");

        var manual = Assert.Single(await ReplayFiles.ReadManualMatchesAsync(good));
        var error = await Assert.ThrowsAsync<ReplayFormatException>(() => ReplayFiles.ReadManualMatchesAsync(bad));

        Assert.Equal(new CrmRecordReference(CrmRecordKind.Lead, "00QA"), manual.Target);
        Assert.Equal("$.target.kind", error.JsonPath);
    }

    [Fact]
    public async Task Decisions_are_written_in_the_spec_shape_identically_every_time_and_read_back()
    {
        var matcher = ConversationMatcher.Create(Snapshot(Account("001A", "acme.com"), Contact("003A", "001A", "pat@acme.com"), Opportunity("006A", "001A"), Opportunity("006B", "001A", modifiedDaysAgo: 9)), Options);
        MatchDecision[] decisions =
        [
            matcher.Match(Meeting("pat@acme.com")),
            matcher.Match(Meeting("colleague@seller.com") with { Id = "c2" }),
            matcher.Match(Meeting("pat@acme.com") with { Id = "c3" }, [new ManualMatch { ConversationId = "c3", Target = new(CrmRecordKind.Account, "001A"), By = "ann", At = Start }], includeTrace: true),
        ];
        var first = FilePath("d1.jsonl");
        var second = FilePath("d2.jsonl");

        await ReplayFiles.WriteDecisionsAsync(first, decisions.ToAsyncEnumerable());
        await ReplayFiles.WriteDecisionsAsync(second, decisions.ToAsyncEnumerable());
        var lines = File.ReadAllLines(first);
        var read = await ReplayFiles.ReadDecisionsAsync(first).ToListAsync();

        Assert.Equal(File.ReadAllBytes(first), File.ReadAllBytes(second));
        Assert.Equal(
            """{"conversationId":"conv-1","outcome":"opportunity","certainty":"exact","opportunityId":"006A","accountId":"001A","contactIds":["003A"],"suggestedLeadIds":[],"alternates":[{"kind":"opportunity","id":"006B"}],"decidedBy":"opportunity.lastModified","snapshotVersion":"v1"}""",
            lines[0]);
        Assert.Equal(
            """{"conversationId":"c2","outcome":"noExternalParticipants","certainty":null,"contactIds":[],"suggestedLeadIds":[],"alternates":[],"decidedBy":"noExternalParticipants","snapshotVersion":"v1"}""",
            lines[1]);
        Assert.Contains("\"manual\":{\"by\":\"ann\",\"at\":\"2026-03-04T15:00:00Z\"}", lines[2], StringComparison.Ordinal);
        Assert.Contains("\"trace\":[", lines[2], StringComparison.Ordinal);
        Assert.DoesNotContain("trace", lines[0], StringComparison.Ordinal);
        Assert.Equal(decisions.Select(d => (d.ConversationId, d.Outcome, d.Certainty, d.Chosen, d.DecidedBy)), read.Select(d => (d.ConversationId, d.Outcome, d.Certainty, d.Chosen, d.DecidedBy)));
    }

    [Fact]
    public async Task A_failed_write_leaves_the_existing_file_untouched_and_no_temporary_file()
    {
        var path = FilePath("d.jsonl", "previous content\n");

        await Assert.ThrowsAsync<InvalidOperationException>(() => ReplayFiles.WriteDecisionsAsync(path, Failing()));

        Assert.Equal("previous content\n", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(_dir));
    }

    [Fact]
    public async Task A_missing_file_says_so()
    {
        var error = await Assert.ThrowsAsync<FileNotFoundException>(() => ReplayFiles.ReadSnapshotAsync(Path.Combine(_dir, "nope.json")));

        Assert.Contains("nope.json: no such file", error.Message, StringComparison.Ordinal);
    }

    private static async IAsyncEnumerable<MatchDecision> Failing([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        yield return new MatchDecision { ConversationId = "c1", Outcome = MatchOutcome.Unmatched, DecidedBy = "unmatched", SnapshotVersion = "v" };
        throw new InvalidOperationException("the source failed half way");
    }
}
