using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using Zoom.RevenueAccelerator.Crm.Matching;
using Zoom.RevenueAccelerator.Crm.Salesforce;
using Zoom.RevenueAccelerator.Crm.Sync;
using Zoom.RevenueAccelerator.Crm.Testing.Salesforce;

namespace Zoom.RevenueAccelerator.Crm.Cli;

/// <summary><c>connect</c>, <c>sync</c> and <c>emulate</c>: the commands that talk to a CRM.</summary>
internal static class CrmCommands
{
    public static Command Connect(TextWriter stdout)
    {
        var connection = new Option<FileInfo>("--connection") { Description = "The connection file (shared/spec/connection-file.md).", Required = true };
        var command = new Command("connect", "Check a connection file: sign in to the CRM and print the connection state and the token's expiry.") { connection };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var file = ConnectionFile.Read(parse.GetValue(connection)!.FullName);
            var services = BuildServices(file);
            await using var disposeServices = services.ConfigureAwait(false);
            var status = await ConnectAsync(services, file, cancellationToken).ConfigureAwait(false);
            var console = Console(stdout);
            var table = new Table().Border(TableBorder.Simple).AddColumn("Connection").AddColumn(Path.GetFileName(file.Path));
            table.AddRow("tenant", Markup.Escape(status.TenantId));
            table.AddRow("provider", status.System.Value);
            table.AddRow("connected", status.IsConnected ? "yes" : "no");
            table.AddRow("instance", Markup.Escape(status.InstanceUrl?.ToString() ?? "-"));
            table.AddRow("token expires", status.TokenExpiresAt is { } at ? at.ToString("u", CultureInfo.InvariantCulture) + (status.TokenExpiryIsEstimate ? " (estimate: the CRM does not say)" : string.Empty) : "never");
            console.Write(table);
            return ExitCodes.Success;
        });
        return command;
    }

    public static Command Sync(TextWriter stdout, TextWriter stderr)
    {
        var connection = new Option<FileInfo>("--connection") { Description = "The connection file (shared/spec/connection-file.md).", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "The snapshot.json to write (shared/spec/replay-format.md); written atomically.", Required = true };
        var command = new Command("sync", "Read all of the CRM's accounts, contacts, leads, opportunities, users and teams into a snapshot file, with progress on standard error.") { connection, output };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var file = ConnectionFile.Read(parse.GetValue(connection)!.FullName);
            var target = parse.GetValue(output)!.FullName;
            var services = BuildServices(file);
            await using var disposeServices = services.ConfigureAwait(false);
            await ConnectAsync(services, file, cancellationToken).ConfigureAwait(false);

            var engine = services.GetRequiredService<ICrmSyncEngine>();
            var started = TimeProvider.System.GetTimestamp();
            CrmSyncRunSummary run = null!;
            await Console(stderr).Progress().AutoClear(false).HideCompleted(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .StartAsync(async context =>
                {
                    var tasks = new Dictionary<CrmRecordKind, ProgressTask>();
                    var progress = new Reporter(p =>
                    {
                        if (!tasks.TryGetValue(p.Kind, out var task))
                        {
                            foreach (var finished in tasks.Values)
                            {
                                finished.Value = finished.MaxValue;
                            }

                            task = tasks[p.Kind] = context.AddTask($"{p.Kind,-12}", maxValue: Math.Max(1, p.KindTotal ?? p.KindRecords));
                        }

                        task.MaxValue = Math.Max(1, p.KindTotal ?? p.KindRecords);
                        task.Value = p.KindRecords;
                        task.Description = $"{p.Kind,-12} {p.KindRecords,10:N0}" + (p.WaitingUntil is { } until ? $" waiting until {until:HH:mm:ss}" : string.Empty);
                    });
                    run = await engine.RunAsync(file.Tenant, progress, cancellationToken).ConfigureAwait(false);
                    foreach (var task in tasks.Values)
                    {
                        task.Value = task.MaxValue;
                    }
                }).ConfigureAwait(false);

            if (run.Error is not null)
            {
                await stderr.WriteLineAsync($"zra-crm: the sync of {Path.GetFileName(file.Path)} stopped: {run.Error}").ConfigureAwait(false);
                return ExitCodes.CrmError;
            }

            var store = services.GetRequiredService<ICrmDataStore>().ForTenant(file.Tenant);
            var records = new List<CrmRecord>();
            foreach (var kind in Enum.GetValues<CrmRecordKind>())
            {
                await foreach (var record in store.ReadAllAsync(kind, cancellationToken).ConfigureAwait(false))
                {
                    records.Add(record);
                }
            }

            var now = TimeProvider.System.GetUtcNow();
            var snapshot = CrmSnapshot.FromRecords(Version(records), records, file.Provider, new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero));
            await ReplayFiles.WriteSnapshotAsync(target, snapshot, cancellationToken).ConfigureAwait(false);
            var counts = await store.CountAsync(cancellationToken).ConfigureAwait(false);
            await stdout.WriteLineAsync($"{counts} from {run.Pages:N0} pages in {TimeProvider.System.GetElapsedTime(started).TotalSeconds:F1} s written to {target}").ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    public static Command Emulate(TextWriter stdout, TextWriter stderr)
    {
        var crm = new Argument<string>("crm") { Description = "The CRM to emulate: salesforce." };
        var port = new Option<int>("--port") { Description = "The port on 127.0.0.1; 0 (default) picks a free one." };
        var seed = new Option<string>("--seed") { Description = "demo (20,000 records, the default) or a number of records from 10 to 1,000,000.", DefaultValueFactory = _ => "demo" };
        var connectionOut = new Option<FileInfo?>("--connection-out") { Description = "Where to write the connection file (and its key beside it); a temporary folder by default." };
        var command = new Command("emulate", "Run a CRM emulator on 127.0.0.1 in the foreground and print a ready connection file for it. Ctrl+C stops it.") { crm, port, seed, connectionOut };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!string.Equals(parse.GetValue(crm), "salesforce", StringComparison.OrdinalIgnoreCase))
            {
                throw new ArgumentException($"zra-crm emulates salesforce (found '{parse.GetValue(crm)}').");
            }

            var seedText = parse.GetValue(seed)!;
            var size = seedText == "demo" ? 20_000
                : int.TryParse(seedText, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 10 and <= 1_000_000 ? n
                : throw new ArgumentException($"--seed is 'demo' or a number of records from 10 to 1,000,000 (found '{seedText}').");

            var emulator = await SalesforceEmulator.StartAsync(new SalesforceEmulatorOptions
            {
                Port = parse.GetValue(port),
                SeedSize = size,
                ExternalIdFields = { "Task.Zoom_Conversation_Id__c" },
            }, cancellationToken).ConfigureAwait(false);
            await using var stopEmulator = emulator.ConfigureAwait(false);

            var target = parse.GetValue(connectionOut)?.FullName
                ?? Path.Combine(Path.GetTempPath(), "zra-crm-emulator-" + emulator.BaseAddress.Port.ToString(CultureInfo.InvariantCulture), "connection.json");
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            var keyPath = Path.Combine(Path.GetDirectoryName(target)!, Path.GetFileNameWithoutExtension(target) + ".key.pem");
            await File.WriteAllTextAsync(keyPath, emulator.PrivateKeyPem, cancellationToken).ConfigureAwait(false);
            var json = ConnectionJson(emulator, keyPath);
            await File.WriteAllTextAsync(target + ".tmp", json, cancellationToken).ConfigureAwait(false);
            File.Move(target + ".tmp", target, overwrite: true); // whole or not at all, for whoever waits for it

            await stderr.WriteLineAsync($"zra-crm: a Salesforce emulator with {emulator.RecordCount:N0} records is listening on {emulator.BaseAddress} (Ctrl+C stops it).").ConfigureAwait(false);
            await stderr.WriteLineAsync($"zra-crm: connection file: {target}  (try: zra-crm sync --connection \"{target}\" --out snapshot.json)").ConfigureAwait(false);
            await stdout.WriteLineAsync(json).ConfigureAwait(false);
            await stdout.FlushAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, TimeProvider.System, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                await stderr.WriteLineAsync("zra-crm: emulator stopped.").ConfigureAwait(false);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static string ConnectionJson(SalesforceEmulator emulator, string keyPath)
    {
        var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("provider", "salesforce");
            w.WriteString("tenant", "emulator");
            w.WriteStartObject("settings");
            w.WriteBoolean("createActivities", true);
            w.WriteString("competitorPublishing", "activityRecord");
            w.WriteEndObject();
            w.WriteStartObject("salesforce");
            w.WriteString("loginUrl", emulator.BaseAddress.GetLeftPart(UriPartial.Authority));
            w.WriteString("clientId", emulator.ConsumerKey);
            w.WriteString("username", emulator.Username);
            w.WriteString("privateKeyPath", keyPath);
            w.WriteString("apiVersion", "v" + emulator.ApiVersion);
            w.WriteString("activityExternalIdField", "Zoom_Conversation_Id__c");
            w.WriteEndObject();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static ServiceProvider BuildServices(ConnectionFile file)
    {
        var services = new ServiceCollection();
        var salesforce = file.Salesforce!;
        services.AddCrmIntegration(crm =>
        {
            crm.AddSalesforce(o =>
            {
                o.LoginUrl = salesforce.LoginUrl;
                o.ConsumerKey = salesforce.ClientId;
                o.PrivateKeyPem = salesforce.PrivateKeyPem;
                o.TaskExternalIdField = salesforce.ActivityExternalIdField;
                if (salesforce.ApiVersion is { } version)
                {
                    o.ApiVersion = version;
                }
            });

            // The tool runs the sync itself, in the foreground.
            crm.UseManualSyncScheduling();
        });
        return services.BuildServiceProvider();
    }

    private static Task<CrmConnectionStatus> ConnectAsync(ServiceProvider services, ConnectionFile file, CancellationToken cancellationToken) =>
        services.GetRequiredService<ICrmConnectionManager>().ConnectAsync(
            new CrmConnectRequest
            {
                TenantId = file.Tenant,
                ConnectorName = SalesforceDefaults.ConnectorName,
                Credentials = new CrmCredentials([new(SalesforceCredentialNames.Username, file.Salesforce!.Username)]),
                Settings = file.Settings,
            },
            cancellationToken);

    /// <summary>A version that changes whenever the data changes: a hash of every record's kind, id and last change.</summary>
    private static string Version(List<CrmRecord> records)
    {
        var text = new StringBuilder();
        foreach (var record in records.OrderBy(r => r.Kind).ThenBy(r => r.Id, StringComparer.Ordinal))
        {
            text.Append((int)record.Kind).Append('|').Append(record.Id).Append('|').Append(record.LastModified.UtcTicks).Append('\n');
        }

        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }

    private static IAnsiConsole Console(TextWriter writer) => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(writer),
        Ansi = AnsiSupport.Detect,
        ColorSystem = ColorSystemSupport.Detect,
        Interactive = InteractionSupport.Detect,
    });

    private sealed class Reporter(Action<CrmSyncProgress> report) : IProgress<CrmSyncProgress>
    {
        public void Report(CrmSyncProgress value) => report(value);
    }
}
