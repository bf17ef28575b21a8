using Zoom.RevenueAccelerator.Crm.Testing;

namespace Zoom.RevenueAccelerator.Crm.Matching.Benchmarks;

/// <summary>A synthetic tenant and conversations drawn from it: the same for every benchmark and run.</summary>
internal sealed class Workload
{
    public static readonly DateTimeOffset Start = new(2026, 1, 1, 10, 0, 0, TimeSpan.Zero);

    private static readonly Dictionary<int, CrmSnapshot> s_snapshots = [];

    public static readonly MatchingOptions Options = new() { AssociatedDomains = ["seller.example"] };

    public static CrmSnapshot Snapshot(int records)
    {
        lock (s_snapshots)
        {
            if (!s_snapshots.TryGetValue(records, out var snapshot))
            {
                snapshot = CrmSnapshot.FromRecords($"bench-{records}", FakeCrmDataGenerator.Generate(records, seed: 2026), "bench", Start);
                s_snapshots[records] = snapshot;
            }

            return snapshot;
        }
    }

    /// <summary>Conversations of the given size: the host, then a mix of contacts, account domains, leads, colleagues and strangers.</summary>
    public static Conversation[] Conversations(CrmSnapshot snapshot, int participants, int count = 64)
    {
        var random = new Random(participants * 7919 + snapshot.Count);
        var result = new Conversation[count];
        for (var c = 0; c < count; c++)
        {
            var list = new List<ConversationParticipant> { new() { Email = "rep@seller.example", Source = ParticipantSource.Host } };
            var anchor = snapshot.Contacts[random.Next(snapshot.Contacts.Count)];
            for (var p = 1; p < participants; p++)
            {
                list.Add((p % 10) switch
                {
                    1 or 2 or 3 => new() { Email = p == 1 ? Copy(anchor.Emails[0]) : Colleague(snapshot, anchor, random) },
                    4 or 5 => new() { Email = Copy(snapshot.Contacts[random.Next(snapshot.Contacts.Count)].Emails[0]) },
                    6 => new() { Email = $"new{p}@{Domain(snapshot.Accounts[random.Next(snapshot.Accounts.Count)])}" },
                    7 => new() { Email = Copy(snapshot.Leads[random.Next(snapshot.Leads.Count)].Emails[0]) },
                    8 => new() { Email = $"colleague{p}@seller.example" },
                    _ => new() { Email = $"stranger{p}@nowhere{random.Next(1000)}.example" },
                });
            }

            result[c] = new Conversation { Id = $"c{c}", Kind = ConversationKind.Meeting, Start = Start, End = Start.AddMinutes(30), Host = "rep@seller.example", Participants = list };
        }

        return result;
    }

    /// <summary>A conversation's addresses come from the meeting platform, not from the CRM's strings: a copy, so that no lookup finds the very key object it looks for.</summary>
    private static string Copy(string address) => new(address.AsSpan());

    private static string Colleague(CrmSnapshot snapshot, CrmContact anchor, Random random)
    {
        // Someone else at the anchor contact's company, known or not.
        var account = snapshot.Accounts.FirstOrDefault(a => a.Id == anchor.AccountId);
        return account is null ? $"x{random.Next(99)}@acme.example" : $"person{random.Next(10_000)}@{Domain(account)}";
    }

    public static string Domain(CrmAccount account)
    {
        var w = account.Website!;
        var s = w.Contains("://", StringComparison.Ordinal) ? w[(w.IndexOf("://", StringComparison.Ordinal) + 3)..] : w;
        s = s.Split('/', ':')[0];
        return s.StartsWith("www.", StringComparison.Ordinal) ? s[4..] : s;
    }
}
