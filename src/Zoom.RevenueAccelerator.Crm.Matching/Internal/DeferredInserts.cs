using System;

namespace Zoom.RevenueAccelerator.Crm.Matching.Internal;

/// <summary>
/// What an index load will put into a <see cref="KeyTable{TValue}"/>, collected in order with each
/// key's hash (computed while the key is still in the cache) and handed back sorted by the slot each
/// key starts at, so that the inserts sweep the table once instead of landing all over it.
/// </summary>
internal sealed class DeferredInserts(int capacity)
{
    private Entry[] _entries = new Entry[Math.Max(16, capacity)];

    public int Count { get; private set; }

    public void Add(string key, object item, int hash)
    {
        if (Count == _entries.Length)
        {
            Array.Resize(ref _entries, _entries.Length * 2);
        }

        _entries[Count++] = new Entry(key, item, hash);
    }

    /// <summary>
    /// The entries ordered by their home slot in <paramref name="table"/> (a counting sort on its
    /// high bits), stable: entries of one key keep the order they were added in, so a key's records
    /// keep the order a record-by-record load gives them.
    /// </summary>
    public Entry[] SortedFor<TValue>(KeyTable<TValue> table)
        where TValue : class
    {
        var shift = Math.Max(0, int.Log2(table.Capacity) - 12);
        var starts = new int[(table.Capacity >> shift) + 1];
        var entries = _entries.AsSpan(0, Count);
        foreach (ref readonly var entry in entries)
        {
            starts[(table.Home(entry.Hash) >> shift) + 1]++;
        }

        for (var b = 1; b < starts.Length; b++)
        {
            starts[b] += starts[b - 1];
        }

        var sorted = new Entry[Count];
        foreach (ref readonly var entry in entries)
        {
            sorted[starts[table.Home(entry.Hash) >> shift]++] = entry;
        }

        return sorted;
    }

    internal readonly record struct Entry(string Key, object Item, int Hash);
}
