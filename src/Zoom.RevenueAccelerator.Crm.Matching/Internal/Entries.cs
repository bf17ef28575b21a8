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
/// An account slot: the account (if the CRM has it), its opportunities (<see cref="OpportunityRef"/>),
/// and what the ranking needs of it, computed once. Slots are small integers interned from account
/// ids, so contacts and opportunities point at their account without a string lookup. Held by value
/// in each index copy's slot array (a copy is only written while no reader uses it).
/// </summary>
internal readonly record struct AccountEntry(int Slot, CrmAccount? Account, object? Opportunities, bool IsPartner, int OwnerSlot);

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

/// <summary>An opportunity with the slots of its account, owner, contact-role contacts and team members (-1 or empty when none).</summary>
internal sealed class OpportunityRef(CrmOpportunity opportunity, int accountSlot, int ownerSlot, int[] roleContactSlots, int[] teamUserSlots) : IIndexed
{
    public CrmOpportunity Opportunity { get; } = opportunity;

    /// <summary>What <see cref="CloseDay"/> holds when the opportunity has no close date.</summary>
    public const int NoCloseDay = int.MinValue;

    // What eligibility and ranking read, copied here so that they need not reach the record, and as
    // plain numbers (UTC ticks, day numbers) so that comparing them is one instruction.
    public bool IsClosed { get; } = opportunity.IsClosed;

    /// <summary>Gets the creation time in UTC ticks (<see cref="long.MinValue"/> when unknown: created before anything).</summary>
    public long CreatedTicks { get; } = opportunity.CreatedAt?.UtcTicks ?? long.MinValue;

    /// <summary>Gets the close date's day number (<see cref="NoCloseDay"/> when none).</summary>
    public int CloseDay { get; } = opportunity.CloseDate?.DayNumber ?? NoCloseDay;

    /// <summary>Gets the last modification in UTC ticks (the order <see cref="DateTimeOffset"/> compares by).</summary>
    public long LastModifiedTicks { get; } = opportunity.LastModified.UtcTicks;

    public string? AccountId { get; } = opportunity.AccountId;

    public CrmRecordReference Reference => new(CrmRecordKind.Opportunity, Id);

    public int AccountSlot { get; } = accountSlot;

    public int OwnerSlot { get; } = ownerSlot;

    public int[] RoleContactSlots { get; } = roleContactSlots;

    public int[] TeamUserSlots { get; } = teamUserSlots;

    public string Id { get; } = opportunity.Id;
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
