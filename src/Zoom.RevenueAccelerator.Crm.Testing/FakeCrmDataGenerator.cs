using System;
using System.Collections.Generic;
using System.Globalization;

namespace Zoom.RevenueAccelerator.Crm.Testing;

/// <summary>
/// Makes a realistic, deterministic CRM: the same seed and size give the same records on every
/// machine. The mix is about 1% users (in teams), 10% accounts, 38% contacts, 25% leads (some
/// converted) and 26% opportunities (with contact roles and team members).
/// </summary>
public static class FakeCrmDataGenerator
{
    private static readonly string[] s_words =
    [
        "acme", "globex", "initech", "umbrella", "stark", "wayne", "wonka", "hooli", "vandelay", "soylent",
        "tyrell", "cyberdyne", "aperture", "massive", "dynamic", "north", "blue", "river", "summit", "pioneer",
    ];

    private static readonly string[] s_suffixes = ["com", "io", "co.uk", "com.au", "de", "net"];
    private static readonly string[] s_stages = ["Prospecting", "Qualification", "Proposal", "Negotiation", "Closed Won", "Closed Lost"];
    private static readonly string[] s_firstNames = ["ana", "ben", "chloe", "dev", "emma", "farid", "grace", "hiro", "ines", "jon", "kara", "liam"];
    private static readonly string[] s_lastNames = ["smith", "garcia", "chen", "okafor", "novak", "silva", "khan", "muller", "rossi", "tanaka"];

    /// <summary>Makes <paramref name="size"/> records (at least 10).</summary>
    /// <param name="size">How many records, 10 to 10,000,000.</param>
    /// <param name="seed">The seed; the same seed gives the same data.</param>
    /// <param name="now">The time the data is "taken" at; dates fall in the two years before it. Default 2026-01-01.</param>
    /// <returns>The records: users and teams first, then accounts, contacts, leads and opportunities.</returns>
    public static IReadOnlyList<CrmRecord> Generate(int size, int seed = 42, DateTimeOffset? now = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 10);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size, 10_000_000);
#pragma warning disable CA5394 // Test data: reproducible, not secret.
        var random = new Random(seed);
        var at = now ?? new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var teams = Math.Max(1, size / 2000);
        var users = Math.Max(2, size / 100);
        var accounts = Math.Max(2, size / 10);
        var contacts = Math.Max(2, size * 38 / 100);
        var leads = Math.Max(1, size / 4);
        var opportunities = Math.Max(1, size - teams - users - accounts - contacts - leads);
        var records = new List<CrmRecord>(teams + users + accounts + contacts + leads + opportunities);

        DateTimeOffset Past(int maxDays) => at - TimeSpan.FromMinutes(random.Next(1, maxDays * 24 * 60));
        string Id(string prefix, int n) => prefix + n.ToString("D12", CultureInfo.InvariantCulture);
        string Domain(int account) => $"{s_words[account % s_words.Length]}{account}.{s_suffixes[account % s_suffixes.Length]}";
        string Person() => $"{s_firstNames[random.Next(s_firstNames.Length)]}.{s_lastNames[random.Next(s_lastNames.Length)]}";

        for (var t = 0; t < teams; t++)
        {
            records.Add(new CrmTeam { Id = Id("00E", t), Name = $"Team {t}", ParentId = t == 0 ? null : Id("00E", (t - 1) / 3), LastModified = Past(700) });
        }

        for (var u = 0; u < users; u++)
        {
            var name = Person();
            records.Add(new CrmUser
            {
                Id = Id("005", u),
                Name = name,
                Emails = [$"{name}{u}@seller.example", $"{name}{u}@seller-alias.example"],
                Active = random.Next(20) != 0,
                TeamIds = [Id("00E", u % teams)],
                LastModified = Past(700),
            });
        }

        for (var a = 0; a < accounts; a++)
        {
            var domain = Domain(a);
            records.Add(new CrmAccount
            {
                Id = Id("001", a),
                Name = $"{char.ToUpperInvariant(domain[0])}{domain[1..domain.IndexOf('.', StringComparison.Ordinal)]} Ltd",
                Website = (a % 3) switch { 0 => $"https://www.{domain}/", 1 => domain, _ => $"http://{domain}:8080/about" },
                Domains = a % 7 == 0 ? [$"mail.{domain}"] : [],
                OwnerId = Id("005", random.Next(users)),
                Type = a % 25 == 0 ? "Partner" : "Customer",
                LastModified = Past(700),
            });
        }

        for (var c = 0; c < contacts; c++)
        {
            var account = random.Next(accounts);
            var person = Person();
            records.Add(new CrmContact
            {
                Id = Id("003", c),
                AccountId = Id("001", account),
                Name = person.Replace('.', ' '),
                Emails = [$"{person}{c}@{Domain(account)}"],
                Phones = [$"+1 555 {c % 10_000_000:D7}"],
                OwnerId = Id("005", random.Next(users)),
                LastModified = Past(700),
            });
        }

        for (var l = 0; l < leads; l++)
        {
            var person = Person();
            var converted = l % 10 == 0 && contacts > 0;
            var company = random.Next(accounts * 2);
            records.Add(new CrmLead
            {
                Id = Id("00Q", l),
                Name = person.Replace('.', ' '),
                Company = $"Prospect {company}",
                Emails = [$"{person}{l}@{(l % 5 == 0 ? "gmail.com" : $"prospect{company}.example")}"],
                Phones = [$"+44 20 {l % 100_000_000:D8}"],
                Status = converted ? "Converted" : "Open",
                Converted = converted ? new CrmLeadConversion { ContactId = Id("003", random.Next(contacts)), AccountId = Id("001", random.Next(accounts)) } : null,
                OwnerId = Id("005", random.Next(users)),
                LastModified = Past(700),
            });
        }

        for (var o = 0; o < opportunities; o++)
        {
            var stage = s_stages[random.Next(s_stages.Length)];
            var created = Past(700);
            records.Add(new CrmOpportunity
            {
                Id = Id("006", o),
                Name = $"Opportunity {o}",
                AccountId = Id("001", random.Next(accounts)),
                OwnerId = Id("005", random.Next(users)),
                Stage = stage,
                IsClosed = stage.StartsWith("Closed", StringComparison.Ordinal),
                IsWon = stage == "Closed Won",
                Amount = random.Next(1, 500) * 1000m,
                CreatedAt = created,
                CloseDate = DateOnly.FromDateTime(created.UtcDateTime.AddDays(random.Next(10, 200))),
                ContactRoleContactIds = random.Next(3) == 0 ? [] : [Id("003", random.Next(contacts))],
                TeamMemberUserIds = random.Next(4) == 0 ? [Id("005", random.Next(users))] : [],
                LastModified = created + TimeSpan.FromMinutes(random.Next(0, 60 * 24 * 30)),
            });
        }
#pragma warning restore CA5394

        return records;
    }
}
