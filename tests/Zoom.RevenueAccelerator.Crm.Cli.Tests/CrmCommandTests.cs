using System.Text;
using Zoom.RevenueAccelerator.Crm.Matching;
using Zoom.RevenueAccelerator.Crm.Testing;

namespace Zoom.RevenueAccelerator.Crm.Cli.Tests;

/// <summary>connect, sync, match and emulate end to end: the tool runs the Salesforce emulator and talks to it over HTTP.</summary>
public sealed class CrmCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("zra-cli-crm-").FullName;

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
    public async Task Emulate_then_connect_sync_and_match_against_it_end_to_end()
    {
        using var stop = new CancellationTokenSource();
        using var emulatorOut = new MemoryStream();
        using var emulatorErr = new StringWriter();
        var connection = Path("emulator.json");
        var emulate = ZraCrm.RunAsync(["emulate", "salesforce", "--seed", "1500", "--connection-out", connection], emulatorOut, emulatorErr, stop.Token);
        for (var i = 0; i < 600 && !File.Exists(connection) && !emulate.IsCompleted; i++)
        {
            await Task.Delay(50); // the emulator runs on its own; wait for its connection file
        }

        Assert.True(File.Exists(connection), "emulate wrote no connection file: " + emulatorErr);

        var connect = await RunAsync("connect", "--connection", connection);
        Assert.Equal(0, connect.Code);
        Assert.Contains("connected", connect.Out, StringComparison.Ordinal);
        Assert.Contains("yes", connect.Out, StringComparison.Ordinal);
        Assert.Contains("estimate", connect.Out, StringComparison.Ordinal);

        var sync = await RunAsync("sync", "--connection", connection, "--out", Path("snapshot.json"));
        Assert.True(sync.Code == 0, sync.Err);
        var snapshot = await ReplayFiles.ReadSnapshotAsync(Path("snapshot.json"));
        Assert.Equal(FakeCrmDataGenerator.Generate(1500, seed: 42).Count, snapshot.Count);
        Assert.Equal("salesforce", snapshot.Provider);
        Assert.Contains("1500 records", sync.Out, StringComparison.Ordinal);

        var contact = snapshot.Contacts[0];
        File.WriteAllText(Path("conversations.jsonl"), $$"""{"id":"c1","kind":"meeting","start":"2026-11-01T10:00:00Z","host":"rep@seller.example","participants":[{"email":"{{contact.Emails[0]}}"}]}""" + "\n");
        var match = await RunAsync("match", "--snapshot", Path("snapshot.json"), "--conversations", Path("conversations.jsonl"));
        Assert.Equal(0, match.Code);
        Assert.Contains(contact.Id, match.Out, StringComparison.Ordinal);

        await stop.CancelAsync();
        Assert.Equal(0, await emulate);
        Assert.Contains("emulator stopped", emulatorErr.ToString(), StringComparison.Ordinal);
        Assert.Contains("\"provider\": \"salesforce\"", Encoding.UTF8.GetString(emulatorOut.ToArray()), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"provider":"salesforce","salesforce":{"clientId":"k","username":"u","privateKeyEnv":"ZRA_TEST_KEY","loginurl":"https://x"}}""", "$.salesforce.loginurl: unknown property")]
    [InlineData("""{"provider":"salesforce","salesforce":{"username":"u","privateKeyEnv":"ZRA_TEST_KEY"}}""", "$.salesforce.clientId: required, and missing")]
    [InlineData("""{"provider":"salesforce","salesforce":{"loginUrl":"http://login.salesforce.com","clientId":"k","username":"u","privateKeyEnv":"ZRA_TEST_KEY"}}""", "must use https")]
    [InlineData("""{"provider":"salesforce","salesforce":{"clientId":"k","username":"u","privateKeyEnv":"ZRA_NOT_SET_ANYWHERE"}}""", "ZRA_NOT_SET_ANYWHERE is not set")]
    [InlineData("""{"provider":"salesforce","salesforce":{"clientId":"k","username":"u","privateKeyPath":"missing.pem"}}""", "missing.pem does not exist")]
    [InlineData("""{"provider":"oracle"}""", "$.provider: expected one of")]
    [InlineData("""{"provider":"salesforce","settings":{"competitorPublishing":"everywhere"},"salesforce":{}}""", "$.settings.competitorPublishing")]
    [InlineData("""{"provider":"salesforce", """, "not valid JSON")]
    public async Task A_wrong_connection_file_is_one_line_naming_the_file_and_the_setting(string json, string message)
    {
        File.WriteAllText(Path("bad.json"), json);

        var result = await RunAsync("connect", "--connection", Path("bad.json"));

        Assert.Equal(2, result.Code);
        var line = Assert.Single(result.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("bad.json", line, StringComparison.Ordinal);
        Assert.Contains(message, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_CRM_refusal_is_one_line_with_what_the_CRM_said_and_the_stack_only_with_verbose()
    {
        using var stop = new CancellationTokenSource();
        var connection = Path("emulator.json");
        var emulate = ZraCrm.RunAsync(["emulate", "salesforce", "--seed", "10", "--connection-out", connection], new MemoryStream(), new StringWriter(), stop.Token);
        for (var i = 0; i < 600 && !File.Exists(connection); i++)
        {
            await Task.Delay(50);
        }

        File.WriteAllText(Path("wrong-user.json"), File.ReadAllText(connection).Replace("integration@emulator.example", "someone@else.example", StringComparison.Ordinal));
        var plain = await RunAsync("connect", "--connection", Path("wrong-user.json"));
        var verbose = await RunAsync("connect", "--connection", Path("wrong-user.json"), "--verbose");
        await stop.CancelAsync();
        await emulate;

        Assert.Equal(4, plain.Code);
        var line = Assert.Single(plain.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("user hasn't approved this consumer", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", plain.Err, StringComparison.Ordinal);
        Assert.Contains("   at ", verbose.Err, StringComparison.Ordinal);
    }
}
