namespace Zoom.RevenueAccelerator.Crm.Sync.Internal;

/// <summary>Names of the cursors the engine keeps in the tenant's store.</summary>
internal static class SyncCursors
{
    /// <summary>Where an unfinished full read of a kind resumes.</summary>
    public static string Full(string connectionId, CrmRecordKind kind) => $"sync/{connectionId}/{kind}/full";

    /// <summary>Where the next incremental read of a kind starts (set when a full read completes).</summary>
    public static string Incremental(string connectionId, CrmRecordKind kind) => $"sync/{connectionId}/{kind}/incremental";

    /// <summary>When a full read of a kind last completed in one pass, so that its deletions are known (ISO 8601).</summary>
    public static string Reconciled(string connectionId, CrmRecordKind kind) => $"sync/{connectionId}/{kind}/reconciled";
}
