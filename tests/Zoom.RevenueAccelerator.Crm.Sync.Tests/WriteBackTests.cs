using Zoom.RevenueAccelerator.Crm.Testing;
using static Zoom.RevenueAccelerator.Crm.Sync.Tests.ConversationTests;

namespace Zoom.RevenueAccelerator.Crm.Sync.Tests;

/// <summary>Activity write-back: once, with retries and back-off, dead-lettered, moved on re-match, across restarts.</summary>
public sealed class WriteBackTests
{
    private static readonly CrmConnectionSettings Writing = Settings with
    {
        CreateActivities = true,
        CompetitorPublishing = CompetitorPublishing.Both,
        PrimaryCompetitorField = "Primary_Competitor__c",
    };

    private static readonly ConversationAnalysis Analysis = new()
    {
        Summary = "Discussed the renewal.",
        Competitors = ["Globex", "Initech", "globex "],
        Link = new Uri("https://host.example/conversations/c1"),
    };

    private static async Task<SyncHost> ReadyAsync(FakeCrmConnector crm, Microsoft.Extensions.Time.Testing.FakeTimeProvider time, CrmConnectionSettings? settings = null, Action<ICrmIntegrationBuilder>? configure = null)
    {
        var host = SyncHost.Start(crm, time, configure: configure);
        await host.ConnectAsync(settings: settings ?? Writing);
        await host.Engine.RunAsync("t1");
        return host;
    }

    [Fact]
    public async Task An_analysed_matched_conversation_becomes_one_activity_with_competitors_where_the_settings_say()
    {
        var time = SyncHost.NewTime();
        var crm = NewOrg(time);
        await using var host = await ReadyAsync(crm, time);

        var queued = await host.Conversations.OnConversationAnalyzedAsync("t1", Meeting(time, "c1", "ann@acme.example"), Analysis);
        var taken = await host.DrainWriteBacksAsync();
        var state = await host.Conversations.GetAsync("t1", "c1");

        Assert.Equal(CrmWriteBackStatus.Pending, queued.WriteBack!.Status);
        Assert.Equal(1, taken);
        var written = Assert.Single(crm.Activities);
        Assert.Equal("c1", written.Activity.ConversationId);
        Assert.Equal(new CrmRecordReference(CrmRecordKind.Opportunity, "006DEAL"), written.Activity.What);
        Assert.Equal(new CrmRecordReference(CrmRecordKind.Contact, "003ANN"), written.Activity.Who);
        Assert.Equal(["Globex", "Initech"], written.Activity.Competitors);
        Assert.Equal(CompetitorPublishing.Both, written.Activity.CompetitorPublishing);
        Assert.Equal("Primary_Competitor__c", written.Activity.PrimaryCompetitorField);
        Assert.Equal("Meeting: Weekly sync", written.Activity.Subject);
        Assert.Equal(Analysis.Summary, written.Activity.Summary);
        Assert.Equal(CrmWriteBackStatus.Written, state!.WriteBack!.Status);
        Assert.Equal(written.ActivityId, state.WriteBack.ActivityId);
    }

    [Fact]
    public async Task Competitors_go_only_to_the_activity_when_the_settings_say_so()
    {
        var time = SyncHost.NewTime();
        var crm = NewOrg(time);
        await using var host = await ReadyAsync(crm, time, Writing with { CompetitorPublishing = CompetitorPublishing.ActivityRecord });

        await host.Conversations.OnConversationAnalyzedAsync("t1", Meeting(time, "c1", "ann@acme.example"), Analysis);
        await host.DrainWriteBacksAsync();

        var written = Assert.Single(crm.Activities).Activity;
        Assert.Equal(CompetitorPublishing.ActivityRecord, written.CompetitorPublishing);
        Assert.Null(written.PrimaryCompetitorField);
    }

    [Fact]
    public async Task Nothing_is_written_when_activities_are_off_or_the_conversation_is_not_matched()
    {
        var time = SyncHost.NewTime();
        var crm = NewOrg(time);
        await using var off = await ReadyAsync(crm, time, Settings);
        var skippedOff = await off.Conversations.OnConversationAnalyzedAsync("t1", Meeting(time, "c1", "ann@acme.example"), Analysis);
        var time2 = SyncHost.NewTime();
        var crm2 = NewOrg(time2);
        await using var on = await ReadyAsync(crm2, time2);
        var skippedUnmatched = await on.Conversations.OnConversationAnalyzedAsync("t1", Meeting(time2, "c2", "nobody@unknown.example"), Analysis);

        Assert.Equal(0, await off.DrainWriteBacksAsync() + await on.DrainWriteBacksAsync());
        Assert.Equal(CrmWriteBackStatus.Skipped, skippedOff.WriteBack!.Status);
        Assert.Contains("off", skippedOff.WriteBack.LastError, StringComparison.Ordinal);
        Assert.Equal(CrmWriteBackStatus.Skipped, skippedUnmatched.WriteBack!.Status);
        Assert.Empty(crm.Activities);
        Assert.Empty(crm2.Activities);
    }

    [Fact]
    public async Task A_failed_write_is_retried_after_its_back_off_or_Retry_After_and_never_creates_a_second_activity()
    {
        var time = SyncHost.NewTime();
        var crm = NewOrg(time);
        await using var host = await ReadyAsync(crm, time);
        crm.InjectFault(new FakeCrmFault { Operation = FakeCrmOperation.UpsertActivity, Kind = CrmErrorKind.Transient });
        crm.InjectFault(new FakeCrmFault { Operation = FakeCrmOperation.UpsertActivity, Kind = CrmErrorKind.RateLimited, RetryAfter = TimeSpan.FromMinutes(5) });

        var t0 = time.GetUtcNow();
        await host.Conversations.OnConversationAnalyzedAsync("t1", Meeting(time, "c1", "ann@acme.example"), Analysis);
        await host.DrainWriteBacksAsync();
        var afterFirst = (await host.Conversations.GetAsync("t1", "c1"))!.WriteBack!;
        time.Advance(TimeSpan.FromSeconds(29));
        var early = await host.DrainWriteBacksAsync();
        time.Advance(TimeSpan.FromSeconds(1));
        await host.DrainWriteBacksAsync();
        var afterSecond = (await host.Conversations.GetAsync("t1", "c1"))!.WriteBack!;
        time.Advance(TimeSpan.FromMinutes(5));
        await host.DrainWriteBacksAsync();
        var written = (await host.Conversations.GetAsync("t1", "c1"))!.WriteBack!;

        Assert.Equal(CrmWriteBackStatus.Pending, afterFirst.Status);
        Assert.Equal(1, afterFirst.Attempts);
        Assert.Equal(t0 + TimeSpan.FromSeconds(30), afterFirst.NextAttemptAt);
        Assert.StartsWith("Transient", afterFirst.LastError, StringComparison.Ordinal);
        Assert.Equal(0, early);
        Assert.Equal(2, afterSecond.Attempts);
        Assert.Equal(t0 + TimeSpan.FromSeconds(30) + TimeSpan.FromMinutes(5), afterSecond.NextAttemptAt); // Retry-After (5 min) beat the 60 s back-off
        Assert.Equal(CrmWriteBackStatus.Written, written.Status);
        Assert.Equal(3, written.Attempts);
        Assert.Single(crm.Activities);
    }

    [Fact]
    public async Task After_the_last_attempt_or_an_error_retrying_cannot_fix_the_job_is_dead_lettered_and_visible()
    {
        var time = SyncHost.NewTime();
        var crm = NewOrg(time);
        await using var host = await ReadyAsync(crm, time, configure: b => b.ConfigureSync(o => o.WriteBackMaxAttempts = 2));
        crm.InjectFault(new FakeCrmFault { Operation = FakeCrmOperation.UpsertActivity, Kind = CrmErrorKind.Transient });
        crm.InjectFault(new FakeCrmFault { Operation = FakeCrmOperation.UpsertActivity, Kind = CrmErrorKind.Transient });

        await host.Conversations.OnConversationAnalyzedAsync("t1", Meeting(time, "c1", "ann@acme.example"), Analysis);
        await host.DrainWriteBacksAsync();
        time.Advance(TimeSpan.FromSeconds(30));
        await host.DrainWriteBacksAsync();
        time.Advance(TimeSpan.FromHours(2));
        var more = await host.DrainWriteBacksAsync();
        var dead = (await host.Conversations.GetAsync("t1", "c1"))!.WriteBack!;

        crm.InjectFault(new FakeCrmFault { Operation = FakeCrmOperation.UpsertActivity, Kind = CrmErrorKind.InvalidRequest });
        await host.Conversations.OnConversationAnalyzedAsync("t1", Meeting(time, "c2", "ann@acme.example"), Analysis);
        await host.DrainWriteBacksAsync();
        var refused = (await host.Conversations.GetAsync("t1", "c2"))!.WriteBack!;

        Assert.Equal(0, more);
        Assert.Equal(CrmWriteBackStatus.DeadLettered, dead.Status);
        Assert.Equal(2, dead.Attempts);
        Assert.StartsWith("Transient", dead.LastError, StringComparison.Ordinal);
        Assert.Equal(CrmWriteBackStatus.DeadLettered, refused.Status);
        Assert.Equal(1, refused.Attempts);
        Assert.Empty(crm.Activities);
    }

    [Fact]
    public async Task A_rematch_or_a_new_analysis_updates_the_written_activity_instead_of_creating_another()
    {
        var time = SyncHost.NewTime();
        var crm = NewOrg(time);
        await using var host = await ReadyAsync(crm, time);
        await host.Conversations.OnConversationAnalyzedAsync("t1", Meeting(time, "c1", "ann@acme.example"), Analysis);
        await host.DrainWriteBacksAsync();

        await host.Conversations.MatchManuallyAsync("t1", "c1", new CrmRecordReference(CrmRecordKind.Account, "001OTHER"), "alice");
        await host.DrainWriteBacksAsync();
        var moved = Assert.Single(crm.Activities);
        await host.Conversations.OnConversationAnalyzedAsync("t1", Meeting(time, "c1", "ann@acme.example"), Analysis with { Summary = "Corrected summary." });
        await host.DrainWriteBacksAsync();
        var updated = Assert.Single(crm.Activities);

        Assert.Equal(new CrmRecordReference(CrmRecordKind.Account, "001OTHER"), moved.Activity.What);
        Assert.Equal(2, moved.Writes);
        Assert.Equal(3, updated.Writes);
        Assert.Equal("Corrected summary.", updated.Activity.Summary);
        Assert.Equal(moved.ActivityId, updated.ActivityId);
    }

    [Fact]
    public async Task An_activity_deleted_in_the_CRM_is_written_afresh_once()
    {
        var time = SyncHost.NewTime();
        var crm = NewOrg(time);
        await using var host = await ReadyAsync(crm, time);
        await host.Conversations.OnConversationAnalyzedAsync("t1", Meeting(time, "c1", "ann@acme.example"), Analysis);
        await host.DrainWriteBacksAsync();
        crm.DeleteActivity(crm.Activities[0].ActivityId);

        await host.Conversations.OnConversationAnalyzedAsync("t1", Meeting(time, "c1", "ann@acme.example"), Analysis);
        await host.DrainWriteBacksAsync();

        var again = Assert.Single(crm.Activities);
        Assert.Equal(again.ActivityId, (await host.Conversations.GetAsync("t1", "c1"))!.WriteBack!.ActivityId);
    }

    [Fact]
    public async Task A_pending_write_back_survives_a_restart_and_is_written_once_by_the_hosted_worker()
    {
        var time = SyncHost.NewTime();
        var crm = NewOrg(time);
        var first = await ReadyAsync(crm, time);
        crm.InjectFault(new FakeCrmFault { Operation = FakeCrmOperation.UpsertActivity, Kind = CrmErrorKind.Transient });
        await first.Conversations.OnConversationAnalyzedAsync("t1", Meeting(time, "c1", "ann@acme.example"), Analysis);
        await first.DrainWriteBacksAsync();

        await using var second = SyncHost.Start(crm, time, survivorsOf: first);
        await first.DisposeAsync(); // the first process is gone, with its queue and timers
        var hosted = await second.StartHostedAsync();
        time.Advance(TimeSpan.FromSeconds(30));
        var state = await WaitForAsync(async () => await second.Conversations.GetAsync("t1", "c1") is { WriteBack.Status: CrmWriteBackStatus.Written } s ? s : null, time);
        await hosted.StopAsync(CancellationToken.None);

        Assert.Single(crm.Activities);
        Assert.Equal(2, state.WriteBack!.Attempts);
    }

    /// <summary>Waits for the hosted worker (a real background loop) to reach a state; fake time is nudged, never slept on.</summary>
    private static async Task<T> WaitForAsync<T>(Func<Task<T?>> probe, Microsoft.Extensions.Time.Testing.FakeTimeProvider time)
        where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            if (await probe() is { } found)
            {
                return found;
            }

            Assert.True(DateTime.UtcNow < deadline, "the hosted worker did not get there in 30 s");
            time.Advance(TimeSpan.FromSeconds(1));
            await Task.Yield();
        }
    }
}
