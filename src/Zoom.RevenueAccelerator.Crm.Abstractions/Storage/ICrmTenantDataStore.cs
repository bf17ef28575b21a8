using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Zoom.RevenueAccelerator.Crm;

/// <summary>One tenant's CRM data and sync cursors. Implementations must be thread-safe.</summary>
public interface ICrmTenantDataStore
{
    /// <summary>Gets the tenant this view belongs to.</summary>
    string TenantId { get; }

    /// <summary>Applies a batch atomically: readers see all of it or none of it.</summary>
    /// <param name="batch">The changes.</param>
    /// <param name="cancellationToken">Cancels the call before anything is applied.</param>
    /// <returns>What changed.</returns>
    ValueTask<CrmChangeSummary> ApplyAsync(CrmChangeBatch batch, CancellationToken cancellationToken = default);

    /// <summary>Reads a cursor set by an earlier batch.</summary>
    /// <param name="name">The cursor's name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The cursor, or <see langword="null"/>.</returns>
    ValueTask<string?> GetCursorAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Reads one record.</summary>
    /// <param name="reference">The record's kind and id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The record, or <see langword="null"/>.</returns>
    ValueTask<CrmRecord?> GetAsync(CrmRecordReference reference, CancellationToken cancellationToken = default);

    /// <summary>Streams every record of one kind, ordered by id (ordinal).</summary>
    /// <param name="kind">The kind.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The records.</returns>
    IAsyncEnumerable<CrmRecord> ReadAllAsync(CrmRecordKind kind, CancellationToken cancellationToken = default);

    /// <summary>Counts the tenant's records.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The counts.</returns>
    ValueTask<CrmRecordCounts> CountAsync(CancellationToken cancellationToken = default);

    /// <summary>Removes every record and cursor of the tenant.</summary>
    /// <param name="cancellationToken">Cancels the call before anything is removed.</param>
    /// <returns>What was removed.</returns>
    ValueTask<CrmRecordCounts> PurgeAsync(CancellationToken cancellationToken = default);
}
