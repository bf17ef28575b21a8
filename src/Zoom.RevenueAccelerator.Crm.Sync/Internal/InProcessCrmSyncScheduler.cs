using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Zoom.RevenueAccelerator.Crm.Sync.Internal;

/// <summary>
/// Keeps each scheduled connection syncing on a <see cref="TimeProvider"/> timer: the first run when
/// asked, then one every interval (plus jitter), never two of a connection at once, and at most
/// <see cref="CrmSyncOptions.MaxConcurrentSyncs"/> connections at once.
/// </summary>
internal sealed class InProcessCrmSyncScheduler : ICrmSyncScheduler, IAsyncDisposable, IDisposable
{
    private readonly ICrmSyncEngine _engine;
    private readonly ICrmConnectionStore _connections;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly TimeSpan _jitter;
    private readonly SemaphoreSlim _concurrency;
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public InProcessCrmSyncScheduler(
        ICrmSyncEngine engine,
        ICrmConnectionStore connections,
        TimeProvider time,
        IOptions<CrmSyncOptions> options,
        ILoggerFactory? loggerFactory = null)
    {
        _engine = engine;
        _connections = connections;
        _time = time;
        _logger = (ILogger?)loggerFactory?.CreateLogger<InProcessCrmSyncScheduler>() ?? NullLogger.Instance;
        _jitter = options.Value.Jitter;
        _concurrency = new SemaphoreSlim(options.Value.MaxConcurrentSyncs);
    }

    public async ValueTask ScheduleAsync(CrmSyncSchedule schedule, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentException.ThrowIfNullOrWhiteSpace(schedule.TenantId);
        if (schedule.Interval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(schedule), schedule.Interval, "CrmSyncSchedule.Interval must be positive.");
        }

        var entry = new Entry(schedule);
        if (_entries.TryRemove(schedule.TenantId, out var previous))
        {
            await previous.StopAsync().ConfigureAwait(false);
        }

        _entries[schedule.TenantId] = entry;
        var due = schedule.FirstRunAt ?? _time.GetUtcNow();
        await ArmAsync(entry, due, cancellationToken).ConfigureAwait(false);
    }

    public ValueTask<bool> TriggerAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        if (!_entries.TryGetValue(tenantId, out var entry))
        {
            return ValueTask.FromResult(false);
        }

        Fire(entry);
        return ValueTask.FromResult(true);
    }

    public async ValueTask<bool> CancelAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        if (!_entries.TryRemove(tenantId, out var entry))
        {
            return false;
        }

        await entry.StopAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        Log.ScheduleCancelled(_logger, tenantId);
        return true;
    }

    public DateTimeOffset? GetNextRun(string tenantId) => _entries.TryGetValue(tenantId, out var entry) ? entry.NextRun : null;

    /// <summary>Completes when the tenant's run in progress (if any) has ended. For tests and shutdown.</summary>
    internal Task WhenIdleAsync(string tenantId) =>
        _entries.TryGetValue(tenantId, out var entry) ? entry.CurrentRun : Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        foreach (var tenantId in _entries.Keys)
        {
            if (_entries.TryRemove(tenantId, out var entry))
            {
                await entry.StopAsync().ConfigureAwait(false);
            }
        }

        _concurrency.Dispose();
    }

    /// <summary>Stops every timer and signals runs in progress to stop, without waiting for them (a synchronous container disposal).</summary>
    public void Dispose()
    {
        foreach (var tenantId in _entries.Keys)
        {
            if (_entries.TryRemove(tenantId, out var entry))
            {
                entry.Signal();
            }
        }
    }

    private async ValueTask ArmAsync(Entry entry, DateTimeOffset due, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var delay = due > now ? due - now : TimeSpan.Zero;
        lock (entry.Gate)
        {
            if (entry.Stopped)
            {
                return;
            }

            entry.NextRun = now + delay;
            entry.Timer ??= _time.CreateTimer(static state => ((Tuple<InProcessCrmSyncScheduler, Entry>)state!).Item1.Fire(((Tuple<InProcessCrmSyncScheduler, Entry>)state!).Item2), Tuple.Create(this, entry), Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            entry.Timer.Change(delay, Timeout.InfiniteTimeSpan);
        }

        Log.Scheduled(_logger, entry.Schedule.TenantId, entry.Schedule.ConnectionId, entry.NextRun);
        await _connections.TryUpdateAsync(entry.Schedule.TenantId, entry.Schedule.ConnectionId, s => s with { NextSyncAt = entry.NextRun }, cancellationToken).ConfigureAwait(false);
    }

    private void Fire(Entry entry)
    {
        lock (entry.Gate)
        {
            if (entry.Stopped || !entry.CurrentRun.IsCompleted)
            {
                return; // never two runs of a connection at once
            }

            entry.CurrentRun = RunAsync(entry);
        }
    }

    private async Task RunAsync(Entry entry)
    {
        var tenantId = entry.Schedule.TenantId;
        var startedAt = _time.GetUtcNow();
        try
        {
            await _concurrency.WaitAsync(entry.Stopping.Token).ConfigureAwait(false);
            try
            {
                await _engine.RunAsync(tenantId, progress: null, entry.Stopping.Token).ConfigureAwait(false);
            }
            finally
            {
                _concurrency.Release();
            }
        }
        catch (OperationCanceledException) when (entry.Stopping.IsCancellationRequested)
        {
            return;
        }
#pragma warning disable CA1031 // A scheduled run must never take the scheduler down; the failure is logged and kept in the status.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.ScheduledRunCrashed(_logger, tenantId, ex);
            await _connections.TryUpdateAsync(tenantId, entry.Schedule.ConnectionId, s => s with { LastError = ex.Message }, CancellationToken.None).ConfigureAwait(false);
        }

        if (!entry.Stopping.IsCancellationRequested)
        {
            var next = startedAt + entry.Schedule.Interval + NextJitter();
            await ArmAsync(entry, next, CancellationToken.None).ConfigureAwait(false);
        }
    }

#pragma warning disable CA5394 // Jitter spreads load; it needs no cryptographic randomness.
    private TimeSpan NextJitter() => _jitter <= TimeSpan.Zero ? TimeSpan.Zero : TimeSpan.FromTicks(Random.Shared.NextInt64(_jitter.Ticks + 1));
#pragma warning restore CA5394

    private sealed class Entry(CrmSyncSchedule schedule)
    {
        public CrmSyncSchedule Schedule { get; } = schedule;

        public object Gate { get; } = new();

        public ITimer? Timer { get; set; }

        public DateTimeOffset NextRun { get; set; }

        public Task CurrentRun { get; set; } = Task.CompletedTask;

        public CancellationTokenSource Stopping { get; } = new();

        public bool Stopped { get; private set; }

        public void Signal()
        {
            lock (Gate)
            {
                Stopped = true;
                Timer?.Dispose();
            }

            Stopping.Cancel();
        }

        public async Task StopAsync()
        {
            Task run;
            lock (Gate)
            {
                Stopped = true;
                Timer?.Dispose();
                run = CurrentRun;
            }

            await Stopping.CancelAsync().ConfigureAwait(false);
            try
            {
                await run.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // the run stopped as asked
            }

            Stopping.Dispose();
        }
    }
}
