using System.Diagnostics;
using System.Reflection;

namespace Zoom.RevenueAccelerator.Crm.Salesforce.Tests;

/// <summary>Runs the quick start as a newcomer does (its output redirected) and checks that it shows what the README promises.</summary>
public sealed class QuickStartTests
{
    [Fact]
    public async Task The_quick_start_shows_every_outcome_one_task_each_the_scheduled_sync_and_the_removal()
    {
        var dll = typeof(QuickStartTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "QuickStartDll").Value!;
        Assert.True(File.Exists(dll), $"{dll} was not built");
        var start = new ProcessStartInfo("dotnet", [dll, "2000"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        var text = await output;

        Assert.True(process.ExitCode == 0, text + await errors);
        Assert.Contains("connected True", text, StringComparison.Ordinal);
        Assert.Contains("(an estimate", text, StringComparison.Ordinal);
        Assert.Contains("Full sync: 2,015 added", text, StringComparison.Ordinal);
        foreach (var expected in new[]
        {
            "opportunity 'Northwind - Expansion'  narrow.contactRoles",
            "opportunity 'Contoso - Pilot'        narrow.owners",
            "account 'Fabrikam'",
            "DomainInferred",
            "leads: lead 'Alex Kim'",
            "Manual          lead 'Jordan Blake'",
            "NoExternalParticipants",
            "Unmatched",
            "Trace of 'Tailspin intro'",
        })
        {
            Assert.Contains(expected, text, StringComparison.Ordinal);
        }

        var taskLines = text.Split('\n').Where(l => l.StartsWith("00T", StringComparison.Ordinal)).ToList();
        Assert.Equal(5, taskLines.Count);
        Assert.All(taskLines, l => Assert.EndsWith(" 1", l.TrimEnd(), StringComparison.Ordinal));
        Assert.Contains("primary competitor on 'Northwind - Expansion': Globex", text, StringComparison.Ordinal);
        Assert.Contains("Incremental sync: 1 added, 1 updated", text, StringComparison.Ordinal);
        Assert.Contains("'Contoso - Pilot' Closed Won; Riley Park present", text, StringComparison.Ordinal);
        Assert.Contains("Stored for 'acme' now: 0 records", text, StringComparison.Ordinal);
    }
}
