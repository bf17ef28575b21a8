using System;
using System.Collections.Generic;

namespace Zoom.RevenueAccelerator.Crm.Matching.Internal;

/// <summary>
/// One copy of the matching index: records by id and by every identifier the rules look up.
/// Keys are normalised; values are shared, immutable records (or arrays of them).
/// </summary>
internal sealed class IndexData
{
    private readonly IRegistrableDomainResolver _domains;

    public IndexData(IRegistrableDomainResolver domains, CrmSnapshotCounts capacity)
    {
        _domains = domains;
        Accounts = new(capacity.Accounts, StringComparer.Ordinal);
        Contacts = new(capacity.Contacts, StringComparer.Ordinal);
        Leads = new(capacity.Leads, StringComparer.Ordinal);
        Opportunities = new(capacity.Opportunities, StringComparer.Ordinal);
        Users = new(capacity.Users, StringComparer.Ordinal);
        Teams = new(capacity.Teams, StringComparer.Ordinal);
        ContactsByEmail = new(capacity.Contacts, StringComparer.Ordinal);
        ContactsByPhone = new(capacity.Contacts, StringComparer.Ordinal);
        LeadsByEmail = new(capacity.Leads, StringComparer.Ordinal);
        LeadsByPhone = new(capacity.Leads, StringComparer.Ordinal);
        LeadsByDomain = new(capacity.Leads / 4, StringComparer.Ordinal);
        AccountsByDomain = new(capacity.Accounts, StringComparer.Ordinal);
        OpportunitiesByAccount = new(capacity.Accounts, StringComparer.Ordinal);
        UsersByEmail = new(capacity.Users * 2, StringComparer.Ordinal);
        CreateLookups();
    }

    private IndexData(IndexData source)
    {
        _domains = source._domains;
        Accounts = new(source.Accounts, StringComparer.Ordinal);
        Contacts = new(source.Contacts, StringComparer.Ordinal);
        Leads = new(source.Leads, StringComparer.Ordinal);
        Opportunities = new(source.Opportunities, StringComparer.Ordinal);
        Users = new(source.Users, StringComparer.Ordinal);
        Teams = new(source.Teams, StringComparer.Ordinal);
        ContactsByEmail = new(source.ContactsByEmail, StringComparer.Ordinal);
        ContactsByPhone = new(source.ContactsByPhone, StringComparer.Ordinal);
        LeadsByEmail = new(source.LeadsByEmail, StringComparer.Ordinal);
        LeadsByPhone = new(source.LeadsByPhone, StringComparer.Ordinal);
        LeadsByDomain = new(source.LeadsByDomain, StringComparer.Ordinal);
        AccountsByDomain = new(source.AccountsByDomain, StringComparer.Ordinal);
        OpportunitiesByAccount = new(source.OpportunitiesByAccount, StringComparer.Ordinal);
        UsersByEmail = new(source.UsersByEmail, StringComparer.Ordinal);
        Version = source.Version;
        CreateLookups();
    }

    public string Version { get; set; } = "";

    public Dictionary<string, CrmAccount> Accounts { get; }

    public Dictionary<string, CrmContact> Contacts { get; }

    public Dictionary<string, CrmLead> Leads { get; }

    public Dictionary<string, CrmOpportunity> Opportunities { get; }

    public Dictionary<string, CrmUser> Users { get; }

    public Dictionary<string, CrmTeam> Teams { get; }

    public Dictionary<string, object> ContactsByEmail { get; }

    public Dictionary<string, object> ContactsByPhone { get; }

    public Dictionary<string, object> LeadsByEmail { get; }

    public Dictionary<string, object> LeadsByPhone { get; }

    /// <summary>Non-converted leads by the registrable domain of their addresses.</summary>
    public Dictionary<string, object> LeadsByDomain { get; }

    /// <summary>Accounts by each of their domains (website host and extra domains).</summary>
    public Dictionary<string, object> AccountsByDomain { get; }

    public Dictionary<string, object> OpportunitiesByAccount { get; }

    public Dictionary<string, object> UsersByEmail { get; }

    public Dictionary<string, object>.AlternateLookup<ReadOnlySpan<char>> ContactsByEmailLookup { get; private set; }

    public Dictionary<string, object>.AlternateLookup<ReadOnlySpan<char>> AccountsByDomainLookup { get; private set; }

    public Dictionary<string, object>.AlternateLookup<ReadOnlySpan<char>> LeadsByDomainLookup { get; private set; }

    public Dictionary<string, object>.AlternateLookup<ReadOnlySpan<char>> UsersByEmailLookup { get; private set; }

    public int Count => Accounts.Count + Contacts.Count + Leads.Count + Opportunities.Count + Users.Count + Teams.Count;

    /// <summary>A copy that shares the records and value arrays (both are immutable).</summary>
    public IndexData Clone() => new(this);

    public void Upsert(CrmRecord record)
    {
        switch (record)
        {
            case CrmAccount account:
                if (Accounts.TryGetValue(account.Id, out var oldAccount))
                {
                    Unindex(oldAccount);
                }

                Accounts[account.Id] = account;
                Index(account);
                break;
            case CrmContact contact:
                if (Contacts.TryGetValue(contact.Id, out var oldContact))
                {
                    Unindex(oldContact);
                }

                Contacts[contact.Id] = contact;
                Index(contact);
                break;
            case CrmLead lead:
                if (Leads.TryGetValue(lead.Id, out var oldLead))
                {
                    Unindex(oldLead);
                }

                Leads[lead.Id] = lead;
                Index(lead);
                break;
            case CrmOpportunity opportunity:
                if (Opportunities.TryGetValue(opportunity.Id, out var oldOpportunity) && oldOpportunity.AccountId is { } oldAccountId)
                {
                    MultiMap.Remove<CrmOpportunity>(OpportunitiesByAccount, oldAccountId, oldOpportunity.Id);
                }

                Opportunities[opportunity.Id] = opportunity;
                if (opportunity.AccountId is { } accountId)
                {
                    MultiMap.Add(OpportunitiesByAccount, accountId, opportunity);
                }

                break;
            case CrmUser user:
                if (Users.TryGetValue(user.Id, out var oldUser))
                {
                    Unindex(oldUser);
                }

                Users[user.Id] = user;
                Index(user);
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
            case CrmRecordKind.Account when Accounts.Remove(reference.Id, out var account):
                Unindex(account);
                break;
            case CrmRecordKind.Contact when Contacts.Remove(reference.Id, out var contact):
                Unindex(contact);
                break;
            case CrmRecordKind.Lead when Leads.Remove(reference.Id, out var lead):
                Unindex(lead);
                break;
            case CrmRecordKind.Opportunity when Opportunities.Remove(reference.Id, out var opportunity):
                if (opportunity.AccountId is { } accountId)
                {
                    MultiMap.Remove<CrmOpportunity>(OpportunitiesByAccount, accountId, opportunity.Id);
                }

                break;
            case CrmRecordKind.User when Users.Remove(reference.Id, out var user):
                Unindex(user);
                break;
            case CrmRecordKind.Team:
                Teams.Remove(reference.Id);
                break;
        }
    }

    private void Index(CrmAccount account)
    {
        if (Normalizer.WebsiteHost(account.Website) is { } host)
        {
            MultiMap.Add(AccountsByDomain, host, account);
        }

        foreach (var domain in account.Domains)
        {
            if (Normalizer.AccountDomain(domain) is { } d)
            {
                MultiMap.Add(AccountsByDomain, d, account);
            }
        }
    }

    private void Unindex(CrmAccount account)
    {
        if (Normalizer.WebsiteHost(account.Website) is { } host)
        {
            MultiMap.Remove<CrmAccount>(AccountsByDomain, host, account.Id);
        }

        foreach (var domain in account.Domains)
        {
            if (Normalizer.AccountDomain(domain) is { } d)
            {
                MultiMap.Remove<CrmAccount>(AccountsByDomain, d, account.Id);
            }
        }
    }

    private void Index(CrmContact contact)
    {
        foreach (var email in contact.Emails)
        {
            if (Normalizer.Email(email) is { } e)
            {
                MultiMap.Add(ContactsByEmail, e, contact);
            }
        }

        foreach (var phone in contact.Phones)
        {
            if (Normalizer.Phone(phone) is { } p)
            {
                MultiMap.Add(ContactsByPhone, p, contact);
            }
        }
    }

    private void Unindex(CrmContact contact)
    {
        foreach (var email in contact.Emails)
        {
            if (Normalizer.Email(email) is { } e)
            {
                MultiMap.Remove<CrmContact>(ContactsByEmail, e, contact.Id);
            }
        }

        foreach (var phone in contact.Phones)
        {
            if (Normalizer.Phone(phone) is { } p)
            {
                MultiMap.Remove<CrmContact>(ContactsByPhone, p, contact.Id);
            }
        }
    }

    private void Index(CrmLead lead)
    {
        foreach (var email in lead.Emails)
        {
            if (Normalizer.Email(email) is { } e)
            {
                MultiMap.Add(LeadsByEmail, e, lead);
                if (lead.Converted is null)
                {
                    MultiMap.Add(LeadsByDomain, RegistrableDomainOf(e), lead);
                }
            }
        }

        foreach (var phone in lead.Phones)
        {
            if (Normalizer.Phone(phone) is { } p)
            {
                MultiMap.Add(LeadsByPhone, p, lead);
            }
        }
    }

    private void Unindex(CrmLead lead)
    {
        foreach (var email in lead.Emails)
        {
            if (Normalizer.Email(email) is { } e)
            {
                MultiMap.Remove<CrmLead>(LeadsByEmail, e, lead.Id);
                if (lead.Converted is null)
                {
                    MultiMap.Remove<CrmLead>(LeadsByDomain, RegistrableDomainOf(e), lead.Id);
                }
            }
        }

        foreach (var phone in lead.Phones)
        {
            if (Normalizer.Phone(phone) is { } p)
            {
                MultiMap.Remove<CrmLead>(LeadsByPhone, p, lead.Id);
            }
        }
    }

    private void Index(CrmUser user)
    {
        foreach (var email in user.Emails)
        {
            if (Normalizer.Email(email) is { } e)
            {
                MultiMap.Add(UsersByEmail, e, user);
            }
        }
    }

    private void Unindex(CrmUser user)
    {
        foreach (var email in user.Emails)
        {
            if (Normalizer.Email(email) is { } e)
            {
                MultiMap.Remove<CrmUser>(UsersByEmail, e, user.Id);
            }
        }
    }

    private string RegistrableDomainOf(string email) => _domains.GetRegistrableDomain(Normalizer.DomainOf(email)).ToString();

    private void CreateLookups()
    {
        ContactsByEmailLookup = ContactsByEmail.GetAlternateLookup<ReadOnlySpan<char>>();
        AccountsByDomainLookup = AccountsByDomain.GetAlternateLookup<ReadOnlySpan<char>>();
        LeadsByDomainLookup = LeadsByDomain.GetAlternateLookup<ReadOnlySpan<char>>();
        UsersByEmailLookup = UsersByEmail.GetAlternateLookup<ReadOnlySpan<char>>();
    }
}

/// <summary>How many records of each kind to make room for.</summary>
internal readonly record struct CrmSnapshotCounts(int Accounts, int Contacts, int Leads, int Opportunities, int Users, int Teams)
{
    public static CrmSnapshotCounts Of(CrmSnapshot snapshot) =>
        new(snapshot.Accounts.Count, snapshot.Contacts.Count, snapshot.Leads.Count, snapshot.Opportunities.Count, snapshot.Users.Count, snapshot.Teams.Count);
}
