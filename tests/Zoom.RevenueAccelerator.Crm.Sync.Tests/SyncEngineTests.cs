using Microsoft.Extensions.DependencyInjection;
using Zoom.RevenueAccelerator.Crm.Testing;

namespace Zoom.RevenueAccelerator.Crm.Sync.Tests;

public sealed class SyncEngineTests
{
    [Fact]
    public async Task A_first_sync_copies_every_record_of_every_kind_and_reports_progress()
    {
        var time = SyncHost.NewTime();
        var crm = SyncHost.NewCrm(time, records: 500);
        await using var host = SyncHost.Start(crm, time);
        await host.ConnectAsync();
        var reports = new List<CrmSyncProgress>();

        var run = await host.Engine.RunAsync("t1", new SynchronousProgress<CrmSyncProgress>(reports.Add));

        Assert.True(run.Succeeded, run.Error);
        Assert.Equal(CrmReadMode.Full, run.Mode);
        Assert.Equal(500, run.Added);
        await host.AssertMirrorsAsync(crm);
        Assert.Equal(run.Pages, reports.Count);
        Assert.Equal(500, reports[^1].TotalRecords);
        var lastContacts = reports.Last(r => r.Kind == CrmRecordKind.Contact);
        Assert.Equal(crm.GetRecords(CrmRecordKind.Contact).Count, lastContacts.KindRecords);
        Assert.Equal(lastContacts.KindRecords, lastContacts.KindTotal);
    }

    [Fact]
    public async Task A_caller_that_joins_a_run_in_progress_hears_its_progress_from_where_it_stands()
    {
        var time = SyncHost.NewTime();
        var crm = SyncHost.NewCrm(time, records: 500);
        var gate = new PauseAfterFirstPage(crm);
        await using var host = SyncHost.Start(gate, time);
        await host.ConnectAsync();
        var starter = new List<CrmSyncProgress>();
        var joiner = new List<CrmSyncProgress>();

        var first = host.Engine.RunAsync("t1", new SynchronousProgress<CrmSyncProgress>(starter.Add));
        await gate.Paused.Task.WaitAsync(TimeSpan.FromSeconds(30)); // the run is under way, one page in
        var joined = host.Engine.RunAsync("t1", new SynchronousProgress<CrmSyncProgress>(joiner.Add));
        var atJoin = joiner.Count;
        gate.Resume.SetResult();
        var (a, b) = (await first, await joined);

        Assert.Same(a, b); // one run
        Assert.Equal(1, atJoin); // where the run stood when it joined
        Assert.True(joiner.Count > 5);
        Assert.Equal(starter[^1], joiner[^1]);
        Assert.Equal(500, joiner[^1].TotalRecords);
    }

    /// <summary>Holds the read after its first page until the test says so.</summary>
    private sealed class PauseAfterFirstPage(ICrmConnector inner) : DelegatingCrmConnector(inner)
    {
        private int _pages;

        public TaskCompletionSource Paused { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Resume { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override async IAsyncEnumerable<CrmRecordPage> ReadAsync(CrmConnectionContext connection, CrmReadRequest request, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await foreach (var page in base.ReadAsync(connection, request, cancellationToken))
            {
                yield return page;
                if (++_pages == 1)
                {
                    Paused.SetResult();
                    await Resume.Task.WaitAsync(cancellationToken);
                }
            }
        }
    }

    [Fact]
    public async Task An_incremental_sync_applies_changes_and_deletions_since_the_last_one()
    {
        var time = SyncHost.NewTime();
        var crm = SyncHost.NewCrm(time, records: 200);
        await using var host = SyncHost.Start(crm, time);
        await host.ConnectAsync();
        await host.Engine.RunAsync("t1");
        var contact = (CrmContact)crm.GetRecords(CrmRecordKind.Contact)[3];
        crm.Upsert(contact with { Name = "Renamed" }, new CrmLead { Id = "00QNEW", Emails = ["new@lead.example"] });
        crm.Delete(crm.GetRecords(CrmRecordKind.Opportunity)[0].Reference);

        var run = await host.Engine.RunAsync("t1");

        Assert.Equal(CrmReadMode.Incremental, run.Mode);
        Assert.Equal((1, 1, 1), (run.Added, run.Updated, run.Deleted));
        await host.AssertMirrorsAsync(crm);
    }

    [Fact]
    public async Task A_sync_interrupted_at_every_page_and_resumed_by_a_new_process_ends_with_exactly_the_CRMs_data()
    {
        // How many pages a clean first sync reads.
        var cleanTime = SyncHost.NewTime();
        var clean = SyncHost.NewCrm(cleanTime, records: 240, pageSize: 20);
        int pages;
        await using (var cleanHost = SyncHost.Start(clean, cleanTime))
        {
            await cleanHost.ConnectAsync();
            pages = (int)(await cleanHost.Engine.RunAsync("t1")).Pages;
        }

        Assert.True(pages > 12);
        for (var failAt = 0; failAt < pages; failAt++)
        {
            var time = SyncHost.NewTime();
            var crm = SyncHost.NewCrm(time, records: 240, pageSize: 20);
            var first = SyncHost.Start(crm, time);
            await first.ConnectAsync();
            crm.InjectFault(new FakeCrmFault { Operation = FakeCrmOperation.ReadPage, Kind = CrmErrorKind.ProviderError, Skip = failAt }); // not retried: the run ends there

            var failed = await first.Engine.RunAsync("t1");

            Assert.False(failed.Succeeded, $"page {failAt} did not fail");
            Assert.Equal(failAt, failed.Pages);

            // The CRM changes while the process is down: an update, an insert, a delete of an already-synced record.
            var contacts = crm.GetRecords(CrmRecordKind.Contact);
            crm.Upsert(((CrmContact)contacts[0]) with { Name = $"changed {failAt}" }, new CrmContact { Id = $"003NEW{failAt:D3}" });
            crm.Delete(crm.GetRecords(CrmRecordKind.User)[0].Reference);
            crm.ExpireSessions();

            await using var second = SyncHost.Start(crm, time, survivorsOf: first);
            await first.DisposeAsync(); // the old engine is gone; only the stores survive
            var readsBefore = crm.CountCalls(FakeCrmOperation.ReadPage);
            var resumed = await second.Engine.RunAsync("t1");
            var resumedReads = crm.CountCalls(FakeCrmOperation.ReadPage) - readsBefore;
            var settled = await second.Engine.RunAsync("t1");

            Assert.True(resumed.Succeeded, resumed.Error);
            Assert.True(settled.Succeeded, settled.Error);
            await second.AssertMirrorsAsync(crm);
            // Resuming re-reads nothing that was applied: the pages left, plus one incremental page per finished kind.
            var kinds = Enum.GetValues<CrmRecordKind>().Length;
            Assert.True(resumedReads <= pages - failAt + kinds, $"after a failure at page {failAt} of {pages}, resuming read {resumedReads} pages");
        }
    }

    [Fact]
    public async Task A_cancelled_sync_resumes_from_its_last_applied_page()
    {
        var time = SyncHost.NewTime();
        var crm = SyncHost.NewCrm(time, records: 300, pageSize: 30);
        await using var host = SyncHost.Start(crm, time);
        await host.ConnectAsync();
        using var cancel = new CancellationTokenSource();
        var pagesBeforeCancel = 0;

        var first = await host.Engine.RunAsync("t1", new SynchronousProgress<CrmSyncProgress>(p =>
        {
            if (++pagesBeforeCancel == 4)
            {
                cancel.Cancel();
            }
        }), cancel.Token).ContinueWith(t => t.IsCanceled ? null : t.Result, TaskScheduler.Default);
        var readsSoFar = crm.CountCalls(FakeCrmOperation.ReadPage);
        var second = await host.Engine.RunAsync("t1");

        Assert.True(first is null || !first.Succeeded);
        Assert.True(second.Succeeded, second.Error);
        await host.AssertMirrorsAsync(crm);
        // The second run read the remaining pages, not everything again.
        var totalPagesForAFullRead = Enum.GetValues<CrmRecordKind>().Sum(k => Math.Max(1, (int)Math.Ceiling(crm.GetRecords(k).Count / 30.0)));
        Assert.True(crm.CountCalls(FakeCrmOperation.ReadPage) - readsSoFar < totalPagesForAFullRead);
    }

    [Fact]
    public async Task An_expired_session_is_reauthorised_once_and_the_sync_goes_on()
    {
        var time = SyncHost.NewTime();
        var crm = SyncHost.NewCrm(time, records: 100);
        await using var host = SyncHost.Start(crm, time);
        await host.ConnectAsync();
        time.Advance(TimeSpan.FromHours(3)); // past the fake's 2-hour session

        var run = await host.Engine.RunAsync("t1");

        Assert.True(run.Succeeded, run.Error);
        Assert.Equal(1, crm.CountCalls(FakeCrmOperation.Refresh));
        var status = await host.Connections.GetStatusAsync("t1");
        Assert.Equal(time.GetUtcNow() + TimeSpan.FromHours(2), status!.TokenExpiresAt);
        await host.AssertMirrorsAsync(crm);
    }

    [Fact]
    public async Task A_session_rejected_again_after_reauthorising_fails_the_run_with_a_clear_status()
    {
        var time = SyncHost.NewTime();
        var crm = SyncHost.NewCrm(time, records: 100);
        await using var host = SyncHost.Start(crm, time);
        await host.ConnectAsync();
        crm.InjectFault(new FakeCrmFault { Operation = FakeCrmOperation.ReadPage, Kind = CrmErrorKind.Unauthorized });
        crm.InjectFault(new FakeCrmFault { Operation = FakeCrmOperation.ReadPage, Kind = CrmErrorKind.Unauthorized });

        var run = await host.Engine.RunAsync("t1");

        Assert.False(run.Succeeded);
        Assert.Equal(1, crm.CountCalls(FakeCrmOperation.Refresh));
        var status = await host.Connections.GetStatusAsync("t1");
        Assert.StartsWith("Unauthorized:", status!.LastError, StringComparison.Ordinal);
        Assert.Equal(run, status.LastSync);
    }

    [Fact]
    public async Task Team_data_switched_off_reads_no_teams_and_strips_users_team_ids()
    {
        var time = SyncHost.NewTime();
        var crm = SyncHost.NewCrm(time, records: 400);
        await using var host = SyncHost.Start(crm, time);
        await host.ConnectAsync(settings: new CrmConnectionSettings { SyncTeamData = false });

        await host.Engine.RunAsync("t1");

        Assert.Empty(await host.Store().ReadAllAsync(CrmRecordKind.Team).ToListAsync());
        var users = await host.Store().ReadAllAsync(CrmRecordKind.User).ToListAsync();
        Assert.Equal(crm.GetRecords(CrmRecordKind.User).Count, users.Count);
        Assert.All(users, u => Assert.Empty(((CrmUser)u).TeamIds));
    }

    [Fact]
    public async Task An_excluded_team_is_not_synced_and_disappears_from_its_members()
    {
        var time = SyncHost.NewTime();
        var crm = SyncHost.NewCrm(time, records: 6000);
        var excluded = crm.GetRecords(CrmRecordKind.Team)[1].Id;
        await using var host = SyncHost.Start(crm, time);
        await host.ConnectAsync(settings: new CrmConnectionSettings { TeamsExcludedFromSync = [excluded] });

        await host.Engine.RunAsync("t1");

        var teams = await host.Store().ReadAllAsync(CrmRecordKind.Team).ToListAsync();
        Assert.Equal(crm.GetRecords(CrmRecordKind.Team).Count - 1, teams.Count);
        Assert.DoesNotContain(teams, t => t.Id == excluded);
        var users = (await host.Store().ReadAllAsync(CrmRecordKind.User).ToListAsync()).Cast<CrmUser>().ToList();
        Assert.DoesNotContain(users, u => u.TeamIds.Contains(excluded));
        Assert.Contains(crm.GetRecords(CrmRecordKind.User).Cast<CrmUser>(), u => u.TeamIds.Contains(excluded));
    }

    [Fact]
    public async Task Two_runs_asked_at_once_are_one_run()
    {
        var time = SyncHost.NewTime();
        var crm = SyncHost.NewCrm(time, records: 200);
        var gate = new GatedConnector(crm);
        await using var host = SyncHost.Start(gate, time);
        await host.ConnectAsync();

        var first = host.Engine.RunAsync("t1");
        var second = host.Engine.RunAsync("t1");
        await gate.Entered.Task;
        gate.Release.SetResult();
        var results = await Task.WhenAll(first, second);

        Assert.Same(results[0], results[1]);
        Assert.Equal(Enum.GetValues<CrmRecordKind>().Length, gate.Reads); // one read per kind: a single pass
    }

    [Fact]
    public async Task A_connector_without_incremental_reads_is_read_in_full_every_time()
    {
        var time = SyncHost.NewTime();
        var crm = SyncHost.NewCrm(time, records: 100, capabilities: CrmCapabilities.LookupByEmail);
        await using var host = SyncHost.Start(crm, time);
        await host.ConnectAsync();

        await host.Engine.RunAsync("t1");
        crm.Upsert(new CrmAccount { Id = "001LATE" });
        var second = await host.Engine.RunAsync("t1");

        Assert.Equal(CrmReadMode.Full, second.Mode);
        await host.AssertMirrorsAsync(crm);
    }

    /// <summary>Holds the first read until released, counting reads started.</summary>
    internal sealed class GatedConnector(ICrmConnector inner) : DelegatingCrmConnector(inner)
    {
        private int _reads;

        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Reads => Volatile.Read(ref _reads);

        public override async IAsyncEnumerable<CrmRecordPage> ReadAsync(CrmConnectionContext connection, CrmReadRequest request, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            if (Interlocked.Increment(ref _reads) == 1)
            {
                Entered.TrySetResult();
                await Release.Task.WaitAsync(cancellationToken);
            }

            await foreach (var page in base.ReadAsync(connection, request, cancellationToken))
            {
                yield return page;
            }
        }
    }
}
