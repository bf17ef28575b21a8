using System;
using System.Threading;

namespace Zoom.RevenueAccelerator.Crm.Matching.Internal;

/// <summary>
/// The left-right pattern: two copies of a structure; readers use the published one without
/// locks, the single writer changes the other, publishes it, waits for readers of the old one to
/// leave, and changes that one too. A reader sees a whole batch or none of it. The second copy is
/// made by the first write, so a structure that is never changed costs one copy.
/// </summary>
internal sealed class LeftRight<T>
    where T : class
{
    private readonly T?[] _copies;
    private readonly Func<T, T> _copy;
    private readonly ReaderCount[] _readers = [new(), new()];
    private readonly object _writer = new();
    private int _published;

    /// <summary>Starts with <paramref name="first"/> published; <paramref name="copy"/> makes the second copy when the first write comes.</summary>
    public LeftRight(T first, Func<T, T> copy)
    {
        _copies = [first, null];
        _copy = copy;
    }

    /// <summary>Enters a read section on the published copy. Dispose the returned token to leave.</summary>
    public ReadToken Enter()
    {
        while (true)
        {
            var index = Volatile.Read(ref _published);
            Interlocked.Increment(ref _readers[index].Count);
            if (index == Volatile.Read(ref _published))
            {
                return new ReadToken(this, index);
            }

            // The writer switched copies between our read and our registration: try again.
            Interlocked.Decrement(ref _readers[index].Count);
        }
    }

    /// <summary>Applies a change to both copies, one at a time, never to a copy being read.</summary>
    public void Write(Action<T> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        lock (_writer)
        {
            var standby = 1 - _published;

            // The published copy is only read while no write runs, so it can be copied while readers use it.
            var copy = _copies[standby] ??= _copy(_copies[_published]!);
            WaitForNoReaders(standby);
            change(copy);

            // A full fence, not a volatile write: the read of the old copy's reader count below must
            // not move before the publication (store-load reordering), or a reader could register
            // on the old copy unseen and read it while it changes.
            Interlocked.Exchange(ref _published, standby);
            WaitForNoReaders(1 - standby);
            change(_copies[1 - standby]!);
        }
    }

    private void WaitForNoReaders(int index)
    {
        var spin = new SpinWait();
        while (Volatile.Read(ref _readers[index].Count) != 0)
        {
            spin.SpinOnce();
        }
    }

    /// <summary>A reader's hold on one copy.</summary>
    internal readonly struct ReadToken(LeftRight<T> owner, int index) : IDisposable
    {
        public T Value => owner._copies[index]!;

        public void Dispose() => Interlocked.Decrement(ref owner._readers[index].Count);
    }

    /// <summary>A reader count on its own cache line.</summary>
    private sealed class ReaderCount
    {
#pragma warning disable CA1051, SA1401 // A field, so that Interlocked can work on it.
        public long Count;
#pragma warning restore CA1051, SA1401
    }
}
