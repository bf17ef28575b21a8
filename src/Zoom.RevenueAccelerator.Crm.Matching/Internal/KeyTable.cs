using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Zoom.RevenueAccelerator.Crm.Matching.Internal;

/// <summary>
/// A string-keyed hash table for the matching hot path: open addressing with linear probing, each
/// slot holding its hash, key and value together, so that a lookup on a large index costs one cache
/// miss for the slot (then the key and value, which the processor fetches side by side) where a
/// <c>Dictionary</c> costs a bucket, an entry and then the key. Lookups take spans and can be
/// prefetched: a match computes every participant's hash first, prefetches the slots, then probes.
/// The hash is seeded per table (keys come from CRM data, which a third party may shape).
/// Not thread-safe: each index copy has its own, written only while no reader uses it.
/// </summary>
/// <typeparam name="TValue">The value type (a reference type; <see langword="null"/> means absent).</typeparam>
internal sealed class KeyTable<TValue>
    where TValue : class
{
    private const ulong K1 = 0x9E3779B97F4A7C15;
    private const ulong K2 = 0xC2B2AE3D27D4EB4F;
    private const int MinCapacity = 16;

    private readonly ulong _seed;
    private Slot[] _slots;
    private int _mask;

    public KeyTable(int capacity)
    {
        _seed = (ulong)Random.Shared.NextInt64() | 1;
        _slots = new Slot[SizeFor(capacity)];
        _mask = _slots.Length - 1;
    }

    public KeyTable(KeyTable<TValue> source)
    {
        _seed = source._seed;
        _slots = (Slot[])source._slots.Clone();
        _mask = source._mask;
        Count = source.Count;
    }

    public int Count { get; private set; }

    /// <summary>The hash <see cref="Find(ReadOnlySpan{char}, int)"/> and <see cref="Prefetch(int)"/> take.</summary>
    public int Hash(ReadOnlySpan<char> key)
    {
        var blocks = MemoryMarshal.Cast<char, ulong>(key);
        var h = _seed ^ ((ulong)key.Length * K2);
        foreach (var block in blocks)
        {
            h = (h ^ block) * K1;
            h ^= h >> 29;
        }

        ulong tail = 0;
        for (var i = blocks.Length * 4; i < key.Length; i++)
        {
            tail = (tail << 16) | key[i];
        }

        h = (h ^ tail) * K2;
        h ^= h >> 32;
        h *= K1;
        return (int)(h >> 32);
    }

    /// <summary>Asks the processor to start fetching the slot a lookup of this hash will read first.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Prefetch(int hash) => Prefetcher.At(ref _slots[hash & _mask]);

    public TValue? Find(ReadOnlySpan<char> key) => Find(key, Hash(key));

    public TValue? Find(ReadOnlySpan<char> key, int hash)
    {
        var slots = _slots;
        var i = hash & _mask;
        while (true)
        {
            ref var slot = ref slots[i];
            if (slot.Key is null)
            {
                return null;
            }

            if (slot.Hash == hash && key.SequenceEqual(slot.Key))
            {
                return slot.Value;
            }

            i = (i + 1) & _mask;
        }
    }

    /// <summary>
    /// A reference to the key's value, added as <see langword="null"/> when absent: one probe to read
    /// and write. The caller must store a non-null value before the next call on this table.
    /// </summary>
    public ref TValue? GetValueRefOrAddDefault(string key, out bool exists) => ref GetValueRefOrAddDefault(key, Hash(key), out exists);

    /// <summary>As <see cref="GetValueRefOrAddDefault(string, out bool)"/>, with the key's <see cref="Hash"/> already computed.</summary>
    public ref TValue? GetValueRefOrAddDefault(string key, int hash, out bool exists)
    {
        if ((Count + 1) * 4 > _slots.Length * 3)
        {
            Grow(_slots.Length * 2);
        }

        var i = hash & _mask;
        while (_slots[i].Key is { } existing)
        {
            if (_slots[i].Hash == hash && existing == key)
            {
                exists = true;
                return ref _slots[i].Value;
            }

            i = (i + 1) & _mask;
        }

        _slots[i].Key = key;
        _slots[i].Hash = hash;
        Count++;
        exists = false;
        return ref _slots[i].Value;
    }

    /// <summary>Makes room for <paramref name="count"/> keys in all without growing.</summary>
    public void EnsureCapacity(int count)
    {
        if (SizeFor(count) > _slots.Length)
        {
            Grow(SizeFor(count));
        }
    }

    /// <summary>The number of slots (a power of two).</summary>
    public int Capacity => _slots.Length;

    /// <summary>The slot a lookup of <paramref name="hash"/> starts at: inserting keys in this order touches the table from one end to the other.</summary>
    public int Home(int hash) => hash & _mask;

    /// <summary>A reference to the key's value, or a null reference when the key is absent.</summary>
    public ref TValue? FindRef(string key)
    {
        var hash = Hash(key);
        var i = hash & _mask;
        while (_slots[i].Key is { } existing)
        {
            if (_slots[i].Hash == hash && existing == key)
            {
                return ref _slots[i].Value;
            }

            i = (i + 1) & _mask;
        }

        return ref Unsafe.NullRef<TValue?>();
    }

    /// <summary>Adds, replaces (a non-null <paramref name="value"/>) or removes (<see langword="null"/>) the key's value.</summary>
    public void Set(string key, TValue? value)
    {
        if (value is not null)
        {
            GetValueRefOrAddDefault(key, out _) = value;
        }
        else
        {
            Remove(key);
        }
    }

    /// <summary>Removes the key; returns whether it was there.</summary>
    public bool Remove(string key)
    {
        var hash = Hash(key);
        var i = hash & _mask;
        while (_slots[i].Key is { } existing)
        {
            if (_slots[i].Hash == hash && existing == key)
            {
                RemoveAt(i);
                return true;
            }

            i = (i + 1) & _mask;
        }

        return false;
    }

    /// <summary>Visits every value, in no particular order, letting the visitor replace it (never with <see langword="null"/>).</summary>
    public void ReplaceEach(Func<TValue, TValue> replace)
    {
        foreach (ref var slot in _slots.AsSpan())
        {
            if (slot.Key is not null)
            {
                slot.Value = replace(slot.Value!);
            }
        }
    }

    private static int SizeFor(int capacity)
    {
        var size = MinCapacity;
        while (size / 4 * 3 < capacity)
        {
            size *= 2;
        }

        return size;
    }

    /// <summary>Backward-shift deletion: later slots of the same run move up, so no tombstones are needed.</summary>
    private void RemoveAt(int hole)
    {
        var i = hole;
        while (true)
        {
            i = (i + 1) & _mask;
            if (_slots[i].Key is null)
            {
                break;
            }

            var home = _slots[i].Hash & _mask;

            // The slot may move into the hole if its home is not cyclically within (hole, i].
            if (((i - home) & _mask) >= ((i - hole) & _mask))
            {
                _slots[hole] = _slots[i];
                hole = i;
            }
        }

        _slots[hole] = default;
        Count--;
    }

    private void Grow(int size)
    {
        var old = _slots;
        _slots = new Slot[size];
        _mask = _slots.Length - 1;
        foreach (var slot in old)
        {
            if (slot.Key is not null)
            {
                var i = slot.Hash & _mask;
                while (_slots[i].Key is not null)
                {
                    i = (i + 1) & _mask;
                }

                _slots[i] = slot;
            }
        }
    }

    private struct Slot
    {
        public string? Key;
        public TValue? Value;
        public int Hash;
    }
}
