using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Zoom.RevenueAccelerator.Crm.Testing;

/// <summary>
/// Checks that a connector keeps the <see cref="ICrmConnector"/> contract, the rules every CRM's
/// connector shares: truthful metadata, exact cursors, incremental reads that lose nothing,
/// lookups that escape their input, idempotent activity writes, sessions kept apart per
/// connection, errors as <see cref="CrmException"/> without secrets. Partners run it against
/// their connector (on an emulator or a quiet sandbox); the SDK runs it against its own.
/// </summary>
/// <example>
/// <code>
/// var report = await CrmConnectorConformance.RunAsync(connector, new CrmConnectorConformanceOptions
/// {
///     Connection = new CrmConnectionContext("tenant", "conformance", credentials),
///     RejectedCredentials = new CrmCredentials(secrets: [new("apiKey", "wrong")]),
/// });
/// report.ThrowIfFailed();
/// </code>
/// </example>
public static class CrmConnectorConformance
{
    /// <summary>Runs every check that applies to the connector's declared capabilities.</summary>
    /// <param name="connector">The connector under test.</param>
    /// <param name="options">The connection to use and what to exercise.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>One entry per check; <see cref="CrmConformanceReport.ThrowIfFailed"/> turns failures into a test failure.</returns>
    public static async Task<CrmConformanceReport> RunAsync(ICrmConnector connector, CrmConnectorConformanceOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connector);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.PageSizeHint, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxPagesPerKind, 2);
        var run = new ConformanceRun(connector, options, cancellationToken);
        await run.RunAsync().ConfigureAwait(false);
        return new CrmConformanceReport(run.Checks);
    }

    private sealed class ConformanceRun(ICrmConnector connector, CrmConnectorConformanceOptions options, CancellationToken cancellationToken)
    {
        private const string HostileDomain = "@conformance.invalid";

        private static readonly string[] s_hostileEmails =
        [
            "o'brien" + HostileDomain,
            "back\\slash'quote" + HostileDomain,
            "x' OR Email != 'y" + HostileDomain,
            "a\" or 1 eq 1 or \"b" + HostileDomain,
            "') or contains(emailaddress1,'" + HostileDomain,
            "{ items { id } }$var" + HostileDomain,
            "%27%20OR%201%3D1" + HostileDomain,
            "+plus&amp=1" + HostileDomain,
        ];

        private readonly List<CrmConformanceCheck> _checks = [];
        private readonly List<Exception> _seen = [];
        private readonly Dictionary<CrmRecordKind, KindRead> _reads = [];
        private CrmConnectionContext _connection = options.Connection;

        /// <summary>Gets the checks, with every secret in their details replaced by <c>***</c>: a leak is reported, not repeated.</summary>
        public IReadOnlyList<CrmConformanceCheck> Checks => _checks.Select(c => c with { Detail = Redact(c.Detail) }).ToArray();

        private CrmCapabilities Capabilities => connector.Metadata.Capabilities;

        private CrmRecordKind[] Kinds => connector.Metadata.SupportedKinds.Distinct().ToArray();

        public async Task RunAsync()
        {
            Check("metadata", CheckMetadata());
            Check("get-service.unknown-type", CheckGetService());
            if (!await CheckAsync("connect", ConnectAsync).ConfigureAwait(false))
            {
                Check("errors.no-secrets", CheckSecrets());
                return;
            }

            await CheckAsync("connect.rejected-credentials", RejectedConnectAsync).ConfigureAwait(false);
            await CheckAsync("session.isolation", SessionIsolationAsync).ConfigureAwait(false);
            await CheckAsync("refresh", RefreshAsync).ConfigureAwait(false);
            foreach (var kind in Kinds)
            {
                await CheckAsync("read.full:" + kind, () => FullReadAsync(kind)).ConfigureAwait(false);
                await CheckAsync("read.resume:" + kind, () => ResumeAsync(kind)).ConfigureAwait(false);
                await CheckAsync("read.incremental:" + kind, () => IncrementalAsync(kind)).ConfigureAwait(false);
            }

            await CheckAsync("read.bad-cursor", BadCursorAsync).ConfigureAwait(false);
            await CheckAsync("read.cancelled", CancelledReadAsync).ConfigureAwait(false);
            await CheckAsync("read.concurrent", ConcurrentReadsAsync).ConfigureAwait(false);
            await CheckAsync("lookup.empty", EmptyLookupAsync).ConfigureAwait(false);
            await CheckAsync("lookup.email", () => LookupEmailAsync(upperCase: false)).ConfigureAwait(false);
            await CheckAsync("lookup.email-case", () => LookupEmailAsync(upperCase: true)).ConfigureAwait(false);
            await CheckAsync("lookup.phone", LookupPhoneAsync).ConfigureAwait(false);
            await CheckAsync("lookup.hostile-input", HostileLookupAsync).ConfigureAwait(false);
            await CheckAsync("activity.idempotent", ActivityAsync).ConfigureAwait(false);
            await CheckAsync("revoke", RevokeAsync).ConfigureAwait(false);
            Check("errors.no-secrets", CheckSecrets());
        }

        private void Check(string name, (CrmConformanceOutcome Outcome, string Detail) result) =>
            _checks.Add(new CrmConformanceCheck(name, result.Outcome, result.Detail));

        private async Task<bool> CheckAsync(string name, Func<Task<(CrmConformanceOutcome Outcome, string Detail)>> check)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                var (outcome, detail) = await check().ConfigureAwait(false);
                _checks.Add(new CrmConformanceCheck(name, outcome, detail));
                return outcome != CrmConformanceOutcome.Failed;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                _seen.Add(ex);
                _checks.Add(new CrmConformanceCheck(name, CrmConformanceOutcome.Failed, "threw " + Describe(ex)));
                return false;
            }
        }

        private static (CrmConformanceOutcome, string) Pass(string detail) => (CrmConformanceOutcome.Passed, detail);

        private static (CrmConformanceOutcome, string) Fail(string detail) => (CrmConformanceOutcome.Failed, detail);

        private static (CrmConformanceOutcome, string) Skip(string detail) => (CrmConformanceOutcome.Skipped, detail);

        private static (CrmConformanceOutcome, string) Verdict(List<string> problems, string passed) =>
            problems.Count == 0 ? Pass(passed) : Fail(string.Join("; ", problems));

        private static string Describe(Exception ex) => ex is CrmException crm
            ? $"CrmException {crm.Kind} (status {crm.StatusCode?.ToString(CultureInfo.InvariantCulture) ?? "none"}, code {crm.ProviderErrorCode ?? "none"}): {crm.Message}"
            : $"{ex.GetType().Name}: {ex.Message}";

        private static string Count(int count, string noun) => count.ToString(CultureInfo.InvariantCulture) + " " + noun + (count == 1 ? string.Empty : "s");

        private static string Sample(IEnumerable<string> ids) => string.Join(", ", ids.Take(5)) is var s && s.Length > 0 ? s : "none";

        private (CrmConformanceOutcome, string) CheckMetadata()
        {
            var metadata = connector.Metadata;
            var problems = new List<string>();
            if (metadata is null)
            {
                return Fail("Metadata is null.");
            }

            if (metadata.System == default)
            {
                problems.Add("Metadata.System is not set");
            }

            if (metadata.SupportedKinds.Count == 0)
            {
                problems.Add("Metadata.SupportedKinds is empty: the sync engine would read nothing");
            }

            if (metadata.SupportedKinds.Count != metadata.SupportedKinds.Distinct().Count())
            {
                problems.Add("Metadata.SupportedKinds lists a kind twice");
            }

            void Requires(CrmCapabilities capability, bool holds, string what)
            {
                if ((metadata.Capabilities & capability) != 0 && !holds)
                {
                    problems.Add($"{capability} is declared without {what}");
                }
            }

            Requires(CrmCapabilities.DeletedRecords, (metadata.Capabilities & CrmCapabilities.IncrementalRead) != 0, "IncrementalRead (deletions come with incremental reads)");
            Requires(CrmCapabilities.NativeActivityUpsert, (metadata.Capabilities & CrmCapabilities.WriteActivities) != 0, "WriteActivities");
            Requires(CrmCapabilities.PrimaryCompetitorField, (metadata.Capabilities & CrmCapabilities.WriteActivities) != 0, "WriteActivities");
            Requires(CrmCapabilities.OpportunityContactRoles, metadata.SupportedKinds.Contains(CrmRecordKind.Opportunity), "the Opportunity kind");
            Requires(CrmCapabilities.OpportunityTeamMembers, metadata.SupportedKinds.Contains(CrmRecordKind.Opportunity), "the Opportunity kind");
            Requires(CrmCapabilities.Teams, metadata.SupportedKinds.Contains(CrmRecordKind.Team), "the Team kind");
            return Verdict(problems, $"{metadata.System}: {metadata.Capabilities}; kinds {string.Join(", ", metadata.SupportedKinds)}");
        }

        private (CrmConformanceOutcome, string) CheckGetService()
        {
            try
            {
                var service = connector.GetService(typeof(ConformanceProbe));
                return service is null ? Pass("null for a type it does not offer") : Fail($"returned a {service.GetType().Name} for a type nobody offers");
            }
            catch (Exception ex)
            {
                return Fail("threw for a type it does not offer (return null instead): " + Describe(ex));
            }
        }

        private (CrmConformanceOutcome, string) CheckAuthorization(CrmAuthorization? authorization, string call)
        {
            if (authorization is null)
            {
                return Fail(call + " returned null");
            }

            var problems = new List<string>();
            var now = options.TimeProvider.GetUtcNow();
            if (authorization.TokenExpiresAt is { } expires && expires <= now)
            {
                problems.Add($"{call} reported a token that expired already ({expires:O}, now {now:O})");
            }

            if (authorization.InstanceUrl is { } instance && (!instance.IsAbsoluteUri || (instance.Scheme != Uri.UriSchemeHttps && !(instance.Scheme == Uri.UriSchemeHttp && instance.IsLoopback))))
            {
                problems.Add($"{call} reported an instance URL that is neither https nor loopback http: {instance}");
            }

            if (authorization.UpdatedCredentials is { } updated)
            {
                _connection = new CrmConnectionContext(_connection.TenantId, _connection.ConnectionId, updated);
            }

            return Verdict(problems, $"instance {authorization.InstanceUrl?.ToString() ?? "not reported"}, token expires {authorization.TokenExpiresAt?.ToString("O", CultureInfo.InvariantCulture) ?? "never"}{(authorization.TokenExpiryIsEstimate ? " (estimate)" : string.Empty)}");
        }

        private async Task<(CrmConformanceOutcome, string)> ConnectAsync() =>
            CheckAuthorization(await connector.ConnectAsync(_connection, cancellationToken).ConfigureAwait(false), "ConnectAsync");

        private async Task<(CrmConformanceOutcome, string)> RefreshAsync() =>
            CheckAuthorization(await connector.RefreshAsync(_connection, cancellationToken).ConfigureAwait(false), "RefreshAsync");

        private CrmConnectionContext RejectedConnection(string connectionId) =>
            new(_connection.TenantId + "-conformance-other", connectionId, options.RejectedCredentials!);

        private async Task<(CrmConformanceOutcome, string)> ExpectRefusedAsync(Func<Task> call, string what)
        {
            try
            {
                await call().ConfigureAwait(false);
                return Fail(what + " succeeded");
            }
            catch (CrmException ex) when (!cancellationToken.IsCancellationRequested)
            {
                _seen.Add(ex);
                return ex.Kind is CrmErrorKind.Unauthorized or CrmErrorKind.Forbidden
                    ? Pass($"refused as {ex.Kind}")
                    : Fail($"refused as {ex.Kind}, not Unauthorized: the host would not ask the user to reconnect ({Describe(ex)})");
            }
        }

        private Task<(CrmConformanceOutcome, string)> RejectedConnectAsync()
        {
            if (options.RejectedCredentials is null)
            {
                return Task.FromResult(Skip("no RejectedCredentials given"));
            }

            return ExpectRefusedAsync(() => connector.ConnectAsync(RejectedConnection("conformance-rejected"), cancellationToken), "ConnectAsync with rejected credentials");
        }

        private async Task<(CrmConformanceOutcome, string)> SessionIsolationAsync()
        {
            if (options.RejectedCredentials is null || Kinds.Length == 0)
            {
                return Skip("no RejectedCredentials given");
            }

            // Another connection, with credentials the CRM refuses, reads while ours has a session:
            // a connector that shares sessions across connections would hand it our data.
            var (outcome, detail) = await ExpectRefusedAsync(
                async () =>
                {
                    await foreach (var page in connector.ReadAsync(RejectedConnection("conformance-isolation"), new CrmReadRequest { Kind = Kinds[0], PageSizeHint = options.PageSizeHint }, cancellationToken).ConfigureAwait(false))
                    {
                        _ = page;
                        break;
                    }
                },
                "A read by another connection with refused credentials").ConfigureAwait(false);
            return outcome == CrmConformanceOutcome.Failed && detail.EndsWith("succeeded", StringComparison.Ordinal)
                ? Fail(detail + ": it was served by another connection's session")
                : (outcome, detail);
        }

        private async Task<KindRead> ReadAsync(CrmRecordKind kind, CrmReadMode mode, string? cursor, int maxPages)
        {
            var read = new KindRead();
            var request = new CrmReadRequest { Kind = kind, Mode = mode, Cursor = cursor, PageSizeHint = options.PageSizeHint };
            var pages = connector.ReadAsync(_connection, request, cancellationToken).GetAsyncEnumerator(cancellationToken);
            await using (pages.ConfigureAwait(false))
            {
                while (read.Pages.Count < maxPages)
                {
                    if (!await pages.MoveNextAsync().ConfigureAwait(false))
                    {
                        read.Complete = true;
                        return read;
                    }

                    read.Pages.Add(pages.Current);
                }
            }

            return read;
        }

        private async Task<(CrmConformanceOutcome, string)> FullReadAsync(CrmRecordKind kind)
        {
            var read = await ReadAsync(kind, CrmReadMode.Full, null, options.MaxPagesPerKind).ConfigureAwait(false);
            _reads[kind] = read;
            var problems = PageProblems(read, kind);
            var ids = new HashSet<string>(StringComparer.Ordinal);
            foreach (var record in read.Pages.SelectMany(p => p.Records))
            {
                if (!ids.Add(record.Id))
                {
                    problems.Add($"record {record.Id} came twice in one full read");
                    break;
                }
            }

            if (read.Pages.Any(p => p.DeletedIds.Count > 0))
            {
                problems.Add("a full read reported deletions (they belong to incremental reads)");
            }

            if (read.Complete && read.Pages.Count > 0)
            {
                if (!read.Pages[^1].IsLastPage)
                {
                    problems.Add("the read ended without a page marked IsLastPage");
                }

                var total = read.Pages.Select(p => p.TotalCount).LastOrDefault(t => t is not null);
                if (total is { } t && t != read.Ids.Count)
                {
                    problems.Add($"pages reported a TotalCount of {t}, but the read returned {read.Ids.Count} records");
                }
            }

            if (read.Pages.Take(read.Pages.Count - 1).Any(p => p.IsLastPage))
            {
                problems.Add("a page before the last was marked IsLastPage");
            }

            return Verdict(problems, $"{Count(read.Ids.Count, "record")} in {Count(read.Pages.Count, "page")}{(read.Complete ? string.Empty : $" (stopped at {options.MaxPagesPerKind} pages)")}");
        }

        private static List<string> PageProblems(KindRead read, CrmRecordKind kind)
        {
            var problems = new List<string>();
            foreach (var (page, index) in read.Pages.Select((p, i) => (p, i)))
            {
                if (page.Kind != kind)
                {
                    problems.Add($"page {index} says it holds {page.Kind}, not {kind}");
                }

                if (string.IsNullOrEmpty(page.Cursor))
                {
                    problems.Add($"page {index} has no cursor: a read interrupted there could not resume");
                }

                if (page.Records.FirstOrDefault(r => r.Kind != kind) is { } stranger)
                {
                    problems.Add($"page {index} holds {stranger.Kind} {stranger.Id} in a read of {kind}");
                }

                if (page.Records.Any(r => string.IsNullOrEmpty(r.Id)))
                {
                    problems.Add($"page {index} holds a record without an id");
                }
            }

            return problems.Distinct().ToList();
        }

        private async Task<(CrmConformanceOutcome, string)> ResumeAsync(CrmRecordKind kind)
        {
            if (!_reads.TryGetValue(kind, out var full))
            {
                return Skip("the full read failed");
            }

            if (full.Pages.Count < 2)
            {
                return Skip($"the full read had one page ({Count(full.Ids.Count, "record")}); resuming needs two");
            }

            // Resume after a page in the middle, as a sync interrupted there would, and compare what
            // follows with what the uninterrupted read returned after that page.
            var after = (full.Pages.Count / 2) - 1;
            var before = full.Pages.Take(after + 1).SelectMany(p => p.Records).Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
            var expected = full.Pages.Skip(after + 1).SelectMany(p => p.Records).Select(r => r.Id).ToList();
            var resumed = await ReadAsync(kind, CrmReadMode.Full, full.Pages[after].Cursor, full.Complete ? int.MaxValue : full.Pages.Count - after - 1).ConfigureAwait(false);
            var got = resumed.Ids;
            if (!full.Complete)
            {
                got = got.Take(expected.Count).ToList();
            }

            var problems = PageProblems(resumed, kind);
            var repeated = got.Where(before.Contains).ToList();
            var missing = expected.Except(got, StringComparer.Ordinal).ToList();
            var extra = got.Except(expected, StringComparer.Ordinal).Except(repeated, StringComparer.Ordinal).ToList();
            if (repeated.Count > 0)
            {
                problems.Add($"resuming after page {after} returned {repeated.Count} records read before it again ({Sample(repeated)})");
            }

            if (missing.Count > 0)
            {
                problems.Add($"resuming after page {after} lost {missing.Count} records ({Sample(missing)})");
            }

            if (extra.Count > 0)
            {
                problems.Add($"resuming after page {after} returned {extra.Count} records the full read did not ({Sample(extra)})");
            }

            return Verdict(problems, $"resumed after page {after} of {full.Pages.Count}: the {expected.Count} records that followed, none lost or repeated");
        }

        private async Task<(CrmConformanceOutcome, string)> IncrementalAsync(CrmRecordKind kind)
        {
            if ((Capabilities & CrmCapabilities.IncrementalRead) == 0)
            {
                return Skip("IncrementalRead is not declared");
            }

            if (!_reads.TryGetValue(kind, out var full) || !full.Complete || full.Pages.Count == 0)
            {
                return Skip("no complete full read to start from");
            }

            // Nothing changed since the full read: an incremental read from its last cursor may
            // re-read records inside its overlap, but never one the full read did not have, and
            // reports no deletion. A second read from the first's cursor keeps the same rule.
            var known = full.Ids.ToHashSet(StringComparer.Ordinal);
            var problems = new List<string>();
            var cursor = full.Pages[^1].Cursor;
            var reread = 0;
            for (var round = 1; round <= 2; round++)
            {
                var changes = await ReadAsync(kind, CrmReadMode.Incremental, cursor, options.MaxPagesPerKind).ConfigureAwait(false);
                problems.AddRange(PageProblems(changes, kind));
                if (!changes.Complete)
                {
                    problems.Add($"incremental read {round} did not end within {options.MaxPagesPerKind} pages while nothing changed");
                    break;
                }

                if (changes.Pages.Count == 0)
                {
                    problems.Add($"incremental read {round} returned no page, so no cursor to continue from");
                    break;
                }

                var strangers = changes.Ids.Where(id => !known.Contains(id)).ToList();
                if (strangers.Count > 0)
                {
                    problems.Add($"incremental read {round} returned {strangers.Count} records the full read did not have ({Sample(strangers)})");
                }

                var deleted = changes.Pages.SelectMany(p => p.DeletedIds).ToList();
                if (deleted.Count > 0)
                {
                    problems.Add($"incremental read {round} reported {deleted.Count} deletions though nothing was deleted ({Sample(deleted)})");
                }

                reread += changes.Ids.Count;
                cursor = changes.Pages[^1].Cursor;
            }

            return Verdict(problems, $"two incremental reads from the full read's cursor: nothing new, nothing deleted ({reread} records re-read inside the overlap)");
        }

        private async Task<(CrmConformanceOutcome, string)> BadCursorAsync()
        {
            if ((Capabilities & CrmCapabilities.IncrementalRead) == 0 || Kinds.Length == 0)
            {
                return Skip("IncrementalRead is not declared");
            }

            try
            {
                var read = await ReadAsync(Kinds[0], CrmReadMode.Incremental, "zra-conformance:not-a-cursor", 1).ConfigureAwait(false);
                return Fail($"an incremental read from a cursor the connector never wrote returned {read.Pages.Count} page(s) instead of failing");
            }
            catch (CrmException ex) when (!cancellationToken.IsCancellationRequested)
            {
                _seen.Add(ex);
                return ex.Kind is CrmErrorKind.CursorExpired or CrmErrorKind.InvalidRequest
                    ? Pass($"refused as {ex.Kind}")
                    : Fail($"refused as {ex.Kind}; expected CursorExpired (the engine then reads in full) or InvalidRequest");
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _seen.Add(ex);
                return Fail("a cursor the connector never wrote escaped as " + Describe(ex) + "; expected a CrmException (CursorExpired)");
            }
        }

        private async Task<(CrmConformanceOutcome, string)> CancelledReadAsync()
        {
            if (Kinds.Length == 0)
            {
                return Skip("no kind to read");
            }

            using var cancelled = new CancellationTokenSource();
            await cancelled.CancelAsync().ConfigureAwait(false);
            try
            {
                await foreach (var page in connector.ReadAsync(_connection, new CrmReadRequest { Kind = Kinds[0], PageSizeHint = options.PageSizeHint }, cancelled.Token).ConfigureAwait(false))
                {
                    return Fail($"a read with a cancelled token returned a page ({page.Records.Count} records)");
                }

                return Fail("a read with a cancelled token ended as if complete");
            }
            catch (OperationCanceledException)
            {
                return Pass("a cancelled token ends the read with OperationCanceledException");
            }
            catch (Exception ex)
            {
                _seen.Add(ex);
                return Fail("a cancelled read threw " + Describe(ex) + " instead of OperationCanceledException");
            }
        }

        private async Task<(CrmConformanceOutcome, string)> ConcurrentReadsAsync()
        {
            var kinds = _reads.Where(r => r.Value.Complete).Select(r => r.Key).ToArray();
            if (kinds.Length < 2)
            {
                return Skip("fewer than two kinds were read completely");
            }

            // A connector is a singleton called from many threads: reading every kind at once must
            // return what reading them one by one did.
            var reads = await Task.WhenAll(kinds.Select(k => ReadAsync(k, CrmReadMode.Full, null, int.MaxValue))).ConfigureAwait(false);
            var problems = new List<string>();
            for (var i = 0; i < kinds.Length; i++)
            {
                var alone = _reads[kinds[i]].Ids.ToHashSet(StringComparer.Ordinal);
                if (!alone.SetEquals(reads[i].Ids) || reads[i].Ids.Count != alone.Count)
                {
                    problems.Add($"{kinds[i]}: {reads[i].Ids.Count} records read concurrently, {alone.Count} alone");
                }
            }

            return Verdict(problems, $"{kinds.Length} kinds read at once, each as read alone");
        }

        private async Task<(CrmConformanceOutcome, string)> EmptyLookupAsync()
        {
            if ((Capabilities & (CrmCapabilities.LookupByEmail | CrmCapabilities.LookupByPhone)) == 0)
            {
                return Skip("no lookup is declared");
            }

            var result = await connector.LookupAsync(_connection, new CrmLookupRequest(), cancellationToken).ConfigureAwait(false);
            return result.Records.Count == 0 ? Pass("nothing asked, nothing found") : Fail($"a lookup of nothing returned {result.Records.Count} records");
        }

        private CrmRecord? Person(Func<CrmRecord, IReadOnlyList<string>> identifiers)
        {
            foreach (var kind in (CrmRecordKind[])[CrmRecordKind.Contact, CrmRecordKind.Lead])
            {
                if (_reads.TryGetValue(kind, out var read) && read.Pages.SelectMany(p => p.Records).FirstOrDefault(r => identifiers(r).Any(i => !string.IsNullOrWhiteSpace(i))) is { } person)
                {
                    return person;
                }
            }

            return null;
        }

        private static IReadOnlyList<string> Emails(CrmRecord record) => record switch
        {
            CrmContact c => c.Emails,
            CrmLead l => l.Emails,
            _ => [],
        };

        private static IReadOnlyList<string> Phones(CrmRecord record) => record switch
        {
            CrmContact c => c.Phones,
            CrmLead l => l.Phones,
            _ => [],
        };

        private static List<string> LookupProblems(CrmLookupResult result, string[] emails)
        {
            var problems = new List<string>();
            if (result.Records.FirstOrDefault(r => r.Kind is not (CrmRecordKind.Contact or CrmRecordKind.Lead or CrmRecordKind.Account or CrmRecordKind.Opportunity)) is { } stranger)
            {
                problems.Add($"the lookup returned a {stranger.Kind} ({stranger.Id})");
            }

            if (emails.Length > 0 && result.Records.FirstOrDefault(r => r.Kind is CrmRecordKind.Contact or CrmRecordKind.Lead && !Emails(r).Any(e => emails.Contains(e, StringComparer.OrdinalIgnoreCase))) is { } unrelated)
            {
                problems.Add($"the lookup returned {unrelated.Kind} {unrelated.Id}, whose e-mail addresses were not asked for");
            }

            return problems;
        }

        private async Task<(CrmConformanceOutcome, string)> LookupEmailAsync(bool upperCase)
        {
            if ((Capabilities & CrmCapabilities.LookupByEmail) == 0)
            {
                return Skip("LookupByEmail is not declared");
            }

            if (Person(Emails) is not { } person)
            {
                return Skip("no contact or lead with an e-mail address was read");
            }

            var email = Emails(person).First(e => !string.IsNullOrWhiteSpace(e));
            var asked = upperCase ? email.ToUpperInvariant() : email;
            var result = await connector.LookupAsync(_connection, new CrmLookupRequest { Emails = [asked] }, cancellationToken).ConfigureAwait(false);
            var problems = LookupProblems(result, [email]);
            if (!result.Records.Any(r => r.Kind == person.Kind && r.Id == person.Id))
            {
                problems.Add(upperCase
                    ? $"{person.Kind} {person.Id} was not found by its e-mail address in upper case: addresses in invites come in any case"
                    : $"{person.Kind} {person.Id} was not found by its e-mail address");
            }

            return Verdict(problems, $"{person.Kind} {person.Id} found with {result.Records.Count - 1} related records");
        }

        private async Task<(CrmConformanceOutcome, string)> LookupPhoneAsync()
        {
            if ((Capabilities & CrmCapabilities.LookupByPhone) == 0)
            {
                return Skip("LookupByPhone is not declared");
            }

            if (Person(Phones) is not { } person)
            {
                return Skip("no contact or lead with a phone number was read");
            }

            var phone = Phones(person).First(p => !string.IsNullOrWhiteSpace(p));
            var result = await connector.LookupAsync(_connection, new CrmLookupRequest { Phones = [phone] }, cancellationToken).ConfigureAwait(false);
            var problems = LookupProblems(result, []);
            if (!result.Records.Any(r => r.Kind == person.Kind && r.Id == person.Id))
            {
                problems.Add($"{person.Kind} {person.Id} was not found by its phone number");
            }

            return Verdict(problems, $"{person.Kind} {person.Id} found by phone");
        }

        private async Task<(CrmConformanceOutcome, string)> HostileLookupAsync()
        {
            if ((Capabilities & (CrmCapabilities.LookupByEmail | CrmCapabilities.LookupByPhone)) == 0)
            {
                return Skip("no lookup is declared");
            }

            // Addresses come from meeting invites, so anyone can write them. A connector that pastes
            // them into SOQL, OData or GraphQL fails on the quotes or matches records nobody asked for.
            var person = Person(Emails);
            var realEmail = person is null ? null : Emails(person).First(e => !string.IsNullOrWhiteSpace(e));
            var byEmail = (Capabilities & CrmCapabilities.LookupByEmail) != 0;
            var emails = byEmail ? s_hostileEmails.Concat(realEmail is null ? [] : [realEmail]).ToArray() : [];
            var phones = (Capabilities & CrmCapabilities.LookupByPhone) != 0 ? (string[])["+1 555 0100' OR '1'='1", "\"; drop --"] : [];
            CrmLookupResult result;
            try
            {
                result = await connector.LookupAsync(_connection, new CrmLookupRequest { Emails = emails, Phones = phones }, cancellationToken).ConfigureAwait(false);
            }
            catch (CrmException ex) when (!cancellationToken.IsCancellationRequested)
            {
                _seen.Add(ex);
                return Fail("e-mail addresses and phone numbers with quotes, backslashes and query syntax broke the lookup (is input pasted into the query?): " + Describe(ex));
            }

            var problems = LookupProblems(result, emails);
            if (byEmail && person is not null && !result.Records.Any(r => r.Kind == person.Kind && r.Id == person.Id))
            {
                problems.Add($"{person.Kind} {person.Id} was not found when asked for among hostile addresses");
            }

            return Verdict(problems, $"{emails.Length + phones.Length} hostile identifiers looked up safely{(person is null || !byEmail ? string.Empty : "; the real one among them still found")}");
        }

        private async Task<(CrmConformanceOutcome, string)> ActivityAsync()
        {
            if ((Capabilities & CrmCapabilities.WriteActivities) == 0)
            {
                return Skip("WriteActivities is not declared");
            }

            if (!options.WriteActivities)
            {
                return Skip("CrmConnectorConformanceOptions.WriteActivities is off");
            }

            var now = options.TimeProvider.GetUtcNow();
            var who = Person(Emails) ?? Person(Phones);
            var what = FirstRecord(CrmRecordKind.Opportunity) ?? FirstRecord(CrmRecordKind.Account);
            var activity = new CrmActivity
            {
                ConversationId = "zra-conformance-" + Guid.NewGuid().ToString("N"),
                ConversationKind = ConversationKind.Meeting,
                Subject = "Conformance check",
                Start = now.AddMinutes(-30),
                End = now,
                Summary = "Written twice by the conformance suite; there must be one activity.",
                Who = who?.Reference,
                What = what?.Reference,
            };
            var native = (Capabilities & CrmCapabilities.NativeActivityUpsert) != 0;
            var first = await connector.UpsertActivityAsync(_connection, activity, cancellationToken).ConfigureAwait(false);
            var retry = activity with { Subject = "Conformance check (again)", ExistingActivityId = native ? null : first.ActivityId };
            var second = await connector.UpsertActivityAsync(_connection, retry, cancellationToken).ConfigureAwait(false);
            var problems = new List<string>();
            if (!first.Created)
            {
                problems.Add("the first write of a new conversation said it updated an activity");
            }

            if (second.Created || second.ActivityId != first.ActivityId)
            {
                problems.Add(native
                    ? $"a second write of the same conversation {(second.Created ? "created" : "returned")} activity {second.ActivityId}, not an update of {first.ActivityId} (NativeActivityUpsert is declared)"
                    : $"a second write with ExistingActivityId {first.ActivityId} {(second.Created ? "created" : "returned")} activity {second.ActivityId} instead of updating it");
            }

            return Verdict(problems, $"activity {first.ActivityId} created, then updated by the retry{(native ? " (by the conversation id)" : " (by its id)")}");
        }

        private CrmRecord? FirstRecord(CrmRecordKind kind) =>
            _reads.TryGetValue(kind, out var read) ? read.Pages.SelectMany(p => p.Records).FirstOrDefault() : null;

        private async Task<(CrmConformanceOutcome, string)> RevokeAsync()
        {
            // Disconnecting may be retried after a crash: a second revoke must be harmless.
            await connector.RevokeAsync(_connection, cancellationToken).ConfigureAwait(false);
            await connector.RevokeAsync(_connection, cancellationToken).ConfigureAwait(false);
            return Pass((Capabilities & CrmCapabilities.Revoke) != 0 ? "revoked, and a second revoke was harmless" : "no revocation declared; the session was forgotten");
        }

        private string[] Secrets() => options.Secrets
            .Concat(SecretValues(options.Connection.Credentials))
            .Concat(SecretValues(_connection.Credentials))
            .Concat(options.RejectedCredentials is null ? [] : SecretValues(options.RejectedCredentials))
            .Where(s => s.Length >= 4)
            .Distinct(StringComparer.Ordinal)
            .ToArray();

        private string Redact(string text)
        {
            foreach (var secret in Secrets())
            {
                text = text.Replace(secret, "***", StringComparison.Ordinal).Replace(Uri.EscapeDataString(secret), "***", StringComparison.Ordinal);
            }

            return text;
        }

        private (CrmConformanceOutcome, string) CheckSecrets()
        {
            var secrets = Secrets();
            if (_seen.Count == 0)
            {
                return Skip("no exception was raised to inspect");
            }

            var leaks = new List<string>();
            foreach (var ex in _seen)
            {
                var text = ex.ToString() + (ex as CrmException)?.ProviderErrorCode;
                var index = Array.FindIndex(secrets, s => text.Contains(s, StringComparison.Ordinal) || text.Contains(Uri.EscapeDataString(s), StringComparison.Ordinal));
                if (index >= 0)
                {
                    leaks.Add($"{ex.GetType().Name} ({(ex as CrmException)?.Kind.ToString() ?? "not a CrmException"}) contains secret #{index + 1}");
                }
            }

            return leaks.Count == 0 ? Pass($"{_seen.Count} exceptions checked against {secrets.Length} secrets") : Fail(string.Join("; ", leaks));
        }

        private static IEnumerable<string> SecretValues(CrmCredentials credentials) =>
            credentials.SecretNames.Select(credentials.GetSecret).OfType<string>();
    }

    private sealed class KindRead
    {
        public List<CrmRecordPage> Pages { get; } = [];

        public bool Complete { get; set; }

        public List<string> Ids => Pages.SelectMany(p => p.Records).Select(r => r.Id).ToList();
    }

    private sealed class ConformanceProbe;
}
