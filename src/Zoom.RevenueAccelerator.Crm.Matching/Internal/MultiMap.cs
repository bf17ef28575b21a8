using System;
using System.Collections.Generic;

namespace Zoom.RevenueAccelerator.Crm.Matching.Internal;

/// <summary>
/// A key to one record or several, held as <c>object</c> (the record itself, or an immutable
/// array) so that the common case of one record per key costs no array. Values are never
/// mutated in place, so two index copies can share them.
/// </summary>
internal static class MultiMap
{
    public static void Add<T>(Dictionary<string, object> map, string key, T record)
        where T : CrmRecord
    {
        if (!map.TryGetValue(key, out var existing))
        {
            map[key] = record;
            return;
        }

        if (existing is T single)
        {
            map[key] = single.Id == record.Id ? record : new T[] { single, record };
            return;
        }

        var array = (T[])existing;
        for (var i = 0; i < array.Length; i++)
        {
            if (array[i].Id == record.Id)
            {
                var replaced = (T[])array.Clone();
                replaced[i] = record;
                map[key] = replaced;
                return;
            }
        }

        var grown = new T[array.Length + 1];
        array.CopyTo(grown, 0);
        grown[^1] = record;
        map[key] = grown;
    }

    public static void Remove<T>(Dictionary<string, object> map, string key, string id)
        where T : CrmRecord
    {
        if (!map.TryGetValue(key, out var existing))
        {
            return;
        }

        if (existing is T single)
        {
            if (single.Id == id)
            {
                map.Remove(key);
            }

            return;
        }

        var array = (T[])existing;
        var index = Array.FindIndex(array, r => r.Id == id);
        if (index < 0)
        {
            return;
        }

        if (array.Length == 2)
        {
            map[key] = array[1 - index];
            return;
        }

        var shrunk = new T[array.Length - 1];
        Array.Copy(array, 0, shrunk, 0, index);
        Array.Copy(array, index + 1, shrunk, index, array.Length - index - 1);
        map[key] = shrunk;
    }

    /// <summary>Views a value as a list of records without allocating.</summary>
    public static Many<T> View<T>(object? value)
        where T : CrmRecord => new(value);
}

/// <summary>One record, several, or none, read without allocating.</summary>
internal readonly struct Many<T>(object? value)
    where T : CrmRecord
{
    public int Count => value switch { null => 0, T[] array => array.Length, _ => 1 };

    public T this[int index] => value is T[] array ? array[index] : (T)value!;
}
