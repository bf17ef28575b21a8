using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Zoom.RevenueAccelerator.Crm.Matching;

namespace Zoom.RevenueAccelerator.Crm.Cli;

/// <summary>The commands of <c>zra-crm</c>, runnable in process (the tests call <see cref="RunAsync"/>).</summary>
internal static class ZraCrm
{
    public static async Task<int> RunAsync(string[] args, Stream stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        var stdoutText = new StreamWriter(stdout, new UTF8Encoding(false), leaveOpen: true) { AutoFlush = true };
        await using var closeText = stdoutText.ConfigureAwait(false);

        var verbose = new Option<bool>("--verbose") { Description = "Print the full exception when something fails.", Recursive = true };
        var root = new RootCommand("zra-crm: connect to a CRM and sync it into a snapshot, match conversations to CRM records offline, compare the results, and run a CRM emulator.") { verbose };
        root.Subcommands.Add(CrmCommands.Connect(stdoutText));
        root.Subcommands.Add(CrmCommands.Sync(stdoutText, stderr));
        root.Subcommands.Add(MatchCommand(stdout, stderr));
        root.Subcommands.Add(DiffCommand(stdoutText));
        root.Subcommands.Add(CrmCommands.Emulate(stdoutText, stderr));

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await stderr.WriteLineAsync($"zra-crm: {error.Message}").ConfigureAwait(false);
            }

            await stderr.WriteLineAsync("Run 'zra-crm --help' (or 'zra-crm <command> --help') for usage.").ConfigureAwait(false);
            return ExitCodes.InvalidInput;
        }

        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { Output = stdoutText, Error = stderr, EnableDefaultExceptionHandler = false }, cancellationToken).ConfigureAwait(false);
        }
        catch (ConnectionFileException ex)
        {
            return await FailAsync(stderr, ex.Message, ex, parse.GetValue(verbose), ExitCodes.InvalidInput).ConfigureAwait(false);
        }
        catch (Microsoft.Extensions.Options.OptionsValidationException ex)
        {
            return await FailAsync(stderr, ex.Message, ex, parse.GetValue(verbose), ExitCodes.InvalidInput).ConfigureAwait(false);
        }
        catch (CrmException ex)
        {
            return await FailAsync(stderr, ex.Message, ex, parse.GetValue(verbose), ExitCodes.CrmError).ConfigureAwait(false);
        }
        catch (ReplayFormatException ex)
        {
            return await FailAsync(stderr, ex.Message, ex, parse.GetValue(verbose), ExitCodes.InvalidInput).ConfigureAwait(false);
        }
        catch (FileNotFoundException ex)
        {
            return await FailAsync(stderr, ex.Message, ex, parse.GetValue(verbose), ExitCodes.InvalidInput).ConfigureAwait(false);
        }
        catch (ArgumentException ex)
        {
            return await FailAsync(stderr, ex.Message, ex, parse.GetValue(verbose), ExitCodes.InvalidInput).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await stderr.WriteLineAsync("zra-crm: cancelled; nothing was written.").ConfigureAwait(false);
            return ExitCodes.Cancelled;
        }
#pragma warning disable CA1031 // The tool's last line of defence: one clear line, the details with --verbose.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return await FailAsync(stderr, $"unexpected failure: {ex.Message}", ex, parse.GetValue(verbose), ExitCodes.Failure).ConfigureAwait(false);
        }
    }

    private static Command MatchCommand(Stream stdout, TextWriter stderr)
    {
        var snapshot = new Option<FileInfo>("--snapshot") { Description = "The snapshot.json of the CRM data.", Required = true };
        var conversations = new Option<FileInfo>("--conversations") { Description = "The conversations.jsonl to match.", Required = true };
        var options = new Option<FileInfo?>("--options") { Description = "An options.json; the matching rules' defaults otherwise." };
        var manual = new Option<FileInfo?>("--manual") { Description = "A manual.jsonl of manual matches." };
        var explain = new Option<bool>("--explain") { Description = "Write each decision's trace: every candidate considered and why it was kept or dropped." };
        var output = new Option<FileInfo?>("--out") { Description = "Write decisions.jsonl to this file (atomically) instead of standard output." };
        var command = new Command("match", "Match every conversation to the CRM data and write decisions.jsonl (byte-identical across runs).")
        {
            snapshot, conversations, options, manual, explain, output,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var matchingOptions = parse.GetValue(options) is { } o ? await ReplayFiles.ReadOptionsAsync(o.FullName, cancellationToken).ConfigureAwait(false) : new MatchingOptions();
            var data = await ReplayFiles.ReadSnapshotAsync(parse.GetValue(snapshot)!.FullName, cancellationToken).ConfigureAwait(false);
            var manualMatches = parse.GetValue(manual) is { } m ? await ReplayFiles.ReadManualMatchesAsync(m.FullName, cancellationToken).ConfigureAwait(false) : [];

            // Read every conversation first, so a bad line fails before anything is written.
            var all = await ReplayFiles.ReadConversationsAsync(parse.GetValue(conversations)!.FullName, cancellationToken).ToListAsync(cancellationToken).ConfigureAwait(false);
            var matcher = ConversationMatcher.Create(data, matchingOptions);
            var trace = parse.GetValue(explain);
            var decisions = all.Select(c => matcher.Match(c, manualMatches, trace)).ToAsyncEnumerable();
            if (parse.GetValue(output) is { } file)
            {
                await ReplayFiles.WriteDecisionsAsync(file.FullName, decisions, cancellationToken).ConfigureAwait(false);
                await stderr.WriteLineAsync($"zra-crm: {all.Count} decisions written to {file.FullName}").ConfigureAwait(false);
            }
            else
            {
                await ReplayFiles.SerializeDecisionsAsync(stdout, decisions, cancellationToken).ConfigureAwait(false);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command DiffCommand(TextWriter stdout)
    {
        var before = new Argument<FileInfo>("before") { Description = "The decisions.jsonl made before the change." };
        var after = new Argument<FileInfo>("after") { Description = "The decisions.jsonl made after it." };
        var command = new Command("diff", "List the conversations whose decision changed between two decisions.jsonl files (exit 1 when any did).") { before, after };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var old = await ReplayFiles.ReadDecisionsAsync(parse.GetValue(before)!.FullName, cancellationToken).ToListAsync(cancellationToken).ConfigureAwait(false);
            var @new = await ReplayFiles.ReadDecisionsAsync(parse.GetValue(after)!.FullName, cancellationToken).ToListAsync(cancellationToken).ConfigureAwait(false);
            var oldById = old.GroupBy(d => d.ConversationId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
            var newIds = new HashSet<string>(@new.Select(d => d.ConversationId), StringComparer.Ordinal);
            var changes = 0;
            foreach (var decision in @new)
            {
                if (!oldById.TryGetValue(decision.ConversationId, out var previous))
                {
                    changes++;
                    await stdout.WriteLineAsync($"added    {decision.ConversationId}: {Describe(decision)}").ConfigureAwait(false);
                }
                else if (!SameDecision(previous, decision))
                {
                    changes++;
                    await stdout.WriteLineAsync($"changed  {decision.ConversationId}: {Describe(previous)} -> {Describe(decision)}").ConfigureAwait(false);
                }
            }

            foreach (var previous in old.Where(d => !newIds.Contains(d.ConversationId)))
            {
                changes++;
                await stdout.WriteLineAsync($"removed  {previous.ConversationId}: {Describe(previous)}").ConfigureAwait(false);
            }

            await stdout.WriteLineAsync($"{changes} of {Math.Max(oldById.Count, newIds.Count)} conversations differ").ConfigureAwait(false);
            return changes == 0 ? ExitCodes.Success : ExitCodes.Differences;
        });
        return command;
    }

    /// <summary>Two decisions are the same when they choose the same thing with the same certainty (evidence may differ).</summary>
    private static bool SameDecision(MatchDecision a, MatchDecision b) =>
        a.Outcome == b.Outcome && a.Certainty == b.Certainty && a.OpportunityId == b.OpportunityId && a.AccountId == b.AccountId
        && a.LeadId == b.LeadId && a.SuggestedLeadIds.SequenceEqual(b.SuggestedLeadIds, StringComparer.Ordinal);

    private static string Describe(MatchDecision d)
    {
        var what = d.Outcome switch
        {
            MatchOutcome.Opportunity => $"opportunity {d.OpportunityId}",
            MatchOutcome.Account => $"account {d.AccountId}",
            MatchOutcome.Lead => $"lead {d.LeadId}",
            MatchOutcome.Suggested => $"suggested [{string.Join(", ", d.SuggestedLeadIds)}]",
            MatchOutcome.NoExternalParticipants => "no external participants",
            _ => "unmatched",
        };
        return d.Certainty is { } c ? $"{what} ({c}, {d.DecidedBy})" : $"{what} ({d.DecidedBy})";
    }

    private static async Task<int> FailAsync(TextWriter stderr, string message, Exception exception, bool verbose, int code)
    {
        await stderr.WriteLineAsync($"zra-crm: {message}").ConfigureAwait(false);
        if (verbose)
        {
            await stderr.WriteLineAsync(exception.ToString()).ConfigureAwait(false);
        }

        return code;
    }
}
