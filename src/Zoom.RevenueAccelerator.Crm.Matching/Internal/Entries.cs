using System;

namespace Zoom.RevenueAccelerator.Crm.Matching.Internal;

/// <summary>Something the index keeps under its CRM id.</summary>
internal interface IIndexed
{
    string Id { get; }
}

/// <summary>
/// Everything the rules need to know about one e-mail address or phone number, in one lookup:
/// the users (<see cref="UserRef"/>), contacts (<see cref="ContactRef"/>) and leads that have it.
/// Immutable; a change makes a new entry.
/// </summary>
internal sealed record Identity(object? Users, object? Contacts, object? Leads)
{
    public static readonly Identity Empty = new(null, null, null);

    /// <summary>
    /// The form the index stores: almost every identifier belongs to one record, and is stored as
    /// that record's entry (a <see cref="UserRef"/>, <see cref="ContactRef"/> or <see cref="CrmLead"/>:
    /// no identity object to allocate or reach); the rest as the identity; nothing as <see langword="null"/>.
    /// </summary>
    public object? Stored
    {
        get
        {
            if (Users is null && Contacts is null && Leads is null)
            {
                return null;
            }

            var only = Users is null ? Contacts is null ? Leads : Leads is null ? Contacts : null : Contacts is null && Leads is null ? Users : null;
            return only is UserRef or ContactRef or CrmLead ? only : this;
        }
    }

    /// <summary>Reads a stored value back.</summary>
    public static Identity Of(object? stored) => stored switch
    {
        null => Empty,
        ContactRef contact => new(null, contact, null),
        CrmLead lead => new(null, null, lead),
        UserRef user => new(user, null, null),
        _ => (Identity)stored,
    };

    /// <summary>A stored value with <paramref name="item"/> (a <see cref="UserRef"/>, <see cref="ContactRef"/> or <see cref="CrmLead"/>) added, or replacing the one of its kind and id.</summary>
    public static object With(object? stored, object item, bool bulk)
    {
        if (stored is null || (stored.GetType() == item.GetType() && IdOf(stored) == IdOf(item)))
        {
            return item;
        }

        var identity = Of(stored);
        return (item switch
        {
            ContactRef contact => identity with { Contacts = MultiMap.With(identity.Contacts, contact, bulk) },
            CrmLead lead => identity with { Leads = MultiMap.With(identity.Leads, lead, bulk) },
            _ => identity with { Users = MultiMap.With(identity.Users, (UserRef)item, bulk) },
        }).Stored!;
    }

    /// <summary>A stored value without the entry of <paramref name="item"/>'s kind and id (<see langword="null"/> when nothing is left).</summary>
    public static object? Without(object? stored, object item)
    {
        if (stored is null || (stored.GetType() == item.GetType() && IdOf(stored) == IdOf(item)))
        {
            return null;
        }

        var identity = Of(stored);
        var id = IdOf(item);
        return (item switch
        {
            ContactRef => identity with { Contacts = MultiMap.Without<ContactRef>(identity.Contacts, id) },
            CrmLead => identity with { Leads = MultiMap.Without<CrmLead>(identity.Leads, id) },
            _ => identity with { Users = MultiMap.Without<UserRef>(identity.Users, id) },
        }).Stored;
    }

    private static string IdOf(object item) => MultiMap.IdOf(item);
}

/// <summary>A stored identity value (<see cref="Identity.Stored"/>) read without allocating.</summary>
internal readonly struct IdentityView(object? stored)
{
    public bool IsEmpty => stored is null;

    public object? Users => stored is UserRef ? stored : (stored as Identity)?.Users;

    public object? Contacts => stored is ContactRef ? stored : (stored as Identity)?.Contacts;

    public object? Leads => stored is CrmLead ? stored : (stored as Identity)?.Leads;
}

/// <summary>
/// An account slot: the account (if the CRM has it), its opportunities (by value, see
/// <see cref="OpportunityRow"/>), and what the ranking needs of it, computed once. Slots are small
/// integers interned from account ids, so contacts and opportunities point at their account without
/// a string lookup. Held by value in each index copy's slot array (a copy is only written while no
/// reader uses it); the opportunity array is never changed once the entry holds it.
/// </summary>
internal readonly record struct AccountEntry(int Slot, CrmAccount? Account, OpportunityRow[]? Opportunities, bool IsPartner, int OwnerSlot);

/// <summary>A user with its slot.</summary>
internal sealed class UserRef(CrmUser user, int slot) : IIndexed
{
    public CrmUser User { get; } = user;

    public int Slot { get; } = slot;

    public string Id => User.Id;
}

/// <summary>A contact with its slot and its account's slot (-1 when it has none).</summary>
internal sealed class ContactRef(CrmContact contact, int slot, int accountSlot) : IIndexed
{
    public CrmContact Contact { get; } = contact;

    public int Slot { get; } = slot;

    public int AccountSlot { get; } = accountSlot;

    public string Id { get; } = contact.Id;
}

/// <summary>An opportunity with the slots of its account, owner, contact-role contacts and team members (-1 or empty when none); its account's entry holds it as an <see cref="OpportunityRow"/>.</summary>
internal sealed class OpportunityRef(CrmOpportunity opportunity, int accountSlot, int ownerSlot, int[] roleContactSlots, int[] teamUserSlots)
{
    public CrmOpportunity Opportunity { get; } = opportunity;

    public string? AccountId { get; } = opportunity.AccountId;

    public int AccountSlot { get; } = accountSlot;

    public int OwnerSlot { get; } = ownerSlot;

    public int[] RoleContactSlots { get; } = roleContactSlots;

    public int[] TeamUserSlots { get; } = teamUserSlots;

    public string Id { get; } = opportunity.Id;
}

/// <summary>
/// An opportunity as its account's entry holds it: everything eligibility, narrowing and ranking
/// read, by value, so that an account's opportunities are one array to fetch rather than an
/// object each, and the usual single contact role or team member needs no array of its own. Times
/// are plain numbers (UTC ticks, day numbers), so comparing them is one instruction.
/// </summary>
internal readonly struct OpportunityRow
{
    /// <summary>What <see cref="CloseDay"/> holds when the opportunity has no close date.</summary>
    public const int NoCloseDay = int.MinValue;

    public OpportunityRow(OpportunityRef opportunity)
    {
        var o = opportunity.Opportunity;
        Ref = opportunity;
        Id = opportunity.Id;
        IsClosed = o.IsClosed;
        CreatedTicks = o.CreatedAt?.UtcTicks ?? long.MinValue;
        CloseDay = o.CloseDate?.DayNumber ?? NoCloseDay;
        LastModifiedTicks = o.LastModified.UtcTicks;
        OwnerSlot = opportunity.OwnerSlot;
        (FirstRoleContactSlot, AllRoleContactSlots) = Split(opportunity.RoleContactSlots);
        (FirstTeamUserSlot, AllTeamUserSlots) = Split(opportunity.TeamUserSlots);
    }

    public OpportunityRef Ref { get; }

    public string Id { get; }

    public bool IsClosed { get; }

    /// <summary>Gets the creation time in UTC ticks (<see cref="long.MinValue"/> when unknown: created before anything).</summary>
    public long CreatedTicks { get; }

    /// <summary>Gets the close date's day number (<see cref="NoCloseDay"/> when none).</summary>
    public int CloseDay { get; }

    /// <summary>Gets the last modification in UTC ticks (the order <see cref="DateTimeOffset"/> compares by).</summary>
    public long LastModifiedTicks { get; }

    public int OwnerSlot { get; }

    /// <summary>Gets the first contact role's contact slot (-1 when none).</summary>
    public int FirstRoleContactSlot { get; }

    /// <summary>Gets every contact role's contact slot when there are several (<see langword="null"/> when one or none).</summary>
    public int[]? AllRoleContactSlots { get; }

    /// <summary>Gets the first team member's user slot (-1 when none).</summary>
    public int FirstTeamUserSlot { get; }

    /// <summary>Gets every team member's user slot when there are several (<see langword="null"/> when one or none).</summary>
    public int[]? AllTeamUserSlots { get; }

    public CrmRecordReference Reference => new(CrmRecordKind.Opportunity, Id);

    /// <summary>How many of <paramref name="contacts"/> (counted as often as they appear) have a contact role on the opportunity.</summary>
    public int CountContactRoles(ReadOnlySpan<int> contacts)
    {
        if (FirstRoleContactSlot < 0)
        {
            return 0;
        }

        var count = 0;
        foreach (var contact in contacts)
        {
            if (AllRoleContactSlots is null ? contact == FirstRoleContactSlot : Array.IndexOf(AllRoleContactSlots, contact) >= 0)
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>Whether one of <paramref name="users"/> owns the opportunity or is on its team.</summary>
    public bool IsOwnedByOneOf(ReadOnlySpan<int> users)
    {
        if (OwnerSlot >= 0 && users.Contains(OwnerSlot))
        {
            return true;
        }

        if (FirstTeamUserSlot < 0)
        {
            return false;
        }

        if (AllTeamUserSlots is null)
        {
            return users.Contains(FirstTeamUserSlot);
        }

        foreach (var member in AllTeamUserSlots)
        {
            if (users.Contains(member))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The rows with <paramref name="row"/> added, or replacing the one of its id; never mutates <paramref name="rows"/>.</summary>
    public static OpportunityRow[] With(OpportunityRow[]? rows, in OpportunityRow row) =>
        rows is null ? [row] : CopyOnWrite.Set(rows, IndexOf(rows, row.Id), row);

    /// <summary>The rows without the one of id <paramref name="id"/> (<see langword="null"/> when none is left); never mutates <paramref name="rows"/>.</summary>
    public static OpportunityRow[]? Without(OpportunityRow[]? rows, string id)
    {
        var at = rows is null ? -1 : IndexOf(rows, id);
        return at < 0 ? rows : rows!.Length == 1 ? null : CopyOnWrite.RemoveAt(rows, at);
    }

    private static int IndexOf(OpportunityRow[] rows, string id)
    {
        for (var i = 0; i < rows.Length; i++)
        {
            if (rows[i].Id == id)
            {
                return i;
            }
        }

        return -1;
    }

    private static (int First, int[]? All) Split(int[] slots) => slots.Length switch
    {
        0 => (-1, null),
        1 => (slots[0], null),
        _ => (slots[0], slots),
    };
}

/// <summary>An account listed under a domain, by slot.</summary>
internal sealed class AccountRef(string id, int slot) : IIndexed
{
    public string Id { get; } = id;

    public int Slot { get; } = slot;
}

/// <summary>
/// What the index knows about one domain: the accounts with it as a website host or extra domain
/// (<see cref="AccountRef"/>), the non-converted leads whose addresses have it as their registrable
/// domain, and whether it is free-mail (free-mail domains are kept even with nothing under them, so
/// the common free-mail check is the same lookup). Immutable.
/// </summary>
internal sealed record DomainEntry(object? Accounts, object? Leads, bool FreeMail)
{
    public bool IsEmpty => Accounts is null && Leads is null && !FreeMail;

    /// <summary>The entry with <paramref name="item"/> (an <see cref="AccountRef"/> or a <see cref="CrmLead"/>) added, or replacing the one of its id.</summary>
    public DomainEntry With(object item, bool bulk) => item is AccountRef account
        ? this with { Accounts = MultiMap.With(Accounts, account, bulk) }
        : this with { Leads = MultiMap.With(Leads, (CrmLead)item, bulk) };

    /// <summary>The entry without <paramref name="item"/>'s id.</summary>
    public DomainEntry Without(object item) => item is AccountRef account
        ? this with { Accounts = MultiMap.Without<AccountRef>(Accounts, account.Id) }
        : this with { Leads = MultiMap.Without<CrmLead>(Leads, ((CrmLead)item).Id) };
}
