using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

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
    /// <summary>What <see cref="AccountAt"/> gives for a slot outside the table: no account.</summary>
    private static readonly AccountEntry s_noAccount;

    private readonly CompiledOptions _options;
    private readonly SlotMap _accountSlots;
    private readonly SlotMap _contactSlots;
    private readonly SlotMap _userSlots;
    private AccountEntry[] _accounts;
    private ContactRef?[] _contacts;
    private bool _bulk;

    private readonly CrmSnapshotCounts _capacity;

    // During a load: what goes into the two tables (see Load), and the identifiers with several records.
    private DeferredInserts? _deferredIdentities;
    private DeferredInserts? _deferredDomains;
    private List<string>? _sharedIdentifiers;

    // During an upsert that replaces a record: the keys its new version was put under (see Reindex).
    private bool _replacing;
    private HashSet<string>? _addedIdentifiers;
    private HashSet<string>? _addedDomains;

    public IndexData(CompiledOptions options, CrmSnapshotCounts capacity)
    {
        _options = options;
        _capacity = capacity;
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
        Domains = new(capacity.Domains + options.FreeMail.Count);
        foreach (var freeMail in options.FreeMail)
        {
            Domains.Set(freeMail, new DomainEntry(null, null, FreeMail: true));
        }
    }

    private IndexData(IndexData source)
    {
        _options = source._options;
        _capacity = source._capacity;
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

    /// <summary>
    /// Loads a snapshot into an empty index. Several records under one key collect in lists, frozen
    /// into arrays at the end, so a key with many records costs linear time. The two hash tables are
    /// filled last, from lists of what goes into them: filling them record by record would write new
    /// objects all over two large, long-lived arrays while the load allocates, and every collection
    /// of young objects would then scan those arrays whole.
    /// </summary>
    public void Load(CrmSnapshot snapshot)
    {
        _bulk = true;
        _deferredIdentities = new(_capacity.Identifiers);
        _deferredDomains = new(_capacity.Domains);
        _sharedIdentifiers = [];
        foreach (var record in snapshot.AllRecords())
        {
            Upsert(record);
        }

        StopDeferring();
        _bulk = false;
        foreach (var key in _sharedIdentifiers)
        {
            ref var stored = ref Identities.FindRef(key);
            if (!Unsafe.IsNullRef(ref stored) && stored is Identity identity && (identity.Users is List<UserRef> || identity.Contacts is List<ContactRef> || identity.Leads is List<CrmLead>))
            {
                stored = new Identity(MultiMap.Freeze<UserRef>(identity.Users), MultiMap.Freeze<ContactRef>(identity.Contacts), MultiMap.Freeze<CrmLead>(identity.Leads)).Stored!;
            }
        }

        _sharedIdentifiers = null;

        FillOpportunityRows();

        Domains.ReplaceEach(static value =>
            value.Accounts is List<AccountRef> || value.Leads is List<CrmLead>
                ? value with { Accounts = MultiMap.Freeze<AccountRef>(value.Accounts), Leads = MultiMap.Freeze<CrmLead>(value.Leads) }
                : value);

        Version = snapshot.Version;
    }

    /// <summary>A copy that shares the records and entries (all immutable).</summary>
    public IndexData Clone() => new(this);

    /// <summary>The account slot's entry (with no account and no opportunities when the slot holds nothing).</summary>
    public ref readonly AccountEntry AccountAt(int slot)
    {
        if ((uint)slot < (uint)_accounts.Length)
        {
            return ref _accounts[slot];
        }

        return ref s_noAccount;
    }

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
                AccountCount += entry.Account is null ? 1 : 0;
                SetAccount(entry with { Account = account, IsPartner = _options.IsPartner(account), OwnerSlot = UserSlot(account.OwnerId) });
                BeginReindex(entry.Account is not null);
                IndexDomains(account, slot, add: true);
                if (entry.Account is { } old)
                {
                    IndexDomains(old, slot, add: false);
                }

                break;
            case CrmContact contact:
                var contactRef = new ContactRef(contact, _contactSlots.Intern(contact.Id), AccountSlot(contact.AccountId));
                var oldContact = ContactAt(contactRef.Slot);
                ContactCount += oldContact is null ? 1 : 0;
                SetContact(contactRef.Slot, contactRef);
                Reindex(oldContact, oldContact?.Contact.Emails, oldContact?.Contact.Phones, contactRef, contact.Emails, contact.Phones);
                break;
            case CrmLead lead:
                ref var leadValue = ref CollectionsMarshal.GetValueRefOrAddDefault(Leads, lead.Id, out _);
                var oldLead = leadValue;
                leadValue = lead;
                Reindex(oldLead, oldLead?.Emails, oldLead?.Phones, lead, lead.Emails, lead.Phones);
                break;
            case CrmOpportunity opportunity:
                var opportunityRef = new OpportunityRef(
                    opportunity,
                    AccountSlot(opportunity.AccountId),
                    UserSlot(opportunity.OwnerId),
                    Slots(_contactSlots, opportunity.ContactRoleContactIds),
                    Slots(_userSlots, opportunity.TeamMemberUserIds));
                ref var opportunityValue = ref CollectionsMarshal.GetValueRefOrAddDefault(Opportunities, opportunity.Id, out _);
                if (opportunityValue is { } oldOpportunity && oldOpportunity.AccountSlot != opportunityRef.AccountSlot)
                {
                    IndexOpportunity(oldOpportunity, add: false);
                }

                // Under the same account, the new version replaces the old one in place.
                opportunityValue = opportunityRef;
                IndexOpportunity(opportunityRef, add: true);
                break;
            case CrmUser user:
                var userRef = new UserRef(user, _userSlots.Intern(user.Id));
                ref var userValue = ref CollectionsMarshal.GetValueRefOrAddDefault(Users, user.Id, out _);
                var oldUser = userValue;
                userValue = userRef;
                Reindex(oldUser, oldUser?.User.Emails, [], userRef, user.Emails, []);
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
        BeginReindex(false);
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
        // A load fills every account's rows at its end, from the final versions (FillOpportunityRows).
        if (opportunity.AccountSlot < 0 || _bulk)
        {
            return;
        }

        var entry = AccountAt(opportunity.AccountSlot) with { Slot = opportunity.AccountSlot };
        SetAccount(entry with
        {
            Opportunities = add ? OpportunityRow.With(entry.Opportunities, new OpportunityRow(opportunity)) : OpportunityRow.Without(entry.Opportunities, opportunity.Id),
        });
    }

    /// <summary>
    /// The end of a load: each account's opportunities as one array of exactly its size, in the order
    /// the snapshot first named them (a dictionary that has had nothing removed enumerates in
    /// insertion order, and a repeated record replaces its value in place).
    /// </summary>
    private void FillOpportunityRows()
    {
        if (_accountSlots.Count > _accounts.Length)
        {
            Array.Resize(ref _accounts, _accountSlots.Count); // slots only opportunities name
        }

        var counts = new int[_accounts.Length];
        foreach (var opportunity in Opportunities.Values)
        {
            if (opportunity.AccountSlot >= 0)
            {
                counts[opportunity.AccountSlot]++;
            }
        }

        var filled = new int[_accounts.Length];
        foreach (var opportunity in Opportunities.Values)
        {
            var slot = opportunity.AccountSlot;
            if (slot < 0)
            {
                continue;
            }

            ref var entry = ref _accounts[slot];
            if (entry.Opportunities is null)
            {
                entry = entry with { Slot = slot, Opportunities = new OpportunityRow[counts[slot]] };
            }

            entry.Opportunities![filled[slot]++] = new OpportunityRow(opportunity);
        }
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

    /// <summary>
    /// Indexes a record's new version and drops its old one. The new version goes in first: under a
    /// key both versions have, it replaces the old one in place, and only the keys the old version
    /// alone had are removed, so a record that keeps its addresses moves nothing.
    /// </summary>
    private void Reindex(object? old, IReadOnlyList<string>? oldEmails, IReadOnlyList<string>? oldPhones, object item, IReadOnlyList<string> emails, IReadOnlyList<string> phones)
    {
        BeginReindex(old is not null);
        IndexIdentifiers(item, emails, phones, add: true);
        if (old is not null)
        {
            IndexIdentifiers(old, oldEmails!, oldPhones!, add: false);
        }
    }

    /// <summary>Starts a change: when <paramref name="replacing"/>, the keys it adds are remembered, and the old version's removal skips them.</summary>
    private void BeginReindex(bool replacing)
    {
        _replacing = replacing;
        if (replacing)
        {
            (_addedIdentifiers ??= new(StringComparer.Ordinal)).Clear();
            (_addedDomains ??= new(StringComparer.Ordinal)).Clear();
        }
    }

    private void IndexDomains(CrmAccount account, int slot, bool add)
    {
        if (Normalizer.WebsiteHost(account.Website) is { } host)
        {
            ChangeDomain(host, new AccountRef(account.Id, slot), add);
        }

        foreach (var domain in account.Domains)
        {
            if (Normalizer.AccountDomain(domain) is { } normal)
            {
                ChangeDomain(normal, new AccountRef(account.Id, slot), add);
            }
        }
    }

    private void IndexIdentifiers(object item, IReadOnlyList<string> emails, IReadOnlyList<string> phones, bool add)
    {
        foreach (var email in emails)
        {
            if (Normalizer.Email(email) is { } e)
            {
                ChangeIdentity(e, item, add);
                if (item is CrmLead { Converted: null } lead)
                {
                    // Leads are suggested by domain only for business domains: free-mail domains are never indexed.
                    if (_options.IsFreeMail(Normalizer.DomainOf(e)))
                    {
                        continue;
                    }

                    ChangeDomain(_options.Domains.GetRegistrableDomain(Normalizer.DomainOf(e)).ToString(), lead, add);
                }
            }
        }

        foreach (var phone in phones)
        {
            if (Normalizer.Phone(phone) is { } p)
            {
                ChangeIdentity(p, item, add);
            }
        }
    }

    /// <summary>Adds or removes an account (<see cref="AccountRef"/>) or a lead under a domain.</summary>
    private void ChangeDomain(string domain, object item, bool add)
    {
        if (KeepsKey(_addedDomains, domain, add))
        {
            return;
        }

        if (!add)
        {
            StopDeferring();
            ref var entry = ref Domains.FindRef(domain);
            if (!Unsafe.IsNullRef(ref entry) && (entry = entry!.Without(item)).IsEmpty)
            {
                Domains.Remove(domain);
            }
        }
        else if (_deferredDomains is { } deferred)
        {
            deferred.Add(domain, item, Domains.Hash(domain));
        }
        else
        {
            AddToDomain(domain, Domains.Hash(domain), item);
        }
    }

    /// <summary>Adds or removes a user (<see cref="UserRef"/>), contact (<see cref="ContactRef"/>) or lead under an identifier.</summary>
    private void ChangeIdentity(string key, object item, bool add)
    {
        if (KeepsKey(_addedIdentifiers, key, add))
        {
            return;
        }

        if (!add)
        {
            StopDeferring();
            ref var stored = ref Identities.FindRef(key);
            if (!Unsafe.IsNullRef(ref stored) && (stored = Identity.Without(stored, item)) is null)
            {
                Identities.Remove(key);
            }
        }
        else if (_deferredIdentities is { } deferred)
        {
            deferred.Add(key, item, Identities.Hash(key));
        }
        else
        {
            AddToIdentity(key, Identities.Hash(key), item);
        }
    }

    /// <summary>
    /// Whether a replacing upsert's removal of its old version must leave the key alone (the new
    /// version is under it); remembers the keys the new version is added under.
    /// </summary>
    private bool KeepsKey(HashSet<string>? added, string key, bool add)
    {
        if (!_replacing)
        {
            return false;
        }

        if (add)
        {
            added!.Add(key);
            return false;
        }

        return added!.Contains(key);
    }

    private void AddToDomain(string domain, int hash, object item)
    {
        ref var entry = ref Domains.GetValueRefOrAddDefault(domain, hash, out _);
        entry = (entry ?? new DomainEntry(null, null, _options.IsFreeMail(domain))).With(item, _bulk);
    }

    private void AddToIdentity(string key, int hash, object item)
    {
        ref var stored = ref Identities.GetValueRefOrAddDefault(key, hash, out var exists);
        if (exists)
        {
            _sharedIdentifiers?.Add(key); // a load freezes these lists at its end
        }

        stored = Identity.With(stored, item, _bulk);
    }

    /// <summary>
    /// Puts what a load deferred into the tables, sorted by home slot. A removal during a load (a
    /// snapshot that repeats a record) calls it first, so that the removal finds what it removes,
    /// and the rest of that load then inserts directly: one flush at most.
    /// </summary>
    private void StopDeferring()
    {
        if (_deferredDomains is not { } domains || _deferredIdentities is not { } identities)
        {
            return;
        }

        _deferredDomains = null;
        _deferredIdentities = null;

        // Domains first: their entries are new objects; the identities' values are mostly the records' own entries.
        Domains.EnsureCapacity(Domains.Count + domains.Count);
        foreach (ref readonly var deferred in domains.SortedFor(Domains).AsSpan())
        {
            AddToDomain(deferred.Key, deferred.Hash, deferred.Item);
        }

        Identities.EnsureCapacity(Identities.Count + identities.Count);
        foreach (ref readonly var deferred in identities.SortedFor(Identities).AsSpan())
        {
            AddToIdentity(deferred.Key, deferred.Hash, deferred.Item);
        }
    }
}

/// <summary>How many records of each kind to make room for.</summary>
internal readonly record struct CrmSnapshotCounts(int Accounts, int Contacts, int Leads, int Opportunities, int Users, int Teams, int Identifiers, int Domains)
{
    public static CrmSnapshotCounts Of(CrmSnapshot snapshot)
    {
        // Every address and number once, and every account and lead domain once: upper bounds of the two tables' keys.
        var identifiers = 0;
        var domains = 0;
        foreach (var account in snapshot.Accounts)
        {
            domains += 1 + account.Domains.Count;
        }

        foreach (var contact in snapshot.Contacts)
        {
            identifiers += contact.Emails.Count + contact.Phones.Count;
        }

        foreach (var lead in snapshot.Leads)
        {
            identifiers += lead.Emails.Count + lead.Phones.Count;
            domains += lead.Converted is null ? lead.Emails.Count : 0;
        }

        foreach (var user in snapshot.Users)
        {
            identifiers += user.Emails.Count;
        }

        return new(snapshot.Accounts.Count, snapshot.Contacts.Count, snapshot.Leads.Count, snapshot.Opportunities.Count, snapshot.Users.Count, snapshot.Teams.Count, identifiers, domains);
    }
}
