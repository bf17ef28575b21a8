using System.Collections.Generic;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using Microsoft.Extensions.Options;

namespace Zoom.RevenueAccelerator.Crm.Sync.Internal;

/// <summary>The default write-back queue: a bounded in-memory channel. Pending jobs survive a restart through the conversation store, not here.</summary>
internal sealed class InMemoryCrmWriteBackQueue(IOptions<CrmSyncOptions> options) : ICrmWriteBackQueue
{
    private readonly Channel<CrmWriteBackJob> _channel = Channel.CreateBounded<CrmWriteBackJob>(new BoundedChannelOptions(options.Value.WriteBackQueueCapacity)
    {
        SingleReader = false,
        SingleWriter = false,
        FullMode = BoundedChannelFullMode.Wait,
    });

    public ValueTask EnqueueAsync(CrmWriteBackJob job, CancellationToken cancellationToken = default) => _channel.Writer.WriteAsync(job, cancellationToken);

    public IAsyncEnumerable<CrmWriteBackJob> ReadAllAsync(CancellationToken cancellationToken = default) => _channel.Reader.ReadAllAsync(cancellationToken);

    /// <summary>Takes a job if one is waiting (tests drain the queue with it).</summary>
    internal bool TryDequeue(out CrmWriteBackJob job) => _channel.Reader.TryRead(out job!);
}
