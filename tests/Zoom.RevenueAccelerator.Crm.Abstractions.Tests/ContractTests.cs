using Zoom.RevenueAccelerator.Crm.Testing;

namespace Zoom.RevenueAccelerator.Crm.Abstractions.Tests;

public sealed class ContractTests
{
    [Fact]
    public void CrmSystem_compares_case_insensitively_and_keeps_its_spelling()
    {
        var custom = new CrmSystem("SalesForce");

        Assert.Equal(CrmSystem.Salesforce, custom);
        Assert.True(custom == CrmSystem.Salesforce);
        Assert.Equal(CrmSystem.Salesforce.GetHashCode(), custom.GetHashCode());
        Assert.Equal("SalesForce", custom.ToString());
        Assert.NotEqual(CrmSystem.HubSpot, CrmSystem.Monday);
        Assert.Equal("unknown", default(CrmSystem).Value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void CrmSystem_rejects_an_empty_name(string name)
    {
        Assert.Throws<ArgumentException>(() => new CrmSystem(name));
    }

    [Fact]
    public void CrmRecordCounts_adds_up_and_indexes_by_kind()
    {
        var counts = CrmRecordCounts.From(new Dictionary<CrmRecordKind, long> { [CrmRecordKind.Account] = 2, [CrmRecordKind.Lead] = 5 });

        Assert.Equal(7, counts.Total);
        Assert.Equal(5, counts[CrmRecordKind.Lead]);
        Assert.Equal(0, counts[CrmRecordKind.Team]);
    }

    [Theory]
    [InlineData(CrmErrorKind.RateLimited, true)]
    [InlineData(CrmErrorKind.Transient, true)]
    [InlineData(CrmErrorKind.Unauthorized, false)]
    [InlineData(CrmErrorKind.InvalidRequest, false)]
    public void CrmException_says_which_kinds_are_worth_retrying(CrmErrorKind kind, bool retryable)
    {
        var exception = new CrmException(kind, "x") { RetryAfter = TimeSpan.FromSeconds(3), StatusCode = 429, ProviderErrorCode = "E" };

        Assert.Equal(retryable, exception.IsRetryable);
        Assert.Equal(kind, exception.Kind);
    }

    [Fact]
    public void A_record_reference_names_its_kind_and_id()
    {
        var contact = new CrmContact { Id = "003A" };

        Assert.Equal(new CrmRecordReference(CrmRecordKind.Contact, "003A"), contact.Reference);
        Assert.Equal("Contact:003A", contact.Reference.ToString());
        Assert.Throws<ArgumentException>(() => CrmRecordReference.Create(CrmRecordKind.Lead, ""));
    }

    [Fact]
    public async Task DelegatingCrmConnector_forwards_every_call_to_the_inner_connector()
    {
        var inner = new FakeCrmConnector();
        inner.Upsert(new CrmAccount { Id = "001A", Name = "Acme" });
        var outer = new CountingConnector(inner);
        var context = new CrmConnectionContext("t1", "c1", new CrmCredentials(secrets: [new("apiToken", "x")]));

        var authorization = await outer.ConnectAsync(context);
        var pages = await outer.ReadAsync(context, new CrmReadRequest { Kind = CrmRecordKind.Account }).ToListAsync();
        var activity = await outer.UpsertActivityAsync(context, new CrmActivity { ConversationId = "conv-1", Subject = "s", Start = default, End = default });

        Assert.Equal(inner.Metadata, outer.Metadata);
        Assert.NotNull(authorization.TokenExpiresAt);
        Assert.Equal("001A", Assert.Single(Assert.Single(pages).Records).Id);
        Assert.True(activity.Created);
        Assert.Equal(3, outer.Calls);
        Assert.Same(outer, outer.GetService<CountingConnector>());
        Assert.Same(inner, outer.GetService<FakeCrmConnector>());
    }

    private sealed class CountingConnector(ICrmConnector inner) : DelegatingCrmConnector(inner)
    {
        public int Calls { get; private set; }

        public override Task<CrmAuthorization> ConnectAsync(CrmConnectionContext connection, CancellationToken cancellationToken = default)
        {
            Calls++;
            return base.ConnectAsync(connection, cancellationToken);
        }

        public override IAsyncEnumerable<CrmRecordPage> ReadAsync(CrmConnectionContext connection, CrmReadRequest request, CancellationToken cancellationToken = default)
        {
            Calls++;
            return base.ReadAsync(connection, request, cancellationToken);
        }

        public override Task<CrmActivityResult> UpsertActivityAsync(CrmConnectionContext connection, CrmActivity activity, CancellationToken cancellationToken = default)
        {
            Calls++;
            return base.UpsertActivityAsync(connection, activity, cancellationToken);
        }
    }
}
