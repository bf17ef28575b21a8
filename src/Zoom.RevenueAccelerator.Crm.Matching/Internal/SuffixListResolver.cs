using System;
using System.Collections.Generic;

namespace Zoom.RevenueAccelerator.Crm.Matching.Internal;

/// <summary>Resolves registrable domains from a set of multi-label public suffixes, without allocating.</summary>
internal sealed class SuffixListResolver : IRegistrableDomainResolver
{
    private readonly HashSet<string> _suffixes;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public SuffixListResolver(IEnumerable<string> multiLabelSuffixes)
    {
        ArgumentNullException.ThrowIfNull(multiLabelSuffixes);
        _suffixes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var suffix in multiLabelSuffixes)
        {
            var s = suffix.Trim().Trim('.').ToLowerInvariant();
            if (s.Contains('.', StringComparison.Ordinal))
            {
                _suffixes.Add(s);
            }
        }

        _lookup = _suffixes.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public ReadOnlySpan<char> GetRegistrableDomain(ReadOnlySpan<char> domain)
    {
        var last = domain.LastIndexOf('.');
        if (last <= 0 || domain[..last].IndexOf('.') < 0)
        {
            return domain; // one or two labels: already registrable (the common case, without the scan below)
        }

        Span<int> dots = stackalloc int[64];
        var count = 0;
        for (var i = 0; i < domain.Length && count < dots.Length; i++)
        {
            if (domain[i] == '.')
            {
                dots[count++] = i;
            }
        }

        if (count < 2)
        {
            return domain; // one or two labels: already registrable
        }

        // The longest known suffix wins: test from the leftmost candidate (most labels) rightwards.
        for (var k = 0; k <= count - 2; k++)
        {
            if (_lookup.Contains(domain[(dots[k] + 1)..]))
            {
                return domain[(k == 0 ? 0 : dots[k - 1] + 1)..];
            }
        }

        return domain[(dots[count - 2] + 1)..];
    }
}
