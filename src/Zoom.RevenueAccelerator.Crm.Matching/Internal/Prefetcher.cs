using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace Zoom.RevenueAccelerator.Crm.Matching.Internal;

/// <summary>Prefetch hints: ask the processor to start fetching memory a later pass will read, so that the misses of several participants overlap.</summary>
internal static class Prefetcher
{
    /// <summary>Starts fetching the start of an object (a hint: nothing is read through the address, so a stale one is harmless).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Object(object? value)
    {
        if (Sse.IsSupported && value is not null)
        {
            Sse.Prefetch0(*(void**)Unsafe.AsPointer(ref value));
        }
    }

    /// <summary>Starts fetching an array element or field.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void At<T>(ref T location)
    {
        if (Sse.IsSupported)
        {
            Sse.Prefetch0(Unsafe.AsPointer(ref location));
        }
    }
}
