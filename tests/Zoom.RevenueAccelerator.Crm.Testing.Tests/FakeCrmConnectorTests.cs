using Microsoft.Extensions.Time.Testing;

namespace Zoom.RevenueAccelerator.Crm.Testing.Tests;

public sealed class FakeCrmConnectorTests
{
    private static readonly CrmConnectionContext Context = new("t", "c", new CrmCredentials(secrets: [new("apiToken", "x")]));

    private static async Task<FakeCrmConnector> ConnectedAsync(int pageSize = 3, FakeTimeProvider? time = null)
    {
        var crm = new FakeCrmConnector(new FakeCrmConnectorOptions { PageSize = pageSize }, time ?? new FakeTimeProvider());
        await crm.ConnectAsync(Context);
        return crm;
    }

    [Fact]
    public async Task A_full_read_pages_by_id_and_its_last_cursor_starts_an_incremental_read_that_sees_later_changes_and_deletions()
    {
        var crm = await ConnectedAsync();
        crm.Upsert(Enumerable.Range(0, 7).Select(i => new CrmAccount { Id = $"001{i}" }));

        var pages = await crm.ReadAsync(Context, new CrmReadRequest { Kind = CrmRecordKind.Account }).ToListAsync();
        crm.Upsert(new CrmAccount { Id = "0019", Name = "late" });
        crm.Delete(new CrmRecordReference(CrmRecordKind.Account, "0012"));
        var changes = await crm.ReadAsync(Context, new CrmReadRequest { Kind = CrmRecordKind.Account, Mode = CrmReadMode.Incremental, Cursor = pages[^1].Cursor }).ToListAsync();

        Assert.Equal([3, 3, 1], pages.Select(p => p.Records.Count));
        Assert.Equal([false, false, true], pages.Select(p => p.IsLastPage));
        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"001{i}"), pages.SelectMany(p => p.Records).Select(r => r.Id));
        Assert.All(pages, p => Assert.Equal(7, p.TotalCount));
        var change = Assert.Single(changes);
        Assert.Equal("0019", Assert.Single(change.Records).Id);
        Assert.Equal(["0012"], change.DeletedIds);
    }

    [Fact]
    public async Task A_page_cursor_resumes_a_full_read_right_after_that_page()
    {
        var crm = await ConnectedAsync();
        crm.Upsert(Enumerable.Range(0, 7).Select(i => new CrmContact { Id = $"003{i}" }));
        var first = await crm.ReadAsync(Context, new CrmReadRequest { Kind = CrmRecordKind.Contact }).FirstAsync();

        var rest = await crm.ReadAsync(Context, new CrmReadRequest { Kind = CrmRecordKind.Contact, Cursor = first.Cursor }).ToListAsync();

        Assert.Equal(["0033", "0034", "0035", "0036"], rest.SelectMany(p => p.Records).Select(r => r.Id));
    }

    [Theory]
    [InlineData("nonsense")]
    [InlineData("inc:abc")]
    [InlineData("full:1")]
    public async Task A_cursor_the_fake_did_not_issue_is_an_invalid_request(string cursor)
    {
        var crm = await ConnectedAsync();

        var error = await Assert.ThrowsAsync<CrmException>(async () => await crm.ReadAsync(Context, new CrmReadRequest { Kind = CrmRecordKind.Lead, Cursor = cursor }).ToListAsync());

        Assert.Equal(CrmErrorKind.InvalidRequest, error.Kind);
    }

    [Fact]
    public async Task An_injected_fault_fires_after_the_given_number_of_matching_calls_once()
    {
        var crm = await ConnectedAsync(pageSize: 1);
        crm.Upsert(Enumerable.Range(0, 5).Select(i => new CrmLead { Id = $"00Q{i}" }));
        crm.InjectFault(new FakeCrmFault { Operation = FakeCrmOperation.ReadPage, Kind = CrmErrorKind.RateLimited, RetryAfter = TimeSpan.FromSeconds(30), Skip = 2 });
        var seen = new List<string>();

        var error = await Assert.ThrowsAsync<CrmException>(async () =>
        {
            await foreach (var page in crm.ReadAsync(Context, new CrmReadRequest { Kind = CrmRecordKind.Lead }))
            {
                seen.AddRange(page.Records.Select(r => r.Id));
            }
        });
        var again = await crm.ReadAsync(Context, new CrmReadRequest { Kind = CrmRecordKind.Lead }).ToListAsync();

        Assert.Equal(CrmErrorKind.RateLimited, error.Kind);
        Assert.Equal(TimeSpan.FromSeconds(30), error.RetryAfter);
        Assert.Equal(429, error.StatusCode);
        Assert.Equal(["00Q0", "00Q1"], seen);
        Assert.Equal(5, again.Count);
    }

    [Fact]
    public async Task Sessions_expire_after_their_lifetime_and_a_refresh_opens_a_new_one()
    {
        var time = new FakeTimeProvider();
        var crm = await ConnectedAsync(time: time);
        time.Advance(TimeSpan.FromHours(2));

        var error = await Assert.ThrowsAsync<CrmException>(() => crm.LookupAsync(Context, new CrmLookupRequest { Emails = ["a@b.example"] }));
        var refreshed = await crm.RefreshAsync(Context);
        var found = await crm.LookupAsync(Context, new CrmLookupRequest { Emails = ["a@b.example"] });

        Assert.Equal(CrmErrorKind.Unauthorized, error.Kind);
        Assert.Equal("INVALID_SESSION_ID", error.ProviderErrorCode);
        Assert.Equal(time.GetUtcNow() + TimeSpan.FromHours(2), refreshed.TokenExpiresAt);
        Assert.Empty(found.Records);
    }

    [Fact]
    public async Task A_lookup_finds_contacts_and_leads_by_email_or_phone_with_their_accounts_and_opportunities()
    {
        var crm = await ConnectedAsync();
        crm.Upsert(
            new CrmAccount { Id = "001A" },
            new CrmAccount { Id = "001B" },
            new CrmContact { Id = "003A", AccountId = "001A", Emails = ["Jane@Acme.example"] },
            new CrmContact { Id = "003B", AccountId = "001B", Phones = ["+1 (555) 010-0200"] },
            new CrmLead { Id = "00QA", Emails = ["lead@prospect.example"] },
            new CrmOpportunity { Id = "006A", AccountId = "001A" },
            new CrmOpportunity { Id = "006C", AccountId = "001C" });

        var result = await crm.LookupAsync(Context, new CrmLookupRequest { Emails = ["jane@acme.example", "lead@prospect.example"], Phones = ["+15550100200"] });

        Assert.Equal(["001A", "001B", "003A", "003B", "006A", "00QA"], result.Records.Select(r => r.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task An_activity_write_with_its_id_updates_it_and_one_without_creates_another()
    {
        var crm = await ConnectedAsync();
        var activity = new CrmActivity { ConversationId = "conv-1", Subject = "Call", Start = default, End = default, Who = new(CrmRecordKind.Contact, "003A") };

        var created = await crm.UpsertActivityAsync(Context, activity);
        var updated = await crm.UpsertActivityAsync(Context, activity with { Subject = "Call (edited)", ExistingActivityId = created.ActivityId });
        var duplicate = await crm.UpsertActivityAsync(Context, activity);

        Assert.True(created.Created);
        Assert.False(updated.Created);
        Assert.Equal(created.ActivityId, updated.ActivityId);
        Assert.True(duplicate.Created); // no external id: the CRM cannot tell it is the same conversation
        Assert.Equal(2, crm.Activities.Count);
        var stored = crm.Activities.Single(a => a.ActivityId == created.ActivityId);
        Assert.Equal(2, stored.Writes);
        Assert.Equal("Call (edited)", stored.Activity.Subject);
        await Assert.ThrowsAsync<CrmException>(() => crm.UpsertActivityAsync(Context, activity with { Who = new(CrmRecordKind.Account, "001A") }));
        Assert.True(crm.DeleteActivity(created.ActivityId));
        var gone = await Assert.ThrowsAsync<CrmException>(() => crm.UpsertActivityAsync(Context, activity with { ExistingActivityId = created.ActivityId }));
        Assert.Equal(CrmErrorKind.NotFound, gone.Kind);
    }

    [Fact]
    public async Task With_native_upsert_a_write_without_an_id_updates_the_conversations_activity()
    {
        var crm = new FakeCrmConnector(new FakeCrmConnectorOptions { Capabilities = new FakeCrmConnectorOptions().Capabilities | CrmCapabilities.NativeActivityUpsert });
        await crm.ConnectAsync(Context);
        var activity = new CrmActivity { ConversationId = "conv-1", Subject = "Call", Start = default, End = default };

        var first = await crm.UpsertActivityAsync(Context, activity);
        var second = await crm.UpsertActivityAsync(Context, activity);

        Assert.Equal(first.ActivityId, second.ActivityId);
        Assert.False(second.Created);
        Assert.Equal(2, Assert.Single(crm.Activities).Writes);
    }

    [Fact]
    public async Task A_wrong_secret_is_refused_without_repeating_it()
    {
        var crm = new FakeCrmConnector(new FakeCrmConnectorOptions { ExpectedSecretValue = "right" });

        var error = await Assert.ThrowsAsync<CrmException>(() => crm.ConnectAsync(new CrmConnectionContext("t", "c", new CrmCredentials(secrets: [new("apiToken", "wrong-VALUE")]))));

        Assert.Equal(CrmErrorKind.Unauthorized, error.Kind);
        Assert.DoesNotContain("wrong-VALUE", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_generator_is_deterministic_and_makes_the_promised_mix()
    {
        var first = FakeCrmDataGenerator.Generate(10_000, seed: 5);
        var second = FakeCrmDataGenerator.Generate(10_000, seed: 5);
        var other = FakeCrmDataGenerator.Generate(10_000, seed: 6);

        Assert.Equal(10_000, first.Count);
        Assert.Equal(first.Select(r => r.ToString()), second.Select(r => r.ToString()));
        Assert.NotEqual(first.Select(r => r.ToString()), other.Select(r => r.ToString()));
        var kinds = first.GroupBy(r => r.Kind).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(1000, kinds[CrmRecordKind.Account]);
        Assert.Equal(3800, kinds[CrmRecordKind.Contact]);
        Assert.Equal(2500, kinds[CrmRecordKind.Lead]);
        Assert.Equal(100, kinds[CrmRecordKind.User]);
        Assert.Equal(5, kinds[CrmRecordKind.Team]);
        Assert.Contains(first.OfType<CrmLead>(), l => l.Converted is not null);
        Assert.Contains(first.OfType<CrmOpportunity>(), o => o.IsClosed);
        Assert.Contains(first.OfType<CrmOpportunity>(), o => !o.IsClosed && o.ContactRoleContactIds.Count > 0);
        Assert.Equal(first.Count, first.Select(r => r.Reference).Distinct().Count());
    }
}
