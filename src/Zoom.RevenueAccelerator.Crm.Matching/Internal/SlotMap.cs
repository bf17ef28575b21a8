using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;

namespace Zoom.RevenueAccelerator.Crm.Matching.Internal;

/// <summary>Ids to small integers: the same id always gets the same slot, and slots are never reused.</summary>
internal sealed class SlotMap
{
    private readonly Dictionary<string, int> _slots;

    public SlotMap(int capacity) => _slots = new(capacity, StringComparer.Ordinal);

    public SlotMap(SlotMap source) => _slots = new(source._slots, StringComparer.Ordinal);

    public int Count => _slots.Count;

    public int Intern(string id)
    {
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_slots, id, out var exists);
        if (!exists)
        {
            slot = _slots.Count - 1;
        }

        return slot;
    }

    public int Find(string? id) => id is not null && _slots.TryGetValue(id, out var slot) ? slot : -1;
}
