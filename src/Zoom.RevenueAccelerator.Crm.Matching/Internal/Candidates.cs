using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Zoom.RevenueAccelerator.Crm.Matching.Internal;

/// <summary>A person taking part, after normalisation and merging (step 1).</summary>
internal struct Person
{
    public string? Email;

    /// <summary>Where the <c>@</c> is in <see cref="Email"/>.</summary>
    public int At;

    /// <summary>The identity table's hash of <see cref="Email"/>.</summary>
    public int EmailHash;

    /// <summary>The domain table's hash of <see cref="Domain"/> (set when the domain fallback needs it).</summary>
    public int DomainHash;

    /// <summary>One more than the index of an earlier person with the same domain, whose lookups this one reuses (0 when none).</summary>
    public int SameDomainAs;

    /// <summary>The domain fallback's lookups: the domain's entry, whether it is free-mail, and its registrable domain's entry (<see cref="DomainFound"/> itself when <see cref="RegistrableIsDomain"/>).</summary>
    public DomainEntry? DomainFound;
    public bool FreeMailDomain;
    public DomainEntry? RegistrableFound;
    public bool RegistrableIsDomain;
    public string? Phone;
    public int Order;
    public bool IsHostSource;
    public bool Internal;
    public bool Excluded;
    public ContactRef? Contact;
    public CrmLead? ConvertedLead;
    public string? ConvertedContactId;

    /// <summary>The slot of <see cref="ConvertedContactId"/> (-1 when none).</summary>
    public int ConvertedContactSlot;
    public IdentityView EmailIdentity;

    /// <summary>Non-converted leads matched by the exact identifier (a <see cref="Many{T}"/> value).</summary>
    public object? ExactLeads;

    /// <summary>Gets the domain of <see cref="Email"/> (which must not be null).</summary>
    public readonly ReadOnlySpan<char> Domain => Email.AsSpan(At + 1);

    /// <summary>Gets the local part of <see cref="Email"/> (which must not be null).</summary>
    public readonly ReadOnlySpan<char> LocalPart => Email.AsSpan(0, At);

    /// <summary>Gets the slot of the contact this person counts as (-1 when none).</summary>
    public readonly int ContactSlot => Contact?.Slot ?? ConvertedContactSlot;
}

/// <summary>A candidate account (step 5) and its ranking keys (step 9).</summary>
internal struct AccountCandidate
{
    public CrmAccount Account;
    public AccountEntry Entry;
    public bool ViaContact;
    public int MatchedParticipants;
    public int LastPersonCounted;
    public bool NonPartner;
    public bool OwnerIsHost;
    public bool HasOpenOpportunities;
}

/// <summary>A candidate opportunity (step 6) and its ranking keys (step 8).</summary>
internal struct OpportunityCandidate
{
    public OpportunityRow Row;
    public int AccountIndex;
    public bool ViaConvertedLead;
    public int ContactRoleCount;
    public bool OwnerIsHost;
    public bool OwnedByParticipant;
    public bool NonPartner;
    public int MatchedParticipants;
}

/// <summary>Per-thread working space, reused by every match on the thread.</summary>
internal sealed class Scratch
{
    public List<Person> Persons { get; } = new(16);

    public List<AccountCandidate> Accounts { get; } = new(16);

    public List<OpportunityCandidate> Opportunities { get; } = new(32);

    public List<CrmLead> Leads { get; } = new(16);

    /// <summary>The slots of the users the host is.</summary>
    public List<int> HostUsers { get; } = new(2);

    /// <summary>The slots of the users among the internal participants (the host included).</summary>
    public List<int> InternalUsers { get; } = new(8);

    /// <summary>The candidates' indices in ranked order (step 8 or 9).</summary>
    public List<int> Ranked { get; } = new(32);

    /// <summary>The slots of the contacts the external participants matched.</summary>
    public List<int> MatchedContacts { get; } = new(8);

    /// <summary>The slots of the contact ids a decision lists (-1 for an id without one), to find duplicates by.</summary>
    public List<int> ContactIdSlots { get; } = new(8);

    public Dictionary<string, int> PersonByIdentifier { get; } = new(64, StringComparer.Ordinal);

    public bool AnyExternal { get; set; }

    public void Reset()
    {
        Persons.Clear();
        Accounts.Clear();
        Opportunities.Clear();
        Leads.Clear();
        HostUsers.Clear();
        InternalUsers.Clear();
        MatchedContacts.Clear();
        if (PersonByIdentifier.Count > 0)
        {
            PersonByIdentifier.Clear();
        }

        AnyExternal = false;
    }

    /// <summary>
    /// Adds a default entry to the list and returns it by reference, so that a large struct is
    /// filled in place rather than built and copied in: only the fields that differ from default
    /// need writing. The list clears what it held when cleared or shortened only for entries with
    /// references, so other entries are cleared here.
    /// </summary>
    public static ref T Append<T>(List<T> list)
        where T : struct
    {
        var count = list.Count;
        CollectionsMarshal.SetCount(list, count + 1);
        ref var entry = ref CollectionsMarshal.AsSpan(list)[count];
        if (!RuntimeHelpers.IsReferenceOrContainsReferences<T>())
        {
            entry = default;
        }

        return ref entry;
    }
}

/// <summary>A ranking of candidates, best first, that can also tell whether two tie on every key above the id. Candidates are passed by reference: they are large structs.</summary>
internal interface IRanking<T>
{
    int Compare(in T a, in T b);

    bool TiedAboveId(in T a, in T b);
}

/// <summary>Step 8's order: non-partner, contact-role participants, owner is host, matched participants, last modified, id.</summary>
internal readonly struct OpportunityOrder : IRanking<OpportunityCandidate>
{
    public int Compare(in OpportunityCandidate a, in OpportunityCandidate b)
    {
        var c = b.NonPartner.CompareTo(a.NonPartner);
        if (c != 0)
        {
            return c;
        }

        c = b.ContactRoleCount.CompareTo(a.ContactRoleCount);
        if (c != 0)
        {
            return c;
        }

        c = b.OwnerIsHost.CompareTo(a.OwnerIsHost);
        if (c != 0)
        {
            return c;
        }

        c = b.MatchedParticipants.CompareTo(a.MatchedParticipants);
        if (c != 0)
        {
            return c;
        }

        c = b.Row.LastModifiedTicks.CompareTo(a.Row.LastModifiedTicks);
        return c != 0 ? c : string.CompareOrdinal(a.Row.Id, b.Row.Id);
    }

    public bool TiedAboveId(in OpportunityCandidate a, in OpportunityCandidate b) =>
        a.NonPartner == b.NonPartner && a.ContactRoleCount == b.ContactRoleCount && a.OwnerIsHost == b.OwnerIsHost
        && a.MatchedParticipants == b.MatchedParticipants && a.Row.LastModifiedTicks == b.Row.LastModifiedTicks;
}

/// <summary>Step 9's account order: non-partner, matched participants, owner is host, has open opportunities, last modified, id.</summary>
internal readonly struct AccountOrder : IRanking<AccountCandidate>
{
    public int Compare(in AccountCandidate a, in AccountCandidate b)
    {
        var c = b.NonPartner.CompareTo(a.NonPartner);
        if (c != 0)
        {
            return c;
        }

        c = b.MatchedParticipants.CompareTo(a.MatchedParticipants);
        if (c != 0)
        {
            return c;
        }

        c = b.OwnerIsHost.CompareTo(a.OwnerIsHost);
        if (c != 0)
        {
            return c;
        }

        c = b.HasOpenOpportunities.CompareTo(a.HasOpenOpportunities);
        if (c != 0)
        {
            return c;
        }

        c = b.Account.LastModified.CompareTo(a.Account.LastModified);
        return c != 0 ? c : string.CompareOrdinal(a.Account.Id, b.Account.Id);
    }

    public bool TiedAboveId(in AccountCandidate a, in AccountCandidate b) =>
        a.NonPartner == b.NonPartner && a.MatchedParticipants == b.MatchedParticipants && a.OwnerIsHost == b.OwnerIsHost
        && a.HasOpenOpportunities == b.HasOpenOpportunities && a.Account.LastModified == b.Account.LastModified;
}

/// <summary>Most recently modified first, then smallest id.</summary>
internal readonly struct RecentFirst : IComparer<CrmLead>
{

    public int Compare(CrmLead? a, CrmLead? b)
    {
        var c = b!.LastModified.CompareTo(a!.LastModified);
        return c != 0 ? c : string.CompareOrdinal(a.Id, b.Id);
    }
}
