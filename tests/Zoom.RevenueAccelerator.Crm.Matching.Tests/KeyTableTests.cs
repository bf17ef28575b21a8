using System.Runtime.CompilerServices;
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
    public void The_single_probe_operations_agree_with_a_dictionary()
    {
        var random = new Random(7);
        var table = new KeyTable<string>(0);
        var model = new Dictionary<string, string>(StringComparer.Ordinal);

        for (var step = 0; step < 50_000; step++)
        {
            var key = $"k{random.Next(3_000)}@x.example";
            switch (random.Next(4))
            {
                case 0:
                    Assert.Equal(model.Remove(key), table.Remove(key));
                    break;
                case 1:
                    ref var found = ref table.FindRef(key);
                    Assert.Equal(model.ContainsKey(key), !Unsafe.IsNullRef(ref found));
                    if (!Unsafe.IsNullRef(ref found))
                    {
                        found = $"f{step}";
                        model[key] = found;
                    }

                    break;
                default:
                    var hash = table.Hash(key);
                    ref var value = ref random.Next(2) == 0 ? ref table.GetValueRefOrAddDefault(key, out var exists) : ref table.GetValueRefOrAddDefault(key, hash, out exists);
                    Assert.Equal(model.ContainsKey(key), exists);
                    value = $"v{step}";
                    model[key] = value;
                    break;
            }
        }

        AssertSame(table, model);
    }

    [Fact]
    public void Making_room_first_keeps_the_contents_and_stops_growth_during_the_inserts()
    {
        var table = new KeyTable<string>(0);
        table.Set("a@x.example", "a");
        table.EnsureCapacity(10_000);
        var capacity = table.Capacity;
        for (var i = 0; i < 9_999; i++)
        {
            table.Set($"k{i}@x.example", "v");
        }

        Assert.Equal(capacity, table.Capacity);
        Assert.Equal("a", table.Find("a@x.example"));
        Assert.Equal(10_000, table.Count);
    }

    [Fact]
    public void Deferred_inserts_come_back_in_home_slot_order_keeping_the_order_of_each_key()
    {
        var table = new KeyTable<string>(50_000);
        var deferred = new DeferredInserts(0);
        var random = new Random(3);
        for (var i = 0; i < 40_000; i++)
        {
            var key = $"k{random.Next(10_000)}@x.example";
            deferred.Add(key, i, table.Hash(key));
        }

        var sorted = deferred.SortedFor(table);

        Assert.Equal(40_000, sorted.Length);
        var shift = int.Log2(table.Capacity) - 12;
        for (var i = 1; i < sorted.Length; i++)
        {
            Assert.True(table.Home(sorted[i - 1].Hash) >> shift <= table.Home(sorted[i].Hash) >> shift, "sorted by home slot");
        }

        foreach (var group in sorted.GroupBy(e => e.Key))
        {
            var order = group.Select(e => (int)e.Item).ToList();
            Assert.Equal(order.Order(), order); // stable: each key's entries in the order they were added
        }
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
