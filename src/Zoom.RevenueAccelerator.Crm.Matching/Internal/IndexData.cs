using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;

namespace Zoom.RevenueAccelerator.Crm.Matching.Internal;

/// <summary>
/// One copy of the matching index. The hot path needs two kinds of lookup: an identifier (a
/// normalised e-mail address or phone number) to its <see cref="Identity"/>, and an account id to
/// its <see cref="AccountEntry"/> (the account and its opportunities). Domains map to accounts and
/// to non-converted leads. Values are immutable and shared by both copies.
/// </summary>
internal sealed class IndexData
{
    private readonly IRegistrableDomainResolver _domains;
    private readonly DomainPredicate _isFreeMail;
    private bool _bulk;

    public IndexData(IRegistrableDomainResolver domains, DomainPredicate isFreeMail, CrmSnapshotCounts capacity)
    {
        _domains = domains;
        _isFreeMail = isFreeMail;
        Accounts = new(capacity.Accounts, StringComparer.Ordinal);
        Contacts = new(capacity.Contacts, StringComparer.Ordinal);
        Leads = new(capacity.Leads, StringComparer.Ordinal);
        Opportunities = new(capacity.Opportunities, StringComparer.Ordinal);
        Users = new(capacity.Users, StringComparer.Ordinal);
        Teams = new(capacity.Teams, StringComparer.Ordinal);
        Identities = new(capacity.Contacts * 2 + capacity.Leads * 2 + capacity.Users * 2, StringComparer.Ordinal);
        LeadsByDomain = new(capacity.Leads / 4, StringComparer.Ordinal);
        AccountsByDomain = new(capacity.Accounts, StringComparer.Ordinal);
        CreateLookups();
    }

    private IndexData(IndexData source)
    {
        _domains = source._domains;
        _isFreeMail = source._isFreeMail;
        Accounts = new(source.Accounts, StringComparer.Ordinal);
        Contacts = new(source.Contacts, StringComparer.Ordinal);
        Leads = new(source.Leads, StringComparer.Ordinal);
        Opportunities = new(source.Opportunities, StringComparer.Ordinal);
        Users = new(source.Users, StringComparer.Ordinal);
        Teams = new(source.Teams, StringComparer.Ordinal);
        Identities = new(source.Identities, StringComparer.Ordinal);
        LeadsByDomain = new(source.LeadsByDomain, StringComparer.Ordinal);
        AccountsByDomain = new(source.AccountsByDomain, StringComparer.Ordinal);
        Version = source.Version;
        CreateLookups();
    }

    public string Version { get; set; } = "";

    /// <summary>Accounts with their opportunities, by account id (an entry may hold opportunities of an account not in the data).</summary>
    public Dictionary<string, AccountEntry> Accounts { get; }

    public Dictionary<string, CrmContact> Contacts { get; }

    public Dictionary<string, CrmLead> Leads { get; }

    public Dictionary<string, CrmOpportunity> Opportunities { get; }

    public Dictionary<string, CrmUser> Users { get; }

    public Dictionary<string, CrmTeam> Teams { get; }

    /// <summary>Users, contacts and leads by normalised e-mail address or phone number.</summary>
    public Dictionary<string, Identity> Identities { get; }

    /// <summary>Non-converted leads by the registrable domain of their addresses.</summary>
    public Dictionary<string, object> LeadsByDomain { get; }

    /// <summary>Accounts by each of their domains (website host and extra domains).</summary>
    public Dictionary<string, object> AccountsByDomain { get; }

    public Dictionary<string, Identity>.AlternateLookup<ReadOnlySpan<char>> IdentityLookup { get; private set; }

    public Dictionary<string, object>.AlternateLookup<ReadOnlySpan<char>> AccountsByDomainLookup { get; private set; }

    public Dictionary<string, object>.AlternateLookup<ReadOnlySpan<char>> LeadsByDomainLookup { get; private set; }

    public int AccountCount { get; private set; }

    public int Count => AccountCount + Contacts.Count + Leads.Count + Opportunities.Count + Users.Count + Teams.Count;

    /// <summary>Loads a snapshot into an empty index: several records under one key collect in lists, frozen into arrays at the end, so a key with many records costs linear time.</summary>
    public void Load(CrmSnapshot snapshot)
    {
        _bulk = true;
        foreach (var record in snapshot.AllRecords())
        {
            Upsert(record);
        }

        _bulk = false;
        foreach (var key in Identities.Keys)
        {
            ref var identity = ref CollectionsMarshal.GetValueRefOrNullRef(Identities, key);
            if (identity.Users is List<CrmUser> || identity.Contacts is List<CrmContact> || identity.Leads is List<CrmLead>)
            {
                identity = new Identity(MultiMap.Freeze<CrmUser>(identity.Users), MultiMap.Freeze<CrmContact>(identity.Contacts), MultiMap.Freeze<CrmLead>(identity.Leads));
            }
        }

        foreach (var key in Accounts.Keys)
        {
            ref var entry = ref CollectionsMarshal.GetValueRefOrNullRef(Accounts, key);
            if (entry.Opportunities is List<CrmOpportunity>)
            {
                entry = entry with { Opportunities = MultiMap.Freeze<CrmOpportunity>(entry.Opportunities) };
            }
        }

        foreach (var key in AccountsByDomain.Keys)
        {
            ref var value = ref CollectionsMarshal.GetValueRefOrNullRef(AccountsByDomain, key);
            value = MultiMap.Freeze<CrmAccount>(value)!;
        }

        foreach (var key in LeadsByDomain.Keys)
        {
            ref var value = ref CollectionsMarshal.GetValueRefOrNullRef(LeadsByDomain, key);
            value = MultiMap.Freeze<CrmLead>(value)!;
        }

        Version = snapshot.Version;
    }

    /// <summary>A copy that shares the records and entries (all immutable).</summary>
    public IndexData Clone() => new(this) { AccountCount = AccountCount };

    public CrmAccount? Account(string? id) => id is not null && Accounts.TryGetValue(id, out var entry) ? entry.Account : null;

    public void Upsert(CrmRecord record)
    {
        switch (record)
        {
            case CrmAccount account:
                var entry = Accounts.GetValueOrDefault(account.Id) ?? AccountEntry.Empty;
                if (entry.Account is { } old)
                {
                    IndexDomains(old, add: false);
                }
                else
                {
                    AccountCount++;
                }

                Accounts[account.Id] = entry with { Account = account };
                IndexDomains(account, add: true);
                break;
            case CrmContact contact:
                Replace(Contacts, contact, static c => c.Emails, static c => c.Phones);
                break;
            case CrmLead lead:
                Replace(Leads, lead, static l => l.Emails, static l => l.Phones);
                break;
            case CrmOpportunity opportunity:
                if (Opportunities.TryGetValue(opportunity.Id, out var oldOpportunity))
                {
                    IndexOpportunity(oldOpportunity, add: false);
                }

                Opportunities[opportunity.Id] = opportunity;
                IndexOpportunity(opportunity, add: true);
                break;
            case CrmUser user:
                Replace(Users, user, static u => u.Emails, static _ => []);
                break;
            case CrmTeam team:
                Teams[team.Id] = team;
                break;
            default:
                throw new ArgumentException($"The matching index does not hold {record.GetType().Name} records.", nameof(record));
        }
    }

    public void Delete(CrmRecordReference reference)
    {
        switch (reference.Kind)
        {
            case CrmRecordKind.Account when Accounts.TryGetValue(reference.Id, out var entry) && entry.Account is { } account:
                IndexDomains(account, add: false);
                AccountCount--;
                SetAccount(reference.Id, entry with { Account = null });
                break;
            case CrmRecordKind.Contact when Contacts.Remove(reference.Id, out var contact):
                IndexIdentifiers(contact, contact.Emails, contact.Phones, add: false);
                break;
            case CrmRecordKind.Lead when Leads.Remove(reference.Id, out var lead):
                IndexIdentifiers(lead, lead.Emails, lead.Phones, add: false);
                break;
            case CrmRecordKind.Opportunity when Opportunities.Remove(reference.Id, out var opportunity):
                IndexOpportunity(opportunity, add: false);
                break;
            case CrmRecordKind.User when Users.Remove(reference.Id, out var user):
                IndexIdentifiers(user, user.Emails, [], add: false);
                break;
            case CrmRecordKind.Team:
                Teams.Remove(reference.Id);
                break;
        }
    }

    /// <summary>Replaces a person-like record (contact, lead, user) and moves its identifiers.</summary>
    private void Replace<T>(Dictionary<string, T> byId, T record, Func<T, IReadOnlyList<string>> emails, Func<T, IReadOnlyList<string>> phones)
        where T : CrmRecord
    {
        if (byId.TryGetValue(record.Id, out var old))
        {
            IndexIdentifiers(old, emails(old), phones(old), add: false);
        }

        byId[record.Id] = record;
        IndexIdentifiers(record, emails(record), phones(record), add: true);
    }

    private void IndexOpportunity(CrmOpportunity opportunity, bool add)
    {
        if (opportunity.AccountId is not { } accountId)
        {
            return;
        }

        var entry = Accounts.GetValueOrDefault(accountId) ?? AccountEntry.Empty;
        SetAccount(accountId, entry with
        {
            Opportunities = add ? MultiMap.With(entry.Opportunities, opportunity, _bulk) : MultiMap.Without<CrmOpportunity>(entry.Opportunities, opportunity.Id),
        });
    }

    private void SetAccount(string id, AccountEntry entry)
    {
        if (entry.IsEmpty)
        {
            Accounts.Remove(id);
        }
        else
        {
            Accounts[id] = entry;
        }
    }

    private void IndexDomains(CrmAccount account, bool add)
    {
        void Apply(string? domain)
        {
            if (domain is null)
            {
                return;
            }

            if (add)
            {
                MultiMap.Add(AccountsByDomain, domain, account, _bulk);
            }
            else
            {
                MultiMap.Remove<CrmAccount>(AccountsByDomain, domain, account.Id);
            }
        }

        Apply(Normalizer.WebsiteHost(account.Website));
        foreach (var domain in account.Domains)
        {
            Apply(Normalizer.AccountDomain(domain));
        }
    }

    private void IndexIdentifiers<T>(T record, IReadOnlyList<string> emails, IReadOnlyList<string> phones, bool add)
        where T : CrmRecord
    {
        foreach (var email in emails)
        {
            if (Normalizer.Email(email) is { } e)
            {
                Change(e, record, add);
                if (record is CrmLead { Converted: null } lead)
                {
                    // Leads are suggested by domain only for business domains: free-mail domains are never indexed.
                    if (_isFreeMail(Normalizer.DomainOf(e)))
                    {
                        continue;
                    }

                    var domain = _domains.GetRegistrableDomain(Normalizer.DomainOf(e)).ToString();

                    if (add)
                    {
                        MultiMap.Add(LeadsByDomain, domain, lead, _bulk);
                    }
                    else
                    {
                        MultiMap.Remove<CrmLead>(LeadsByDomain, domain, lead.Id);
                    }
                }
            }
        }

        foreach (var phone in phones)
        {
            if (Normalizer.Phone(phone) is { } p)
            {
                Change(p, record, add);
            }
        }
    }

    private void Change<T>(string key, T record, bool add)
        where T : CrmRecord
    {
        var identity = Identities.GetValueOrDefault(key) ?? Identity.Empty;
        identity = record switch
        {
            CrmContact => identity with { Contacts = add ? MultiMap.With(identity.Contacts, record, _bulk) : MultiMap.Without<T>(identity.Contacts, record.Id) },
            CrmLead => identity with { Leads = add ? MultiMap.With(identity.Leads, record, _bulk) : MultiMap.Without<T>(identity.Leads, record.Id) },
            _ => identity with { Users = add ? MultiMap.With(identity.Users, record, _bulk) : MultiMap.Without<T>(identity.Users, record.Id) },
        };
        if (identity.IsEmpty)
        {
            Identities.Remove(key);
        }
        else
        {
            Identities[key] = identity;
        }
    }

    private void CreateLookups()
    {
        IdentityLookup = Identities.GetAlternateLookup<ReadOnlySpan<char>>();
        AccountsByDomainLookup = AccountsByDomain.GetAlternateLookup<ReadOnlySpan<char>>();
        LeadsByDomainLookup = LeadsByDomain.GetAlternateLookup<ReadOnlySpan<char>>();
    }
}

/// <summary>Tells whether a domain has a property (free-mail, for example).</summary>
internal delegate bool DomainPredicate(ReadOnlySpan<char> domain);

/// <summary>How many records of each kind to make room for.</summary>
internal readonly record struct CrmSnapshotCounts(int Accounts, int Contacts, int Leads, int Opportunities, int Users, int Teams)
{
    public static CrmSnapshotCounts Of(CrmSnapshot snapshot) =>
        new(snapshot.Accounts.Count, snapshot.Contacts.Count, snapshot.Leads.Count, snapshot.Opportunities.Count, snapshot.Users.Count, snapshot.Teams.Count);
}
