using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Zoom.RevenueAccelerator.Crm;

/// <summary>One activity write-back to perform: which conversation, which revision of it, and not before when.</summary>
/// <param name="TenantId">The tenant.</param>
/// <param name="ConversationId">The conversation.</param>
/// <param name="Revision">The <see cref="CrmWriteBackState.Revision"/> the job was queued for; an older job is dropped.</param>
/// <param name="NotBefore">When the job may run.</param>
public sealed record CrmWriteBackJob(string TenantId, string ConversationId, long Revision, DateTimeOffset NotBefore);

/// <summary>
/// Carries write-back jobs to the worker that performs them. The default is an in-memory bounded
/// channel; a host may put a durable queue behind it. Jobs carry no data beyond ids: the worker
/// reads the current state, so a job may be delivered more than once or late without harm.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "It is a queue: the name says what hosts replace.")]
public interface ICrmWriteBackQueue
{
    /// <summary>Queues a job, waiting while the queue is full.</summary>
    /// <param name="job">The job.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes when the job is queued.</returns>
    ValueTask EnqueueAsync(CrmWriteBackJob job, CancellationToken cancellationToken = default);

    /// <summary>Takes jobs as they come, for the one worker of this process.</summary>
    /// <param name="cancellationToken">Ends the enumeration.</param>
    /// <returns>The jobs.</returns>
    IAsyncEnumerable<CrmWriteBackJob> ReadAllAsync(CancellationToken cancellationToken = default);
}
