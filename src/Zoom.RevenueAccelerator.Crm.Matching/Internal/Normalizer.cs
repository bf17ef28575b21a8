using System;
using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Zoom.RevenueAccelerator.Crm.Matching.Internal;

/// <summary>The normalisation of step 1: e-mail addresses, phone numbers, domains and websites.</summary>
internal static class Normalizer
{
    private static readonly IdnMapping s_idn = new() { AllowUnassigned = true };

    /// <summary>Trims, lower-cases, drops a leading <c>mailto:</c> and converts an IDN domain to ASCII; <see langword="null"/> when not an address. Returns the same instance when nothing changes.</summary>
    public static string? Email(string? raw) => Email(raw, out _);

    /// <summary>As <see cref="Email(string?)"/>, also giving where the <c>@</c> is in the result (-1 when there is no result).</summary>
    public static string? Email(string? raw, out int at)
    {
        at = -1;
        if (string.IsNullOrEmpty(raw))
        {
            return null;
        }

        if (IsNormalEmail(raw, out at))
        {
            return raw;
        }

        var normal = Normalize(raw);
        at = normal?.IndexOf('@') ?? -1;
        return normal;
    }

    /// <summary>The slow path of <see cref="Email(string?, out int)"/>: an address that is not already normal.</summary>
    private static string? Normalize(string raw)
    {
        var span = raw.AsSpan().Trim();
        if (span.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase))
        {
            span = span[7..].Trim();
        }

        var at = span.IndexOf('@');
        if (at <= 0 || at == span.Length - 1 || span[(at + 1)..].Contains('@'))
        {
            return null;
        }

        var local = span[..at].ToString().ToLowerInvariant();
        var domain = Domain(span[(at + 1)..]);
        return domain is null ? null : local + "@" + domain;
    }

    /// <summary>Lower-cases a domain, drops a trailing dot and converts IDN to ASCII; <see langword="null"/> when empty or malformed.</summary>
    public static string? Domain(ReadOnlySpan<char> raw)
    {
        var span = raw.Trim().TrimEnd('.');
        if (span.IsEmpty || span.ContainsAny(" /\\@:"))
        {
            return null;
        }

        var ascii = true;
        foreach (var c in span)
        {
            if (c > 0x7F)
            {
                ascii = false;
                break;
            }
        }

        if (ascii)
        {
            return span.ToString().ToLowerInvariant();
        }

        try
        {
            return s_idn.GetAscii(span.ToString()).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>The host of a website in any form (scheme, <c>www.</c>, port and path dropped), normalised as a domain.</summary>
    public static string? WebsiteHost(string? website)
    {
        if (string.IsNullOrWhiteSpace(website))
        {
            return null;
        }

        var span = website.AsSpan().Trim();
        var scheme = span.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            span = span[(scheme + 3)..];
        }
        else if (span.StartsWith("//", StringComparison.Ordinal))
        {
            span = span[2..];
        }

        var end = span.IndexOfAny("/?#");
        if (end >= 0)
        {
            span = span[..end];
        }

        var userInfo = span.LastIndexOf('@');
        if (userInfo >= 0)
        {
            span = span[(userInfo + 1)..];
        }

        var port = span.IndexOf(':');
        if (port >= 0)
        {
            span = span[..port];
        }

        if (span.StartsWith("www.", StringComparison.OrdinalIgnoreCase))
        {
            span = span[4..];
        }

        return Domain(span);
    }

    /// <summary>A domain given as an extra account domain: a bare domain, or a website, or <c>@domain</c>.</summary>
    public static string? AccountDomain(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        var span = raw.AsSpan().Trim();
        return span.StartsWith('@') ? Domain(span[1..]) : WebsiteHost(raw);
    }

    /// <summary>A phone number's digits, with a leading <c>+</c> (or <c>00</c>, read as <c>+</c>) kept as <c>+</c>; no country code is added.</summary>
    public static string? Phone(string? raw)
    {
        if (string.IsNullOrEmpty(raw))
        {
            return null;
        }

        var span = raw.AsSpan().Trim();
        var plus = span.StartsWith('+');
        Span<char> buffer = span.Length <= 64 ? stackalloc char[span.Length + 1] : new char[span.Length + 1];
        var length = 0;
        if (plus)
        {
            buffer[length++] = '+';
        }

        foreach (var c in span)
        {
            if (char.IsAsciiDigit(c))
            {
                buffer[length++] = c;
            }
        }

        var digits = buffer[..length];
        if (!plus && digits.StartsWith("00", StringComparison.Ordinal))
        {
            digits[1] = '+';
            digits = digits[1..];
        }

        if (digits.Length == 0 || digits is ['+'])
        {
            return null;
        }

        return digits.SequenceEqual(raw) ? raw : digits.ToString();
    }

    /// <summary>The domain of a normalised address (after the <c>@</c>).</summary>
    public static ReadOnlySpan<char> DomainOf(string email) => email.AsSpan(email.IndexOf('@') + 1);

    /// <summary>
    /// Whether the address is already normal: printable ASCII without upper case on either side of
    /// its one <c>@</c>, no <c>mailto:</c>, no trailing dot. One vectorised pass: a lane is out of
    /// place when it is not printable ASCII (<c>!</c> to <c>~</c>) or lies in <c>@</c> to <c>Z</c>;
    /// the only one allowed is the <c>@</c>.
    /// </summary>
    private static bool IsNormalEmail(string s, out int at)
    {
        var span = s.AsSpan();
        at = -1;
        if (span.Length < 3 || span[^1] == '.')
        {
            return false;
        }

        if (Vector256.IsHardwareAccelerated && span.Length >= Vector256<ushort>.Count)
        {
            ref var start = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(span));
            var last = span.Length - Vector256<ushort>.Count;
            for (var i = 0; ; i += Vector256<ushort>.Count)
            {
                // The last block may overlap the one before it: its lanes already seen are masked off.
                var offset = Math.Min(i, last);
                var v = Vector256.LoadUnsafe(ref start, (nuint)offset);
                var outOfPlace = Vector256.GreaterThan(v - Vector256.Create((ushort)'!'), Vector256.Create((ushort)('~' - '!')))
                    | Vector256.LessThan(v - Vector256.Create((ushort)'@'), Vector256.Create((ushort)('Z' - '@' + 1)));
                var mask = outOfPlace.ExtractMostSignificantBits() & (uint.MaxValue << (i - offset));
                while (mask != 0)
                {
                    var position = offset + BitOperations.TrailingZeroCount(mask);
                    if (at >= 0 || span[position] != '@')
                    {
                        return false;
                    }

                    at = position;
                    mask &= mask - 1;
                }

                if (offset == last)
                {
                    break;
                }
            }
        }
        else
        {
            for (var i = 0; i < span.Length; i++)
            {
                var c = span[i];
                if ((uint)(c - '!') > '~' - '!' || (uint)(c - '@') <= 'Z' - '@')
                {
                    if (at >= 0 || c != '@')
                    {
                        return false;
                    }

                    at = i;
                }
            }
        }

        return at > 0 && at < span.Length - 1 && !span.StartsWith("mailto:", StringComparison.Ordinal);
    }
}
