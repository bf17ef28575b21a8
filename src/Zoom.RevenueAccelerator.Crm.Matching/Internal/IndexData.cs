using System;
using System.Collections.Generic;

namespace Zoom.RevenueAccelerator.Crm.Matching.Internal;

/// <summary>
/// One copy of the matching index. The hot path needs two string lookups per participant at most:
/// its identifier (a normalised e-mail address or phone number) to its <see cref="Identity"/>, and,
/// when that finds no contact, its domain to its <see cref="DomainEntry"/>. Everything after that
/// follows integer slots: a contact to its account, an opportunity to its owner, team and
/// contact-role contacts, so the rules compare integers rather than ids. Values are immutable.
/// </summary>
internal sealed class IndexData
{
    private readonly CompiledOptions _options;
    private readonly SlotMap _accountSlots;
    private readonly SlotMap _contactSlots;
    private readonly SlotMap _userSlots;
    private AccountEntry[] _accounts;
    private ContactRef?[] _contacts;
    private bool _bulk;

    public IndexData(CompiledOptions options, CrmSnapshotCounts capacity)
    {
        _options = options;
        _accountSlots = new(capacity.Accounts);
        _contactSlots = new(capacity.Contacts);
        _userSlots = new(capacity.Users);
        _accounts = new AccountEntry[Math.Max(16, capacity.Accounts)];
        _contacts = new ContactRef?[Math.Max(16, capacity.Contacts)];
        Leads = new(capacity.Leads, StringComparer.Ordinal);
        Opportunities = new(capacity.Opportunities, StringComparer.Ordinal);
        Users = new(capacity.Users, StringComparer.Ordinal);
        Teams = new(capacity.Teams, StringComparer.Ordinal);
        Identities = new(capacity.Identifiers);
        Domains = new(capacity.Accounts + capacity.Leads / 4 + options.FreeMail.Count);
        foreach (var freeMail in options.FreeMail)
        {
            Domains.Set(freeMail, new DomainEntry(null, null, FreeMail: true));
        }
    }

    private IndexData(IndexData source)
    {
        _options = source._options;
        _accountSlots = new(source._accountSlots);
        _contactSlots = new(source._contactSlots);
        _userSlots = new(source._userSlots);
        _accounts = (AccountEntry[])source._accounts.Clone();
        _contacts = (ContactRef?[])source._contacts.Clone();
        ContactCount = source.ContactCount;
        Leads = new(source.Leads, StringComparer.Ordinal);
        Opportunities = new(source.Opportunities, StringComparer.Ordinal);
        Users = new(source.Users, StringComparer.Ordinal);
        Teams = new(source.Teams, StringComparer.Ordinal);
        Identities = new(source.Identities);
        Domains = new(source.Domains);
        Version = source.Version;
        AccountCount = source.AccountCount;
    }

    public string Version { get; set; } = "";

    public int ContactCount { get; private set; }

    public Dictionary<string, CrmLead> Leads { get; }

    public Dictionary<string, OpportunityRef> Opportunities { get; }

    public Dictionary<string, UserRef> Users { get; }

    public Dictionary<string, CrmTeam> Teams { get; }

    /// <summary>Users, contacts and leads by normalised e-mail address or phone number (<see cref="Identity.Stored"/> values).</summary>
    public KeyTable<object> Identities { get; }

    /// <summary>Accounts by each of their domains (website host and extra domains), non-converted leads by the registrable domain of their addresses, and the free-mail domains.</summary>
    public KeyTable<DomainEntry> Domains { get; }

    public int AccountCount { get; private set; }

    public int Count => AccountCount + ContactCount + Leads.Count + Opportunities.Count + Users.Count + Teams.Count;

    /// <summary>Loads a snapshot into an empty index: several records under one key collect in lists, frozen into arrays at the end, so a key with many records costs linear time.</summary>
    public void Load(CrmSnapshot snapshot)
    {
        _bulk = true;
        foreach (var record in snapshot.AllRecords())
        {
            Upsert(record);
        }

        _bulk = false;
        Identities.ReplaceEach(static stored =>
            stored is Identity identity && (identity.Users is List<UserRef> || identity.Contacts is List<ContactRef> || identity.Leads is List<CrmLead>)
                ? new Identity(MultiMap.Freeze<UserRef>(identity.Users), MultiMap.Freeze<ContactRef>(identity.Contacts), MultiMap.Freeze<CrmLead>(identity.Leads)).Stored!
                : stored);

        foreach (ref var entry in _accounts.AsSpan())
        {
            if (entry.Opportunities is List<OpportunityRef>)
            {
                entry = entry with { Opportunities = MultiMap.Freeze<OpportunityRef>(entry.Opportunities) };
            }
        }

        Domains.ReplaceEach(static value =>
            value.Accounts is List<AccountRef> || value.Leads is List<CrmLead>
                ? value with { Accounts = MultiMap.Freeze<AccountRef>(value.Accounts), Leads = MultiMap.Freeze<CrmLead>(value.Leads) }
                : value);

        Version = snapshot.Version;
    }

    /// <summary>A copy that shares the records and entries (all immutable).</summary>
    public IndexData Clone() => new(this);

    /// <summary>The account slot's entry (with no account and no opportunities when the slot holds nothing).</summary>
    public AccountEntry AccountAt(int slot) => (uint)slot < (uint)_accounts.Length ? _accounts[slot] : default;

    /// <summary>Starts fetching an account slot a later pass will read.</summary>
    public void PrefetchAccount(int slot)
    {
        if ((uint)slot < (uint)_accounts.Length)
        {
            Prefetcher.At(ref _accounts[slot]);
        }
    }

    public AccountEntry AccountEntryOf(string? id) => AccountAt(_accountSlots.Find(id));

    public CrmAccount? Account(string? id) => AccountEntryOf(id).Account;

    /// <summary>The contact of an id, if the index has it.</summary>
    public ContactRef? Contact(string? id) => ContactAt(_contactSlots.Find(id));

    /// <summary>The slot of a contact id (-1 when no record or contact role has ever named it).</summary>
    public int ContactSlot(string? id) => _contactSlots.Find(id);

    public void Upsert(CrmRecord record)
    {
        switch (record)
        {
            case CrmAccount account:
                var slot = _accountSlots.Intern(account.Id);
                var entry = AccountAt(slot) with { Slot = slot };
                if (entry.Account is { } old)
                {
                    IndexDomains(old, slot, add: false);
                }
                else
                {
                    AccountCount++;
                }

                SetAccount(entry with { Account = account, IsPartner = _options.IsPartner(account), OwnerSlot = UserSlot(account.OwnerId) });
                IndexDomains(account, slot, add: true);
                break;
            case CrmContact contact:
                var contactRef = new ContactRef(contact, _contactSlots.Intern(contact.Id), AccountSlot(contact.AccountId));
                if (ContactAt(contactRef.Slot) is { } oldContact)
                {
                    IndexIdentifiers(oldContact, oldContact.Contact.Emails, oldContact.Contact.Phones, add: false);
                }
                else
                {
                    ContactCount++;
                }

                SetContact(contactRef.Slot, contactRef);
                IndexIdentifiers(contactRef, contact.Emails, contact.Phones, add: true);
                break;
            case CrmLead lead:
                if (Leads.TryGetValue(lead.Id, out var oldLead))
                {
                    IndexIdentifiers(oldLead, oldLead.Emails, oldLead.Phones, add: false);
                }

                Leads[lead.Id] = lead;
                IndexIdentifiers(lead, lead.Emails, lead.Phones, add: true);
                break;
            case CrmOpportunity opportunity:
                if (Opportunities.TryGetValue(opportunity.Id, out var oldOpportunity))
                {
                    IndexOpportunity(oldOpportunity, add: false);
                }

                var opportunityRef = new OpportunityRef(
                    opportunity,
                    AccountSlot(opportunity.AccountId),
                    UserSlot(opportunity.OwnerId),
                    Slots(_contactSlots, opportunity.ContactRoleContactIds),
                    Slots(_userSlots, opportunity.TeamMemberUserIds));
                Opportunities[opportunity.Id] = opportunityRef;
                IndexOpportunity(opportunityRef, add: true);
                break;
            case CrmUser user:
                var userRef = new UserRef(user, _userSlots.Intern(user.Id));
                if (Users.TryGetValue(user.Id, out var oldUser))
                {
                    IndexIdentifiers(oldUser, oldUser.User.Emails, [], add: false);
                }

                Users[user.Id] = userRef;
                IndexIdentifiers(userRef, user.Emails, [], add: true);
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
            case CrmRecordKind.Account when AccountEntryOf(reference.Id) is { Account: { } account } entry:
                IndexDomains(account, entry.Slot, add: false);
                AccountCount--;
                SetAccount(entry with { Account = null, IsPartner = false, OwnerSlot = -1 });
                break;
            case CrmRecordKind.Contact when Contact(reference.Id) is { } contact:
                IndexIdentifiers(contact, contact.Contact.Emails, contact.Contact.Phones, add: false);
                SetContact(contact.Slot, null);
                ContactCount--;
                break;
            case CrmRecordKind.Lead when Leads.Remove(reference.Id, out var lead):
                IndexIdentifiers(lead, lead.Emails, lead.Phones, add: false);
                break;
            case CrmRecordKind.Opportunity when Opportunities.Remove(reference.Id, out var opportunity):
                IndexOpportunity(opportunity, add: false);
                break;
            case CrmRecordKind.User when Users.Remove(reference.Id, out var user):
                IndexIdentifiers(user, user.User.Emails, [], add: false);
                break;
            case CrmRecordKind.Team:
                Teams.Remove(reference.Id);
                break;
        }
    }

    private static int[] Slots(SlotMap map, IReadOnlyList<string> ids)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        var slots = new int[ids.Count];
        for (var i = 0; i < slots.Length; i++)
        {
            slots[i] = map.Intern(ids[i]);
        }

        return slots;
    }

    private int AccountSlot(string? id) => id is null ? -1 : _accountSlots.Intern(id);

    private int UserSlot(string? id) => id is null ? -1 : _userSlots.Intern(id);

    private void IndexOpportunity(OpportunityRef opportunity, bool add)
    {
        if (opportunity.AccountSlot < 0)
        {
            return;
        }

        var entry = AccountAt(opportunity.AccountSlot) with { Slot = opportunity.AccountSlot };
        SetAccount(entry with
        {
            Opportunities = add ? MultiMap.With(entry.Opportunities, opportunity, _bulk) : MultiMap.Without<OpportunityRef>(entry.Opportunities, opportunity.Id),
        });
    }

    private ContactRef? ContactAt(int slot) => (uint)slot < (uint)_contacts.Length ? _contacts[slot] : null;

    private void SetContact(int slot, ContactRef? contact)
    {
        if (slot >= _contacts.Length)
        {
            Array.Resize(ref _contacts, Math.Max(slot + 1, _contacts.Length * 2));
        }

        _contacts[slot] = contact;
    }

    private void SetAccount(AccountEntry entry)
    {
        if (entry.Slot >= _accounts.Length)
        {
            Array.Resize(ref _accounts, Math.Max(entry.Slot + 1, _accounts.Length * 2));
        }

        _accounts[entry.Slot] = entry;
    }

    private void IndexDomains(CrmAccount account, int slot, bool add)
    {
        void Apply(string? domain)
        {
            if (domain is not null)
            {
                ChangeDomain(domain, static (e, a, add, bulk) => e with { Accounts = add ? MultiMap.With(e.Accounts, a, bulk) : MultiMap.Without<AccountRef>(e.Accounts, a.Id) }, new AccountRef(account.Id, slot), add);
            }
        }

        Apply(Normalizer.WebsiteHost(account.Website));
        foreach (var domain in account.Domains)
        {
            Apply(Normalizer.AccountDomain(domain));
        }
    }

    private void ChangeDomain<T>(string domain, Func<DomainEntry, T, bool, bool, DomainEntry> change, T item, bool add)
    {
        var entry = change(Domains.Find(domain) ?? new DomainEntry(null, null, _options.IsFreeMail(domain)), item, add, _bulk);
        Domains.Set(domain, entry.IsEmpty ? null : entry);
    }

    private void IndexIdentifiers<T>(T item, IReadOnlyList<string> emails, IReadOnlyList<string> phones, bool add)
        where T : class
    {
        foreach (var email in emails)
        {
            if (Normalizer.Email(email) is { } e)
            {
                Change(e, item, add);
                if (item is CrmLead { Converted: null } lead)
                {
                    // Leads are suggested by domain only for business domains: free-mail domains are never indexed.
                    if (_options.IsFreeMail(Normalizer.DomainOf(e)))
                    {
                        continue;
                    }

                    var domain = _options.Domains.GetRegistrableDomain(Normalizer.DomainOf(e)).ToString();
                    ChangeDomain(domain, static (entry, l, add, bulk) => entry with { Leads = add ? MultiMap.With(entry.Leads, l, bulk) : MultiMap.Without<CrmLead>(entry.Leads, l.Id) }, lead, add);
                }
            }
        }

        foreach (var phone in phones)
        {
            if (Normalizer.Phone(phone) is { } p)
            {
                Change(p, item, add);
            }
        }
    }

    private void Change<T>(string key, T item, bool add)
        where T : class
    {
        var identity = Identity.Of(Identities.Find(key));
        var id = MultiMap.IdOf(item);
        identity = item switch
        {
            ContactRef => identity with { Contacts = add ? MultiMap.With(identity.Contacts, item, _bulk) : MultiMap.Without<T>(identity.Contacts, id) },
            CrmLead => identity with { Leads = add ? MultiMap.With(identity.Leads, item, _bulk) : MultiMap.Without<T>(identity.Leads, id) },
            _ => identity with { Users = add ? MultiMap.With(identity.Users, item, _bulk) : MultiMap.Without<T>(identity.Users, id) },
        };
        Identities.Set(key, identity.Stored);
    }
}

/// <summary>How many records of each kind to make room for.</summary>
internal readonly record struct CrmSnapshotCounts(int Accounts, int Contacts, int Leads, int Opportunities, int Users, int Teams, int Identifiers)
{
    public static CrmSnapshotCounts Of(CrmSnapshot snapshot)
    {
        // Every address and number once: an upper bound of the identity table's keys.
        var identifiers = 0;
        foreach (var contact in snapshot.Contacts)
        {
            identifiers += contact.Emails.Count + contact.Phones.Count;
        }

        foreach (var lead in snapshot.Leads)
        {
            identifiers += lead.Emails.Count + lead.Phones.Count;
        }

        foreach (var user in snapshot.Users)
        {
            identifiers += user.Emails.Count;
        }

        return new(snapshot.Accounts.Count, snapshot.Contacts.Count, snapshot.Leads.Count, snapshot.Opportunities.Count, snapshot.Users.Count, snapshot.Teams.Count, identifiers);
    }
}
