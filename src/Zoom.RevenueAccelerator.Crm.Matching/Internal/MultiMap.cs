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
    /// <summary>
    /// Returns a value with <paramref name="record"/> added (or replacing the one with its id); never
    /// mutates <paramref name="existing"/>, except during a bulk build (<paramref name="bulk"/>), when
    /// several records collect in a list that <see cref="Freeze"/> turns into an array once.
    /// </summary>
    public static object With<T>(object? existing, T record, bool bulk = false)
        where T : class
    {
        switch (existing)
        {
            case null:
                return record;
            case T single when IdOf(single) == IdOf(record):
                return record;
            case T single:
                return bulk ? new List<T> { single, record } : new T[] { single, record };
            case List<T> list:
                var id = IdOf(record);
                for (var i = 0; i < list.Count; i++)
                {
                    if (IdOf(list[i]) == id)
                    {
                        list[i] = record;
                        return list;
                    }
                }

                list.Add(record);
                return list;
        }

        var array = (T[])existing;
        var at = -1;
        for (var i = 0; i < array.Length; i++)
        {
            if (IdOf(array[i]) == IdOf(record))
            {
                at = i;
                break;
            }
        }

        return CopyOnWrite.Set(array, at, record); // replaces the record of that id, or appends
    }

    /// <summary>Returns a value without the record of id <paramref name="id"/> (<see langword="null"/> when none is left); never mutates <paramref name="existing"/>.</summary>
    public static object? Without<T>(object? existing, string id)
        where T : class
    {
        switch (existing)
        {
            case null:
                return null;
            case T single:
                return IdOf(single) == id ? null : single;
            case List<T> list:
                list.RemoveAll(r => IdOf(r) == id);
                return list.Count == 0 ? null : list;
        }

        var array = (T[])existing;
        var index = Array.FindIndex(array, r => IdOf(r) == id);
        if (index < 0)
        {
            return array;
        }

        return array.Length == 2 ? array[1 - index] : CopyOnWrite.RemoveAt(array, index);
    }

    /// <summary>The CRM id of a record or of an index entry.</summary>
    public static string IdOf<T>(T item)
        where T : class => item is CrmRecord record ? record.Id : ((IIndexed)item).Id;

    /// <summary>Turns a bulk build's list into the immutable form: the record itself, or an array.</summary>
    public static object? Freeze<T>(object? value)
        where T : class =>
        value is List<T> list ? (list.Count == 1 ? list[0] : list.ToArray()) : value;

    /// <summary>Views a value as a list of records without allocating.</summary>
    public static Many<T> View<T>(object? value)
        where T : class => new(value);
}

/// <summary>One record, several, or none, read without allocating.</summary>
internal readonly struct Many<T>(object? value)
    where T : class
{
    public int Count => value switch { null => 0, T[] array => array.Length, _ => 1 };

    public T this[int index] => value is T[] array ? array[index] : (T)value!;
}

/// <summary>Edits of arrays that both index copies may share: each returns a new array and never changes the one it is given.</summary>
internal static class CopyOnWrite
{
    /// <summary>A copy with <paramref name="item"/> at <paramref name="index"/>, or appended when <paramref name="index"/> is -1.</summary>
    public static T[] Set<T>(T[] array, int index, T item)
    {
        T[] copy;
        if (index >= 0)
        {
            copy = (T[])array.Clone();
            copy[index] = item;
            return copy;
        }

        copy = new T[array.Length + 1];
        array.CopyTo(copy, 0);
        copy[^1] = item;
        return copy;
    }

    /// <summary>A copy without the item at <paramref name="index"/>.</summary>
    public static T[] RemoveAt<T>(T[] array, int index)
    {
        var shrunk = new T[array.Length - 1];
        Array.Copy(array, 0, shrunk, 0, index);
        Array.Copy(array, index + 1, shrunk, index, array.Length - index - 1);
        return shrunk;
    }
}
