using System.Runtime.CompilerServices;
using Microsoft.Extensions.Time.Testing;

namespace Zoom.RevenueAccelerator.Crm.Testing.Tests;

/// <summary>
/// The conformance suite passes an honest connector, and each rule it checks fails a connector
/// that breaks that rule (and only that rule) in a wrapper around the fake CRM.
/// </summary>
public sealed class ConformanceTests
{
    private const string Secret = "fake-api-token-7f3a9c";

    private static readonly CrmCredentials Good = new(secrets: [new("apiToken", Secret)]);

    private static FakeCrmConnector NewFake(CrmCapabilities? capabilities = null, FakeTimeProvider? time = null)
    {
        var options = new FakeCrmConnectorOptions { PageSize = 25, ExpectedSecretValue = Secret };
        if (capabilities is { } c)
        {
            options.Capabilities = c;
        }

        var fake = new FakeCrmConnector(options, time ?? new FakeTimeProvider(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero)));
        fake.Upsert(FakeCrmDataGenerator.Generate(size: 300, seed: 7));
        return fake;
    }

    private static CrmConnectorConformanceOptions Options(FakeTimeProvider? time = null) => new()
    {
        Connection = new CrmConnectionContext("tenant-a", "conformance", Good),
        RejectedCredentials = new CrmCredentials(secrets: [new("apiToken", "wrong-token-41c2")]),
        WriteActivities = true,
        TimeProvider = time ?? new FakeTimeProvider(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero)),
    };

    [Fact]
    public async Task The_fake_CRM_passes_every_check_that_its_data_allows()
    {
        var report = await CrmConnectorConformance.RunAsync(NewFake(), Options());

        report.ThrowIfFailed();
        // 300 generated records hold 3 users and 1 team: one page each, too few to resume.
        Assert.Equal(["read.resume:User", "read.resume:Team"], report.Checks.Where(c => c.Outcome == CrmConformanceOutcome.Skipped).Select(c => c.Name));
        Assert.All(
            [CrmRecordKind.Account, CrmRecordKind.Contact, CrmRecordKind.Lead, CrmRecordKind.Opportunity],
            k => Assert.Equal(CrmConformanceOutcome.Passed, report["read.resume:" + k].Outcome));
        Assert.Contains("created, then updated by the retry (by its id)", report["activity.idempotent"].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_connector_with_native_upserts_is_checked_without_the_activity_id()
    {
        var fake = NewFake(new FakeCrmConnectorOptions().Capabilities | CrmCapabilities.NativeActivityUpsert);

        var report = await CrmConnectorConformance.RunAsync(fake, Options());

        report.ThrowIfFailed();
        Assert.Contains("(by the conversation id)", report["activity.idempotent"].Detail, StringComparison.Ordinal);
        var activity = Assert.Single(fake.Activities);
        Assert.Equal(2, activity.Writes);
    }

    [Fact]
    public async Task Checks_of_undeclared_capabilities_are_skipped_and_nothing_is_written_unless_asked()
    {
        var fake = NewFake(CrmCapabilities.None);

        var report = await CrmConnectorConformance.RunAsync(fake, new CrmConnectorConformanceOptions { Connection = Options().Connection, TimeProvider = Options().TimeProvider });

        report.ThrowIfFailed();
        foreach (var name in new[] { "read.incremental:Account", "read.bad-cursor", "lookup.email", "lookup.phone", "lookup.hostile-input", "activity.idempotent", "connect.rejected-credentials", "session.isolation" })
        {
            Assert.Equal(CrmConformanceOutcome.Skipped, report[name].Outcome);
        }

        Assert.Empty(fake.Activities);
    }

    public static TheoryData<string, string> BrokenConnectors() => new()
    {
        { nameof(DuplicatesARecord), "read.full:Contact" },
        { nameof(LosesARecordOnResume), "read.resume:Contact" },
        { nameof(InventsAChange), "read.incremental:Lead" },
        { nameof(LetsAParseErrorEscape), "read.bad-cursor" },
        { nameof(IgnoresCancellation), "read.cancelled" },
        { nameof(PastesInputIntoTheQuery), "lookup.hostile-input" },
        { nameof(ComparesEmailsByCase), "lookup.email-case" },
        { nameof(SharesOneSession), "session.isolation" },
        { nameof(ForgetsTheActivityId), "activity.idempotent" },
        { nameof(PutsTheSecretInTheMessage), "errors.no-secrets" },
        { nameof(ClaimsDeletionsWithoutIncrementalReads), "metadata" },
        { nameof(CallsAWrongKeyAProviderError), "connect.rejected-credentials" },
    };

    [Theory]
    [MemberData(nameof(BrokenConnectors))]
    public async Task A_connector_that_breaks_a_rule_fails_that_check(string broken, string check)
    {
        var fake = NewFake();
        ICrmConnector connector = broken switch
        {
            nameof(DuplicatesARecord) => new DuplicatesARecord(fake),
            nameof(LosesARecordOnResume) => new LosesARecordOnResume(fake),
            nameof(InventsAChange) => new InventsAChange(fake),
            nameof(LetsAParseErrorEscape) => new LetsAParseErrorEscape(fake),
            nameof(IgnoresCancellation) => new IgnoresCancellation(fake),
            nameof(PastesInputIntoTheQuery) => new PastesInputIntoTheQuery(fake),
            nameof(ComparesEmailsByCase) => new ComparesEmailsByCase(fake),
            nameof(SharesOneSession) => new SharesOneSession(fake),
            nameof(ForgetsTheActivityId) => new ForgetsTheActivityId(fake),
            nameof(PutsTheSecretInTheMessage) => new PutsTheSecretInTheMessage(fake),
            nameof(ClaimsDeletionsWithoutIncrementalReads) => new ClaimsDeletionsWithoutIncrementalReads(fake),
            nameof(CallsAWrongKeyAProviderError) => new CallsAWrongKeyAProviderError(fake),
            _ => throw new ArgumentOutOfRangeException(nameof(broken)),
        };

        var report = await CrmConnectorConformance.RunAsync(connector, Options());

        Assert.False(report.Passed);
        Assert.Equal(CrmConformanceOutcome.Failed, report[check].Outcome);
        var error = Assert.Throws<InvalidOperationException>(report.ThrowIfFailed);
        Assert.Contains(check, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_leaked_secret_is_named_by_its_position_not_repeated_in_the_report()
    {
        var report = await CrmConnectorConformance.RunAsync(new PutsTheSecretInTheMessage(NewFake()), Options());

        Assert.DoesNotContain(Secret, report.ToString(), StringComparison.Ordinal);
        Assert.Contains("secret #", report["errors.no-secrets"].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_secret_in_a_failure_the_report_quotes_is_replaced_by_stars()
    {
        var report = await CrmConnectorConformance.RunAsync(new FailsReadsWithTheKey(NewFake()), Options());

        Assert.Equal(CrmConformanceOutcome.Failed, report["read.full:Account"].Outcome);
        Assert.Contains("read failed for key ***", report["read.full:Account"].Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, report.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, Assert.Throws<InvalidOperationException>(report.ThrowIfFailed).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_connect_stops_the_run_after_saying_why()
    {
        var options = Options();
        var report = await CrmConnectorConformance.RunAsync(NewFake(), new CrmConnectorConformanceOptions
        {
            Connection = new CrmConnectionContext("tenant-a", "conformance", new CrmCredentials(secrets: [new("apiToken", "not-the-key")])),
            TimeProvider = options.TimeProvider,
        });

        Assert.Equal(["metadata", "get-service.unknown-type", "connect", "errors.no-secrets"], report.Checks.Select(c => c.Name));
        Assert.Contains("Unauthorized", report["connect"].Detail, StringComparison.Ordinal);
    }

    private sealed class DuplicatesARecord(ICrmConnector inner) : DelegatingCrmConnector(inner)
    {
        public override async IAsyncEnumerable<CrmRecordPage> ReadAsync(CrmConnectionContext connection, CrmReadRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            CrmRecord? first = null;
            await foreach (var page in base.ReadAsync(connection, request, cancellationToken))
            {
                if (first is not null && request.Mode == CrmReadMode.Full && request.Cursor is null)
                {
                    yield return page with { Records = [.. page.Records, first] };
                    first = null;
                    continue;
                }

                first ??= page.Records.Count > 0 ? page.Records[0] : null;
                yield return page;
            }
        }
    }

    private sealed class LosesARecordOnResume(ICrmConnector inner) : DelegatingCrmConnector(inner)
    {
        public override async IAsyncEnumerable<CrmRecordPage> ReadAsync(CrmConnectionContext connection, CrmReadRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            var resuming = request.Mode == CrmReadMode.Full && request.Cursor is not null;
            await foreach (var page in base.ReadAsync(connection, request, cancellationToken))
            {
                yield return resuming ? page with { Records = page.Records.Skip(1).ToArray() } : page;
                resuming = false;
            }
        }
    }

    private sealed class InventsAChange(ICrmConnector inner) : DelegatingCrmConnector(inner)
    {
        public override async IAsyncEnumerable<CrmRecordPage> ReadAsync(CrmConnectionContext connection, CrmReadRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await foreach (var page in base.ReadAsync(connection, request, cancellationToken))
            {
                yield return request.Mode == CrmReadMode.Incremental ? page with { DeletedIds = ["00Q-never-existed"] } : page;
            }
        }
    }

    private sealed class LetsAParseErrorEscape(ICrmConnector inner) : DelegatingCrmConnector(inner)
    {
        public override async IAsyncEnumerable<CrmRecordPage> ReadAsync(CrmConnectionContext connection, CrmReadRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            if (request.Cursor is { } cursor && cursor.StartsWith("zra-conformance:", StringComparison.Ordinal))
            {
                throw new FormatException("Input string was not in a correct format.");
            }

            await foreach (var page in base.ReadAsync(connection, request, cancellationToken))
            {
                yield return page;
            }
        }
    }

    private sealed class IgnoresCancellation(ICrmConnector inner) : DelegatingCrmConnector(inner)
    {
        public override IAsyncEnumerable<CrmRecordPage> ReadAsync(CrmConnectionContext connection, CrmReadRequest request, CancellationToken cancellationToken = default) =>
            base.ReadAsync(connection, request, CancellationToken.None);
    }

    private sealed class PastesInputIntoTheQuery(ICrmConnector inner) : DelegatingCrmConnector(inner)
    {
        public override Task<CrmLookupResult> LookupAsync(CrmConnectionContext connection, CrmLookupRequest request, CancellationToken cancellationToken = default) =>
            request.Emails.Any(e => e.Contains('\'', StringComparison.Ordinal))
                ? throw new CrmException(CrmErrorKind.InvalidRequest, "MALFORMED_QUERY: unexpected token: brien") { StatusCode = 400, ProviderErrorCode = "MALFORMED_QUERY" }
                : base.LookupAsync(connection, request, cancellationToken);
    }

    private sealed class ComparesEmailsByCase(ICrmConnector inner) : DelegatingCrmConnector(inner)
    {
        public override async Task<CrmLookupResult> LookupAsync(CrmConnectionContext connection, CrmLookupRequest request, CancellationToken cancellationToken = default)
        {
            var result = await base.LookupAsync(connection, request, cancellationToken);
            return result with { Records = result.Records.Where(r => r is not CrmContact c || c.Emails.Any(request.Emails.Contains)).ToArray() };
        }
    }

    private sealed class SharesOneSession(ICrmConnector inner) : DelegatingCrmConnector(inner)
    {
        private CrmConnectionContext? _first;

        public override async Task<CrmAuthorization> ConnectAsync(CrmConnectionContext connection, CancellationToken cancellationToken = default)
        {
            var authorization = await base.ConnectAsync(connection, cancellationToken);
            _first ??= connection;
            return authorization;
        }

        public override IAsyncEnumerable<CrmRecordPage> ReadAsync(CrmConnectionContext connection, CrmReadRequest request, CancellationToken cancellationToken = default) =>
            base.ReadAsync(_first ?? connection, request, cancellationToken);
    }

    private sealed class ForgetsTheActivityId(ICrmConnector inner) : DelegatingCrmConnector(inner)
    {
        public override Task<CrmActivityResult> UpsertActivityAsync(CrmConnectionContext connection, CrmActivity activity, CancellationToken cancellationToken = default) =>
            base.UpsertActivityAsync(connection, activity with { ExistingActivityId = null }, cancellationToken);
    }

    private sealed class PutsTheSecretInTheMessage(ICrmConnector inner) : DelegatingCrmConnector(inner)
    {
        public override async Task<CrmAuthorization> ConnectAsync(CrmConnectionContext connection, CancellationToken cancellationToken = default)
        {
            try
            {
                return await base.ConnectAsync(connection, cancellationToken);
            }
            catch (CrmException ex)
            {
                throw new CrmException(ex.Kind, $"Connect failed for key {Secret}.", ex);
            }
        }
    }

    private sealed class FailsReadsWithTheKey(ICrmConnector inner) : DelegatingCrmConnector(inner)
    {
        public override IAsyncEnumerable<CrmRecordPage> ReadAsync(CrmConnectionContext connection, CrmReadRequest request, CancellationToken cancellationToken = default) =>
            throw new CrmException(CrmErrorKind.ProviderError, $"read failed for key {connection.Credentials.GetSecret("apiToken")}");
    }

    private sealed class ClaimsDeletionsWithoutIncrementalReads(ICrmConnector inner) : DelegatingCrmConnector(inner)
    {
        public override CrmConnectorMetadata Metadata => base.Metadata with { Capabilities = base.Metadata.Capabilities & ~CrmCapabilities.IncrementalRead };
    }

    private sealed class CallsAWrongKeyAProviderError(ICrmConnector inner) : DelegatingCrmConnector(inner)
    {
        public override async Task<CrmAuthorization> ConnectAsync(CrmConnectionContext connection, CancellationToken cancellationToken = default)
        {
            try
            {
                return await base.ConnectAsync(connection, cancellationToken);
            }
            catch (CrmException ex)
            {
                throw new CrmException(CrmErrorKind.ProviderError, "The CRM said no.", ex);
            }
        }
    }
}
