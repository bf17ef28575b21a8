using Zoom.RevenueAccelerator.Crm.Matching.Internal;

namespace Zoom.RevenueAccelerator.Crm.Matching.Tests;

/// <summary>The address normaliser's fast path: an address already normal is returned as it is, anything else goes the slow way.</summary>
public sealed class NormalizerTests
{
    [Theory]
    [InlineData("a@b.co", true)]
    [InlineData("jane.doe@acme.com", true)]
    [InlineData("first.last.12345@company-7.example.co.uk", true)] // beyond one vector block, '@' in the overlapping last block
    [InlineData("Jane@acme.com", false)]
    [InlineData("jane@ACME.com", false)]
    [InlineData("jane@acme.com.", false)]
    [InlineData(" jane@acme.com", false)]
    [InlineData("jane@@acme.com", false)]
    [InlineData("jane@acme@acme.com", false)]
    [InlineData("mailto:jane@acme.com", false)]
    [InlineData("anna@bücher.example", false)]
    [InlineData("@acme.com", false)]
    [InlineData("jane@", false)]
    public void An_address_is_returned_as_it_is_exactly_when_it_is_already_normal(string address, bool normal)
    {
        var result = Normalizer.Email(address, out var at);

        Assert.Equal(normal, ReferenceEquals(result, address));
        Assert.Equal(result?.IndexOf('@', StringComparison.Ordinal) ?? -1, at);
    }

    [Fact]
    public void The_fast_path_agrees_with_a_character_by_character_reading_at_every_length_and_position()
    {
        // Lengths around the 16-character blocks the fast path reads, with an out-of-place character
        // (or a second '@') at every position: the fast path must neither miss one nor see one twice.
        const string OutOfPlace = "A Z@\u00e9\u007f\t";
        var random = new Random(20261129);
        for (var length = 3; length <= 50; length++)
        {
            for (var trial = 0; trial < 200; trial++)
            {
                var chars = new char[length];
                for (var i = 0; i < length; i++)
                {
                    chars[i] = (char)('a' + random.Next(26));
                }

                chars[random.Next(1, length - 1)] = '@';
                if (trial % 2 == 1)
                {
                    chars[random.Next(length)] = OutOfPlace[random.Next(OutOfPlace.Length)];
                }

                var address = new string(chars);
                var result = Normalizer.Email(address, out var at);

                Assert.True(IsNormal(address) == ReferenceEquals(result, address), address);
                Assert.Equal(result?.IndexOf('@', StringComparison.Ordinal) ?? -1, at);
            }
        }
    }

    /// <summary>The definition, one character at a time: printable ASCII without upper case around exactly one inner '@', no trailing dot, no mailto: prefix.</summary>
    private static bool IsNormal(string s) =>
        s.All(c => c is >= '!' and <= '~' && c is not (>= 'A' and <= 'Z'))
        && s.Count(c => c == '@') == 1
        && s[0] != '@' && s[^1] != '@' && s[^1] != '.'
        && !s.StartsWith("mailto:", StringComparison.Ordinal);
}
