using Zoom.RevenueAccelerator.Crm.Matching.Internal;

namespace Zoom.RevenueAccelerator.Crm.Matching.Tests;

/// <summary>The index's hash table, against a Dictionary doing the same operations.</summary>
public sealed class KeyTableTests
{
    [Fact]
    public void Random_adds_replaces_and_removes_leave_the_same_contents_as_a_dictionary()
    {
        var random = new Random(2026);
        var table = new KeyTable<string>(4);
        var model = new Dictionary<string, string>(StringComparer.Ordinal);

        // Few distinct keys, many operations: long probe runs, removals inside runs, growth from 16 slots.
        for (var step = 0; step < 50_000; step++)
        {
            var key = $"k{random.Next(3_000)}@x.example";
            if (random.Next(3) == 0)
            {
                table.Set(key, null);
                model.Remove(key);
            }
            else
            {
                var value = $"v{step}";
                table.Set(key, value);
                model[key] = value;
            }

            if (step % 5_000 == 0)
            {
                AssertSame(table, model);
            }
        }

        AssertSame(table, model);
    }

    [Fact]
    public void A_copy_is_independent_of_its_source()
    {
        var table = new KeyTable<string>(0);
        table.Set("a@x.example", "1");
        var copy = new KeyTable<string>(table);
        copy.Set("a@x.example", null);
        copy.Set("b@x.example", "2");

        Assert.Equal("1", table.Find("a@x.example"));
        Assert.Null(table.Find("b@x.example"));
        Assert.Null(copy.Find("a@x.example"));
        Assert.Equal("2", copy.Find("b@x.example"));
    }

    [Fact]
    public void A_span_finds_the_key_it_spells_and_nothing_else()
    {
        var table = new KeyTable<string>(0);
        table.Set("example.com", "domain");

        Assert.Equal("domain", table.Find("someone@example.com".AsSpan(8)));
        Assert.Null(table.Find("example.co"));
        Assert.Null(table.Find("example.comm"));
        Assert.Null(table.Find(""));
    }

    private static void AssertSame(KeyTable<string> table, Dictionary<string, string> model)
    {
        Assert.Equal(model.Count, table.Count);
        foreach (var (key, value) in model)
        {
            Assert.Equal(value, table.Find(key));
        }

        for (var i = 0; i < 3_000; i++)
        {
            var key = $"k{i}@x.example";
            Assert.Equal(model.GetValueOrDefault(key), table.Find(key));
        }
    }
}
