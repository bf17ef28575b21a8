using System.Text;
using Zoom.RevenueAccelerator.Crm.Matching;
using Zoom.RevenueAccelerator.Crm.Testing;

namespace Zoom.RevenueAccelerator.Crm.Cli.Tests;

public sealed class ZraCrmTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("zra-cli-").FullName;

    public ZraCrmTests()
    {
        var records = FakeCrmDataGenerator.Generate(3_000, seed: 21);
        var snapshot = CrmSnapshot.FromRecords("demo-1", records, "salesforce", new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        ReplayFiles.WriteSnapshotAsync(Path("snapshot.json"), snapshot).GetAwaiter().GetResult();
        var lines = snapshot.Contacts.Take(120).Select((c, i) =>
            $$"""{"id":"c{{i}}","kind":"{{(i % 5 == 0 ? "phoneCall" : "meeting")}}","start":"2026-01-01T10:00:00Z","host":"rep@seller.example","participants":[{"email":"{{c.Emails[0]}}","phone":"{{c.Phones[0]}}"},{"email":"x{{i}}@seller.example"}]}""");
        File.WriteAllLines(Path("conversations.jsonl"), lines);
        File.WriteAllText(Path("options.json"), """{"associatedDomains":["seller.example"],"staleAfterDays":3650}""");
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Path(string name) => System.IO.Path.Combine(_dir, name);

    private static async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        using var stdout = new MemoryStream();
        using var stderr = new StringWriter();
        var code = await ZraCrm.RunAsync(args, stdout, stderr, CancellationToken.None);
        return (code, Encoding.UTF8.GetString(stdout.ToArray()), stderr.ToString());
    }

    [Fact]
    public async Task Match_writes_one_decision_per_conversation_identically_on_every_run()
    {
        string[] args = ["match", "--snapshot", Path("snapshot.json"), "--conversations", Path("conversations.jsonl"), "--options", Path("options.json")];

        var first = await RunAsync(args);
        var second = await RunAsync(args);

        Assert.Equal(0, first.Code);
        Assert.Equal(first.Out, second.Out);
        var lines = first.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(120, lines.Length);
        Assert.StartsWith("{\"conversationId\":\"c0\",", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.Contains("\"outcome\":\"opportunity\"", StringComparison.Ordinal));
        Assert.DoesNotContain("\"trace\"", first.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explain_adds_each_decisions_trace()
    {
        var result = await RunAsync("match", "--snapshot", Path("snapshot.json"), "--conversations", Path("conversations.jsonl"), "--explain");

        Assert.Equal(0, result.Code);
        Assert.All(result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => Assert.Contains("\"trace\":[", l, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Out_writes_the_file_and_nothing_to_standard_output()
    {
        var result = await RunAsync("match", "--snapshot", Path("snapshot.json"), "--conversations", Path("conversations.jsonl"), "--out", Path("decisions.jsonl"));

        Assert.Equal(0, result.Code);
        Assert.Empty(result.Out);
        Assert.Equal(120, File.ReadAllLines(Path("decisions.jsonl")).Length);
        Assert.Contains("120 decisions written", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_conversation_line_fails_with_its_location_and_writes_nothing()
    {
        File.AppendAllText(Path("conversations.jsonl"), "{\"id\":\"bad\",\"kind\":\"webinar\",\"start\":\"2026-01-01T10:00:00Z\"}\n");

        var result = await RunAsync("match", "--snapshot", Path("snapshot.json"), "--conversations", Path("conversations.jsonl"), "--out", Path("decisions.jsonl"));

        Assert.Equal(2, result.Code);
        Assert.Equal($"zra-crm: {Path("conversations.jsonl")}:121: $.kind: expected \"meeting\" or \"phoneCall\", found \"webinar\"", result.Err.Trim());
        Assert.False(File.Exists(Path("decisions.jsonl")));
    }

    [Fact]
    public async Task A_missing_file_or_option_is_an_invalid_input_in_one_line()
    {
        var missingFile = await RunAsync("match", "--snapshot", Path("nope.json"), "--conversations", Path("conversations.jsonl"));
        var missingOption = await RunAsync("match", "--conversations", Path("conversations.jsonl"));

        Assert.Equal(2, missingFile.Code);
        Assert.Contains("nope.json: no such file", missingFile.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", missingFile.Err, StringComparison.Ordinal);
        Assert.Equal(2, missingOption.Code);
        Assert.Contains("--snapshot", missingOption.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verbose_adds_the_exception_details()
    {
        var result = await RunAsync("match", "--snapshot", Path("nope.json"), "--conversations", Path("conversations.jsonl"), "--verbose");

        Assert.Equal(2, result.Code);
        Assert.Contains("System.IO.FileNotFoundException", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Diff_shows_what_an_option_change_does_and_exits_1_when_anything_changed()
    {
        File.WriteAllText(Path("strict.json"), """{"associatedDomains":["seller.example"],"staleAfterDays":60,"ambiguity":"requireUnique"}""");
        await RunAsync("match", "--snapshot", Path("snapshot.json"), "--conversations", Path("conversations.jsonl"), "--options", Path("options.json"), "--out", Path("before.jsonl"));
        await RunAsync("match", "--snapshot", Path("snapshot.json"), "--conversations", Path("conversations.jsonl"), "--options", Path("strict.json"), "--out", Path("after.jsonl"));

        var same = await RunAsync("diff", Path("before.jsonl"), Path("before.jsonl"));
        var changed = await RunAsync("diff", Path("before.jsonl"), Path("after.jsonl"));

        Assert.Equal(0, same.Code);
        Assert.Equal("0 of 120 conversations differ", same.Out.Trim());
        Assert.Equal(1, changed.Code);
        Assert.Contains("changed  c", changed.Out, StringComparison.Ordinal);
        Assert.Matches(@"[1-9]\d* of 120 conversations differ", changed.Out);
    }

    [Fact]
    public async Task Diff_reports_added_and_removed_conversations()
    {
        await RunAsync("match", "--snapshot", Path("snapshot.json"), "--conversations", Path("conversations.jsonl"), "--out", Path("all.jsonl"));
        var lines = File.ReadAllLines(Path("all.jsonl"));
        File.WriteAllLines(Path("fewer.jsonl"), lines.Skip(1));

        var result = await RunAsync("diff", Path("all.jsonl"), Path("fewer.jsonl"));
        var reverse = await RunAsync("diff", Path("fewer.jsonl"), Path("all.jsonl"));

        Assert.Equal(1, result.Code);
        Assert.StartsWith("removed  c0:", result.Out, StringComparison.Ordinal);
        Assert.StartsWith("added    c0:", reverse.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("match", "--help")]
    [InlineData("diff", "--help")]
    public async Task Every_command_has_help(params string[] args)
    {
        var result = await RunAsync(args);

        Assert.Equal(0, result.Code);
        Assert.Contains("Usage:", result.Out, StringComparison.Ordinal);
    }
}
