using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;

namespace Zoom.RevenueAccelerator.Crm.Matching.Internal;

/// <summary>
/// The matching rules (shared/spec/matching.md, steps 1 to 10) over one index copy. A pure
/// function of (index, conversation, options, manual matches); scratch space is reused per thread,
/// so a match without a trace allocates only its result.
/// </summary>
internal sealed class Matcher(CompiledOptions compiled)
{
    [ThreadStatic]
    private static Scratch? t_scratch;

    private MatchingOptions Options => compiled.Options;

    public MatchDecision Match(IndexData index, Conversation conversation, IReadOnlyList<ManualMatch>? manual, bool includeTrace)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        var s = t_scratch ??= new Scratch();
        s.Reset();
        var trace = includeTrace ? new List<MatchTraceEntry>() : null;
        var start = conversation.Start;

        Normalize(conversation, s);                         // step 1
        Classify(index, conversation, s);                   // steps 2 and 3
        MatchIdentifiers(index, conversation, s, trace);    // step 4

        if (LatestManual(conversation.Id, manual) is { } chosenManual && ApplyManual(index, conversation, chosenManual, s, trace) is { } manualDecision)
        {
            return manualDecision;                          // step 10: sticky
        }

        if (!s.AnyExternal)
        {
            return Decide(conversation, index, s, trace, MatchOutcome.NoExternalParticipants, null, "noExternalParticipants");
        }

        CollectAccounts(index, s, trace);                   // step 5
        CollectOpportunities(index, start, s, trace);       // step 6
        if (s.Opportunities.Count > 0)
        {
            var narrowedBy = Narrow(s, trace);              // step 7
            return RankOpportunities(index, conversation, s, trace, narrowedBy); // step 8
        }

        if (s.Accounts.Count > 0)
        {
            return RankAccounts(index, conversation, s, trace); // step 9: account fallback
        }

        return Leads(index, conversation, s, trace);        // step 9: leads
    }

    // ---------------------------------------------------------------- step 1

    private static void Normalize(Conversation conversation, Scratch s)
    {
        var order = 0;
        var participants = conversation.Participants;
        ulong seenLengths = 0; // a bit per identifier length: most participants need no comparison at all
        for (var n = 0; n < participants.Count; n++)
        {
            var participant = participants[n];
            if (participant is null)
            {
                continue;
            }

            var email = Normalizer.Email(participant.Email, out var at);
            var phone = participant.Phone is null ? null : Normalizer.Phone(participant.Phone);
            if (email is null && phone is null)
            {
                continue; // neither identifier: dropped
            }

            var existing = -1;
            if (participants.Count > 16)
            {
                // Large conversations: a map from identifier to person instead of comparing with everyone.
                if ((email is not null && s.PersonByIdentifier.TryGetValue(email, out var byEmail)) || (phone is not null && s.PersonByIdentifier.TryGetValue(phone, out byEmail)))
                {
                    existing = byEmail;
                }
            }
            else
            {
                var lengths = (email is null ? 0UL : 1UL << (email.Length & 63)) | (phone is null ? 0UL : 1UL << ((phone.Length + 32) & 63));
                var candidates = (seenLengths & lengths) == 0 ? [] : CollectionsMarshal.AsSpan(s.Persons);
                seenLengths |= lengths;
                for (var i = 0; i < candidates.Length; i++)
                {
                    if ((email is not null && candidates[i].Email == email) || (phone is not null && candidates[i].Phone == phone))
                    {
                        existing = i;
                        break;
                    }
                }
            }

            if (existing >= 0)
            {
                ref var p = ref CollectionsMarshal.AsSpan(s.Persons)[existing];
                if (p.Email is null && email is not null)
                {
                    p.Email = email;
                    p.At = at;
                }

                p.Phone ??= phone;
                p.IsHostSource |= participant.Source == ParticipantSource.Host;
                email = p.Email;
                phone = p.Phone;
            }
            else
            {
                // Filled in place: a person is too large to build and copy in.
                existing = s.Persons.Count;
                ref var p = ref Scratch.Append(s.Persons);
                p.Email = email;
                p.At = at;
                p.Phone = phone;
                p.Order = order++;
                p.IsHostSource = participant.Source == ParticipantSource.Host;
                p.ConvertedContactSlot = -1;
            }

            if (participants.Count > 16)
            {
                if (email is not null)
                {
                    s.PersonByIdentifier[email] = existing;
                }

                if (phone is not null)
                {
                    s.PersonByIdentifier[phone] = existing;
                }
            }
        }
    }

    // ---------------------------------------------------------------- steps 2 and 3

    private void Classify(IndexData index, Conversation conversation, Scratch s)
    {
        var host = Normalizer.Email(conversation.Host);
        if (host is not null && new IdentityView(index.Identities.Find(host)).Users is { } hostUsers)
        {
            AddUsers(hostUsers, s.HostUsers);
            AddUsers(hostUsers, s.InternalUsers);
        }

        // Every participant's lookup starts at once: on a large index each is a cache miss, and
        // fetched together they cost about one.
        var persons = CollectionsMarshal.AsSpan(s.Persons);
        foreach (ref var p in persons)
        {
            if (p.Email is not null)
            {
                p.EmailHash = index.Identities.Hash(p.Email);
                index.Identities.Prefetch(p.EmailHash);
            }
        }

        foreach (ref var p in persons)
        {
            // One lookup answers everything about the address: users (internal), contacts and leads.
            var stored = p.Email is null || p.Email == host ? null : index.Identities.Find(p.Email, p.EmailHash);
            p.EmailIdentity = new(stored);
            Prefetcher.Object(stored);
        }

        foreach (ref var p in persons)
        {
            p.Internal = p.IsHostSource || (p.Email is not null && (p.Email == host || compiled.IsAssociated(p.Domain) || p.EmailIdentity.Users is not null));
            if (p.Internal)
            {
                if (p.EmailIdentity.Users is { } users)
                {
                    AddUsers(users, s.InternalUsers);
                }

                continue;
            }

            p.Excluded = p.Email is not null && IsExcluded(p);
            s.AnyExternal |= !p.Excluded;
        }
    }

    private bool IsExcluded(in Person p) =>
        (compiled.ExcludedAddresses.Count > 0 && compiled.ExcludedAddresses.Contains(p.Email!))
        || (compiled.ExcludedDomains.Count > 0 && CompiledOptions.ContainsDomainOrParent(compiled.ExcludedDomainLookup, p.Domain))
        || compiled.IsRoleMailbox(p.LocalPart);

    private static void AddUsers(object users, List<int> into)
    {
        var many = MultiMap.View<UserRef>(users);
        for (var i = 0; i < many.Count; i++)
        {
            if (!into.Contains(many[i].Slot))
            {
                into.Add(many[i].Slot);
            }
        }
    }

    // ---------------------------------------------------------------- step 4

    private static void MatchIdentifiers(IndexData index, Conversation conversation, Scratch s, List<MatchTraceEntry>? trace)
    {
        foreach (ref var p in CollectionsMarshal.AsSpan(s.Persons))
        {
            if (p.Internal || p.Excluded)
            {
                continue;
            }

            var byEmail = conversation.Kind == ConversationKind.Meeting ? p.Email is not null : p.Phone is null;
            var identity = byEmail ? p.EmailIdentity : new IdentityView(index.Identities.Find(p.Phone!));
            if (identity.IsEmpty)
            {
                continue;
            }

            var how = byEmail ? "e-mail" : "phone";
            var contacts = MultiMap.View<ContactRef>(identity.Contacts);
            if (contacts.Count > 0)
            {
                p.Contact = BestContact(index, contacts, conversation.Start, trace, how);
                index.PrefetchAccount(p.Contact.AccountSlot);
                continue;
            }

            var leads = MultiMap.View<CrmLead>(identity.Leads);
            CrmLead? converted = null;
            for (var i = 0; i < leads.Count; i++)
            {
                var lead = leads[i];
                if (lead.Converted is not null && (converted is null || IsBetter(lead, converted)))
                {
                    converted = lead;
                }
            }

            if (converted is not null)
            {
                // A converted lead counts as its contact; its account and opportunity join the candidates.
                p.ConvertedLead = converted;
                p.ConvertedContactId = converted.Converted!.ContactId;
                p.ConvertedContactSlot = index.ContactSlot(p.ConvertedContactId);
                p.Contact = index.Contact(p.ConvertedContactId);

                trace?.Add(new(converted.Reference, "exactIdentifiers", false, $"converted lead, matched by {how}: counts as its contact"));
                continue;
            }

            if (leads.Count > 0)
            {
                p.ExactLeads = identity.Leads;
                for (var i = 0; i < leads.Count; i++)
                {
                    trace?.Add(new(leads[i].Reference, "exactIdentifiers", true, $"lead matched by {how}"));
                }
            }
        }
    }

    private static ContactRef BestContact(IndexData index, Many<ContactRef> contacts, DateTimeOffset start, List<MatchTraceEntry>? trace, string how)
    {
        var best = contacts[0];
        if (contacts.Count == 1)
        {
            trace?.Add(new(best.Contact.Reference, "exactIdentifiers", true, $"contact matched by {how}"));
            return best;
        }

        var bestOpen = HasOpenOpportunities(index.AccountAt(best.AccountSlot), start);
        for (var i = 1; i < contacts.Count; i++)
        {
            var candidate = contacts[i];
            var open = HasOpenOpportunities(index.AccountAt(candidate.AccountSlot), start);
            if ((open && !bestOpen) || (open == bestOpen && IsBetter(candidate.Contact, best.Contact)))
            {
                best = candidate;
                bestOpen = open;
            }
        }

        if (trace is not null)
        {
            for (var i = 0; i < contacts.Count; i++)
            {
                var c = contacts[i];
                trace.Add(new(c.Contact.Reference, "exactIdentifiers", c == best, c == best
                    ? $"contact matched by {how}"
                    : $"duplicate contact: {best.Id} preferred (account with open opportunities, then most recently modified, then smallest id)"));
            }
        }

        return best;
    }

    /// <summary>More recently modified, then smaller id.</summary>
    private static bool IsBetter(CrmRecord candidate, CrmRecord current) =>
        candidate.LastModified > current.LastModified || (candidate.LastModified == current.LastModified && string.CompareOrdinal(candidate.Id, current.Id) < 0);

    private static bool HasOpenOpportunities(in AccountEntry entry, DateTimeOffset start)
    {
        foreach (ref readonly var o in entry.Opportunities.AsSpan())
        {
            if (!o.IsClosed && o.CreatedTicks <= start.UtcTicks)
            {
                return true;
            }
        }

        return false;
    }

    // ---------------------------------------------------------------- step 5

    private void CollectAccounts(IndexData index, Scratch s, List<MatchTraceEntry>? trace)
    {
        var persons = CollectionsMarshal.AsSpan(s.Persons);
        for (var i = 0; i < persons.Length; i++)
        {
            ref var p = ref persons[i];
            if (!NeedsDomainFallback(p))
            {
                continue;
            }

            // Colleagues share a domain: each distinct domain is looked up once per match.
            p.DomainHash = index.Domains.Hash(p.Domain);
            for (var j = 0; j < i; j++)
            {
                if (persons[j].DomainHash == p.DomainHash && NeedsDomainFallback(persons[j]) && persons[j].Domain.SequenceEqual(p.Domain))
                {
                    p.SameDomainAs = j + 1;
                    break;
                }
            }

            if (p.SameDomainAs == 0)
            {
                index.Domains.Prefetch(p.DomainHash);
            }
        }

        for (var i = 0; i < persons.Length; i++)
        {
            ref var p = ref persons[i];
            if (p.Internal || p.Excluded)
            {
                continue;
            }

            if (p.Contact is { } contact)
            {
                ref readonly var account = ref index.AccountAt(contact.AccountSlot);
                if (account.Account is not null)
                {
                    AddAccount(s, in account, viaContact: true, p.Order, trace, trace is null ? string.Empty : $"account of contact {contact.Id}");
                }
            }

            if (p.ConvertedLead?.Converted?.AccountId is { } leadAccount && index.AccountEntryOf(leadAccount) is { Account: not null } converted)
            {
                AddAccount(s, in converted, viaContact: true, p.Order, trace, trace is null ? string.Empty : $"account of converted lead {p.ConvertedLead.Id}");
            }

            if (!NeedsDomainFallback(p))
            {
                continue;
            }

            // Domain fallback: never for free-mail domains.
            if (p.SameDomainAs > 0)
            {
                ref readonly var twin = ref persons[p.SameDomainAs - 1];
                p.FreeMailDomain = twin.FreeMailDomain;
                p.DomainFound = twin.DomainFound;
                p.RegistrableFound = twin.RegistrableFound;
                p.RegistrableIsDomain = twin.RegistrableIsDomain;
            }
            else
            {
                LookUpDomain(index, ref p, p.DomainHash);
            }

            if (p.FreeMailDomain)
            {
                continue;
            }

            AddDomainAccounts(index, s, p.DomainFound, p.Domain, p.Order, trace);
            if (!p.RegistrableIsDomain && p.RegistrableFound is { } registrableEntry)
            {
                AddDomainAccounts(index, s, registrableEntry, trace is null ? default : compiled.Domains.GetRegistrableDomain(p.Domain), p.Order, trace);
            }
        }
    }

    /// <summary>
    /// Looks a person's domain up: its entry, its registrable domain's entry (the same entry when the
    /// two are one domain), and whether it is free-mail. Every free-mail domain of the options has an
    /// entry that says so, and an entry is only created knowing whether its domain or registrable
    /// domain is free-mail; so a domain without an entry is free-mail only when its registrable
    /// domain is, and the options' set is consulted only then.
    /// </summary>
    private void LookUpDomain(IndexData index, ref Person p, int hash)
    {
        var domain = p.Domain;
        p.DomainFound = index.Domains.Find(domain, hash);
        if (p.DomainFound is { FreeMail: true })
        {
            p.FreeMailDomain = true;
            return;
        }

        var registrable = compiled.Domains.GetRegistrableDomain(domain);
        p.RegistrableIsDomain = registrable.Length == domain.Length;
        p.RegistrableFound = p.RegistrableIsDomain ? p.DomainFound : index.Domains.Find(registrable);
        p.FreeMailDomain = p.DomainFound is null && !p.RegistrableIsDomain && p.RegistrableFound is not null && compiled.FreeMailLookup.Contains(registrable);
    }

    /// <summary>Whether step 5 looks the person's domain up: an external, not excluded address that matched no contact.</summary>
    private static bool NeedsDomainFallback(in Person p) => !p.Internal && !p.Excluded && p.Contact is null && p.ConvertedLead is null && p.Email is not null;

    private static void AddDomainAccounts(IndexData index, Scratch s, DomainEntry? domainEntry, ReadOnlySpan<char> domain, int order, List<MatchTraceEntry>? trace)
    {
        var accounts = MultiMap.View<AccountRef>(domainEntry?.Accounts);
        for (var i = 0; i < accounts.Count; i++)
        {
            ref readonly var entry = ref index.AccountAt(accounts[i].Slot);
            if (entry.Account is not null)
            {
                AddAccount(s, in entry, viaContact: false, order, trace, trace is null ? string.Empty : $"domain fallback: {domain}");
            }
        }
    }

    private static void AddAccount(Scratch s, in AccountEntry entry, bool viaContact, int personOrder, List<MatchTraceEntry>? trace, string why)
    {
        var account = entry.Account!;
        var accounts = CollectionsMarshal.AsSpan(s.Accounts);
        for (var i = 0; i < accounts.Length; i++)
        {
            ref var a = ref accounts[i];
            if (a.Entry.Slot == entry.Slot)
            {
                a.ViaContact |= viaContact;
                if (a.LastPersonCounted != personOrder)
                {
                    a.MatchedParticipants++;
                    a.LastPersonCounted = personOrder;
                }

                return;
            }
        }

        ref var candidate = ref Scratch.Append(s.Accounts);
        candidate.Account = account;
        candidate.Entry = entry;
        candidate.ViaContact = viaContact;
        candidate.MatchedParticipants = 1;
        candidate.LastPersonCounted = personOrder;
        Prefetcher.Object(entry.Opportunities);
        trace?.Add(new(account.Reference, "accounts", true, why));
    }

    // ---------------------------------------------------------------- step 6

    private void CollectOpportunities(IndexData index, DateTimeOffset start, Scratch s, List<MatchTraceEntry>? trace)
    {
        var window = new Window(start.UtcTicks, DateOnly.FromDateTime(start.UtcDateTime).DayNumber, (start - TimeSpan.FromDays(Options.StaleAfterDays)).UtcTicks);
        var accounts = CollectionsMarshal.AsSpan(s.Accounts);
        for (var a = 0; a < accounts.Length; a++)
        {
            // Each account appears once and each opportunity has one account: no de-duplication needed here.
            foreach (ref readonly var o in accounts[a].Entry.Opportunities.AsSpan())
            {
                ConsiderOpportunity(s, in o, a, viaConvertedLead: false, window, trace);
            }
        }

        foreach (ref readonly var p in CollectionsMarshal.AsSpan(s.Persons))
        {
            if (p.ConvertedLead?.Converted?.OpportunityId is { } id && index.Opportunities.TryGetValue(id, out var opportunity))
            {
                var known = false;
                foreach (ref var existing in CollectionsMarshal.AsSpan(s.Opportunities))
                {
                    if (ReferenceEquals(existing.Row.Ref, opportunity))
                    {
                        existing.ViaConvertedLead = true;
                        known = true;
                    }
                }

                if (!known)
                {
                    ConsiderOpportunity(s, new OpportunityRow(opportunity), AccountIndex(s, opportunity.AccountSlot), viaConvertedLead: true, window, trace);
                }
            }
        }
    }

    private void ConsiderOpportunity(Scratch s, in OpportunityRow opportunity, int accountIndex, bool viaConvertedLead, in Window window, List<MatchTraceEntry>? trace)
    {
        var why = Eligibility(opportunity, window);
        trace?.Add(new(opportunity.Reference, "opportunities", why is null, why ?? (opportunity.IsClosed ? "closed within the window" : "open at the start")));
        if (why is null)
        {
            ref var candidate = ref Scratch.Append(s.Opportunities);
            candidate.Row = opportunity;
            candidate.AccountIndex = accountIndex;
            candidate.ViaConvertedLead = viaConvertedLead;
        }
    }

    /// <summary>Why the opportunity cannot match, or <see langword="null"/> when it can.</summary>
    private string? Eligibility(in OpportunityRow o, in Window window)
    {
        if (o.CreatedTicks > window.StartTicks)
        {
            return "created after the start";
        }

        if (o.IsClosed)
        {
            var hasCloseDate = o.CloseDay != OpportunityRow.NoCloseDay;
            var openAtStart = hasCloseDate && o.CloseDay >= window.StartDay;
            var inWindow = hasCloseDate && Options.ClosedWindowDays > 0 && window.StartDay - o.CloseDay <= Options.ClosedWindowDays;
            if (!openAtStart && !inWindow)
            {
                return "closed before the start";
            }
        }

        return o.LastModifiedTicks < window.StaleBeforeTicks ? "stale" : null;
    }

    /// <summary>The conversation's start as the eligibility rules need it (UTC ticks, the UTC day's number), computed once per match.</summary>
    private readonly record struct Window(long StartTicks, int StartDay, long StaleBeforeTicks);

    private static int AccountIndex(Scratch s, int accountSlot)
    {
        var accounts = CollectionsMarshal.AsSpan(s.Accounts);
        for (var i = 0; i < accounts.Length; i++)
        {
            if (accounts[i].Entry.Slot == accountSlot)
            {
                return i;
            }
        }

        return -1;
    }

    // ---------------------------------------------------------------- step 7

    private static string? Narrow(Scratch s, List<MatchTraceEntry>? trace)
    {
        string? narrowedBy = null;
        foreach (ref readonly var p in CollectionsMarshal.AsSpan(s.Persons))
        {
            if (!p.Internal && !p.Excluded && p.ContactSlot >= 0)
            {
                s.MatchedContacts.Add(p.ContactSlot);
            }
        }

        var opportunities = CollectionsMarshal.AsSpan(s.Opportunities);
        var withRole = 0;
        var owned = 0;
        foreach (ref var o in opportunities)
        {
            o.ContactRoleCount = o.Row.CountContactRoles(CollectionsMarshal.AsSpan(s.MatchedContacts));
            o.OwnerIsHost = o.Row.OwnerSlot >= 0 && s.HostUsers.Contains(o.Row.OwnerSlot);
            o.OwnedByParticipant = o.Row.IsOwnedByOneOf(CollectionsMarshal.AsSpan(s.InternalUsers));
            withRole += o.ContactRoleCount > 0 ? 1 : 0;
        }

        if (withRole > 0 && withRole < opportunities.Length)
        {
            Keep(s, byContactRoles: true, trace, "no matched contact has a role on it");
            narrowedBy = "narrow.contactRoles";
        }

        foreach (ref readonly var o in CollectionsMarshal.AsSpan(s.Opportunities))
        {
            owned += o.OwnedByParticipant ? 1 : 0;
        }

        if (owned > 0 && owned < s.Opportunities.Count)
        {
            Keep(s, byContactRoles: false, trace, "neither owned by nor on the team of the host or an internal participant");
            narrowedBy = "narrow.owners";
        }

        return narrowedBy;
    }

    /// <summary>Keeps the candidates with a matched contact's role (<paramref name="byContactRoles"/>), else those a participant owns, in order.</summary>
    private static void Keep(Scratch s, bool byContactRoles, List<MatchTraceEntry>? trace, string why)
    {
        var all = CollectionsMarshal.AsSpan(s.Opportunities);
        var write = 0;
        for (var read = 0; read < all.Length; read++)
        {
            ref readonly var o = ref all[read];
            if (byContactRoles ? o.ContactRoleCount > 0 : o.OwnedByParticipant)
            {
                if (write != read)
                {
                    all[write] = o;
                }

                write++;
            }
            else
            {
                trace?.Add(new(o.Row.Reference, "narrow", false, why));
            }
        }

        s.Opportunities.RemoveRange(write, all.Length - write);
    }

    // ---------------------------------------------------------------- step 8

    private MatchDecision RankOpportunities(IndexData index, Conversation conversation, Scratch s, List<MatchTraceEntry>? trace, string? narrowedBy)
    {
        var candidates = CollectionsMarshal.AsSpan(s.Opportunities);
        var accounts = CollectionsMarshal.AsSpan(s.Accounts);
        foreach (ref var o in candidates)
        {
            if (o.AccountIndex >= 0)
            {
                ref readonly var account = ref accounts[o.AccountIndex];
                o.NonPartner = !account.Entry.IsPartner;
                o.MatchedParticipants = account.MatchedParticipants;
            }
            else
            {
                o.NonPartner = !index.AccountAt(o.Row.Ref.AccountSlot).IsPartner;
                o.MatchedParticipants = 0;
            }
        }

        var ranked = Rank(candidates, s.Ranked, default(OpportunityOrder));
        ref readonly var best = ref candidates[ranked[0]];
        var (ambiguous, key) = candidates.Length == 1 ? (false, narrowedBy ?? "opportunity.only") : Decider(best, candidates[ranked[1]]);
        var exact = best.ViaConvertedLead || best.ContactRoleCount > 0 || (best.AccountIndex >= 0 && accounts[best.AccountIndex].ViaContact);
        if (trace is not null)
        {
            for (var i = 0; i < ranked.Length; i++)
            {
                trace.Add(new(candidates[ranked[i]].Row.Reference, "rank", i == 0, i == 0 ? $"ranked first ({key})" : $"ranked {i + 1}"));
            }
        }

        if (ambiguous && Options.Ambiguity == AmbiguityPolicy.RequireUnique)
        {
            return Unique(conversation, index, trace, TiedAlternates(candidates, ranked, static (in c) => c.Row.Reference, default(OpportunityOrder)), "opportunity.id");
        }

        var alternates = Alternates(candidates, ranked, static (in c) => c.Row.Reference);
        return Decide(
            conversation,
            index,
            s,
            trace,
            MatchOutcome.Opportunity,
            ambiguous ? MatchCertainty.Ambiguous : exact ? MatchCertainty.Exact : MatchCertainty.DomainInferred,
            key,
            opportunityId: best.Row.Id,
            accountId: best.Row.Ref.AccountId,
            alternates: alternates);
    }

    private static (bool Ambiguous, string Key) Decider(in OpportunityCandidate a, in OpportunityCandidate b)
    {
        if (a.NonPartner != b.NonPartner)
        {
            return (false, "opportunity.nonPartner");
        }

        if (a.ContactRoleCount != b.ContactRoleCount)
        {
            return (false, "opportunity.contactRoles");
        }

        if (a.OwnerIsHost != b.OwnerIsHost)
        {
            return (false, "opportunity.ownerIsHost");
        }

        if (a.MatchedParticipants != b.MatchedParticipants)
        {
            return (false, "opportunity.matchedParticipants");
        }

        return a.Row.LastModifiedTicks != b.Row.LastModifiedTicks ? (false, "opportunity.lastModified") : (true, "opportunity.id");
    }

    // ---------------------------------------------------------------- step 9: accounts

    private MatchDecision RankAccounts(IndexData index, Conversation conversation, Scratch s, List<MatchTraceEntry>? trace)
    {
        var candidates = CollectionsMarshal.AsSpan(s.Accounts);
        foreach (ref var a in candidates)
        {
            a.NonPartner = !a.Entry.IsPartner;
            a.OwnerIsHost = a.Entry.OwnerSlot >= 0 && s.HostUsers.Contains(a.Entry.OwnerSlot);
            a.HasOpenOpportunities = HasOpenOpportunities(a.Entry, conversation.Start);
        }

        var ranked = Rank(candidates, s.Ranked, default(AccountOrder));
        ref readonly var best = ref candidates[ranked[0]];
        var (ambiguous, key) = candidates.Length == 1 ? (false, best.ViaContact ? "account.contact" : "account.domain") : Decider(best, candidates[ranked[1]]);
        if (trace is not null)
        {
            for (var i = 0; i < ranked.Length; i++)
            {
                trace.Add(new(candidates[ranked[i]].Account.Reference, "fallback", i == 0, i == 0 ? $"no eligible opportunity; account ranked first ({key})" : $"account ranked {i + 1}"));
            }
        }

        if (ambiguous && Options.Ambiguity == AmbiguityPolicy.RequireUnique)
        {
            return Unique(conversation, index, trace, TiedAlternates(candidates, ranked, static (in c) => c.Account.Reference, default(AccountOrder)), "account.id");
        }

        return Decide(
            conversation,
            index,
            s,
            trace,
            MatchOutcome.Account,
            ambiguous ? MatchCertainty.Ambiguous : best.ViaContact ? MatchCertainty.Exact : MatchCertainty.DomainInferred,
            key,
            accountId: best.Account.Id,
            alternates: Alternates(candidates, ranked, static (in c) => c.Account.Reference));
    }

    private static (bool Ambiguous, string Key) Decider(in AccountCandidate a, in AccountCandidate b)
    {
        if (a.NonPartner != b.NonPartner)
        {
            return (false, "account.nonPartner");
        }

        if (a.MatchedParticipants != b.MatchedParticipants)
        {
            return (false, "account.matchedParticipants");
        }

        if (a.OwnerIsHost != b.OwnerIsHost)
        {
            return (false, "account.ownerIsHost");
        }

        if (a.HasOpenOpportunities != b.HasOpenOpportunities)
        {
            return (false, "account.hasOpenOpportunities");
        }

        return a.Account.LastModified != b.Account.LastModified ? (false, "account.lastModified") : (true, "account.id");
    }

    // ---------------------------------------------------------------- step 9: leads

    private MatchDecision Leads(IndexData index, Conversation conversation, Scratch s, List<MatchTraceEntry>? trace)
    {
        var exact = s.Leads;
        foreach (ref readonly var p in CollectionsMarshal.AsSpan(s.Persons))
        {
            var leads = MultiMap.View<CrmLead>(p.ExactLeads);
            for (var i = 0; i < leads.Count; i++)
            {
                if (!exact.Contains(leads[i]))
                {
                    exact.Add(leads[i]);
                }
            }
        }

        // Within each group the order never depends on participant order: most recent first, then smallest id.
        InsertionSort(CollectionsMarshal.AsSpan(exact), default(RecentFirst));
        var exactCount = exact.Count;
        if (Options.LeadHandling == LeadHandling.AutoMatchExact && exactCount == 1)
        {
            trace?.Add(new(exact[0].Reference, "leads", true, "the one lead matched by an exact identifier"));
            return Decide(conversation, index, s, trace, MatchOutcome.Lead, MatchCertainty.Exact, "lead.autoMatchExact", leadId: exact[0].Id);
        }

        // Then leads at a remaining external participant's registrable domain (never free-mail).
        var byDomainStart = exact.Count;
        foreach (ref var p in CollectionsMarshal.AsSpan(s.Persons))
        {
            if (p.Internal || p.Excluded || p.Email is null)
            {
                continue;
            }

            if (!NeedsDomainFallback(p))
            {
                LookUpDomain(index, ref p, index.Domains.Hash(p.Domain)); // step 5 looked up only the others' domains
            }

            if (p.FreeMailDomain || p.RegistrableFound is not { } registrable)
            {
                continue;
            }

            var leads = MultiMap.View<CrmLead>(registrable.Leads);
            for (var i = 0; i < leads.Count; i++)
            {
                if (!exact.Contains(leads[i]))
                {
                    exact.Add(leads[i]);
                }
            }
        }

        InsertionSort(CollectionsMarshal.AsSpan(exact)[byDomainStart..], default(RecentFirst));
        var count = Math.Min(exact.Count, Options.MaxSuggestedLeads);
        if (trace is not null)
        {
            for (var i = byDomainStart; i < exact.Count; i++)
            {
                trace.Add(new(exact[i].Reference, "leads", i < count, i < count ? "lead at a participant's domain" : "beyond the suggestion limit"));
            }
        }

        if (count == 0)
        {
            return Decide(conversation, index, s, trace, MatchOutcome.Unmatched, null, "unmatched");
        }

        var suggested = new string[count];
        for (var i = 0; i < count; i++)
        {
            suggested[i] = exact[i].Id;
        }

        return Decide(conversation, index, s, trace, MatchOutcome.Suggested, null, exactCount > 0 ? "lead.suggested.exact" : "lead.suggested.domain", suggested: suggested);
    }

    // ---------------------------------------------------------------- step 10

    private static ManualMatch? LatestManual(string conversationId, IReadOnlyList<ManualMatch>? manual)
    {
        if (manual is null)
        {
            return null;
        }

        ManualMatch? latest = null;
        for (var i = 0; i < manual.Count; i++)
        {
            var m = manual[i];
            if (m.ConversationId == conversationId && (latest is null || m.At >= latest.At))
            {
                latest = m;
            }
        }

        return latest;
    }

    private static MatchDecision? ApplyManual(IndexData index, Conversation conversation, ManualMatch manual, Scratch s, List<MatchTraceEntry>? trace)
    {
        var info = new ManualMatchInfo(manual.By, manual.At);
        switch (manual.Target.Kind)
        {
            case CrmRecordKind.Opportunity when index.Opportunities.TryGetValue(manual.Target.Id, out var opportunity) && opportunity.Opportunity is var o:
                trace?.Add(new(o.Reference, "manual", true, $"set by {manual.By}"));
                return Decide(conversation, index, s, trace, MatchOutcome.Opportunity, MatchCertainty.Manual, "manual", opportunityId: o.Id, accountId: o.AccountId, manual: info);
            case CrmRecordKind.Account when index.Account(manual.Target.Id) is not null:
                trace?.Add(new(manual.Target, "manual", true, $"set by {manual.By}"));
                return Decide(conversation, index, s, trace, MatchOutcome.Account, MatchCertainty.Manual, "manual", accountId: manual.Target.Id, manual: info);
            case CrmRecordKind.Lead when index.Leads.TryGetValue(manual.Target.Id, out var lead):
                if (lead.Converted is null)
                {
                    trace?.Add(new(lead.Reference, "manual", true, $"set by {manual.By}"));
                    return Decide(conversation, index, s, trace, MatchOutcome.Lead, MatchCertainty.Manual, "manual", leadId: lead.Id, manual: info);
                }

                // The lead has since been converted: follow it to its opportunity, else its account.
                if (lead.Converted.OpportunityId is { } oid && index.Opportunities.TryGetValue(oid, out var convertedRef) && convertedRef.Opportunity is var converted)
                {
                    trace?.Add(new(lead.Reference, "manual", false, $"set by {manual.By}; converted, followed to opportunity {converted.Id}"));
                    return Decide(conversation, index, s, trace, MatchOutcome.Opportunity, MatchCertainty.Manual, "manual.followedConversion", opportunityId: converted.Id, accountId: converted.AccountId, manual: info);
                }

                if (lead.Converted.AccountId is { } aid && index.Account(aid) is not null)
                {
                    trace?.Add(new(lead.Reference, "manual", false, $"set by {manual.By}; converted, followed to account {aid}"));
                    return Decide(conversation, index, s, trace, MatchOutcome.Account, MatchCertainty.Manual, "manual.followedConversion", accountId: aid, manual: info);
                }

                break;
        }

        trace?.Add(new(manual.Target, "manual", false, "no longer in the CRM data: ignored, decided automatically"));
        return null;
    }

    // ---------------------------------------------------------------- results

    private static MatchDecision Unique(Conversation conversation, IndexData index, List<MatchTraceEntry>? trace, CrmRecordReference[] tied, string key) =>
        new()
        {
            ConversationId = conversation.Id,
            Outcome = MatchOutcome.Unmatched,
            Certainty = MatchCertainty.Ambiguous,
            Alternates = tied,
            DecidedBy = key,
            SnapshotVersion = index.Version,
            Trace = trace,
        };

    private static MatchDecision Decide(
        Conversation conversation,
        IndexData index,
        Scratch s,
        List<MatchTraceEntry>? trace,
        MatchOutcome outcome,
        MatchCertainty? certainty,
        string decidedBy,
        string? opportunityId = null,
        string? accountId = null,
        string? leadId = null,
        string[]? suggested = null,
        CrmRecordReference[]? alternates = null,
        ManualMatchInfo? manual = null) =>
        new()
        {
            ConversationId = conversation.Id,
            Outcome = outcome,
            Certainty = certainty,
            OpportunityId = opportunityId,
            AccountId = accountId,
            LeadId = leadId,
            ContactIds = ContactIds(s),
            SuggestedLeadIds = suggested ?? [],
            Alternates = alternates ?? [],
            DecidedBy = decidedBy,
            Manual = manual,
            SnapshotVersion = index.Version,
            Trace = trace,
        };

    private static string[] ContactIds(Scratch s)
    {
        var count = 0;
        foreach (ref readonly var p in CollectionsMarshal.AsSpan(s.Persons))
        {
            count += !p.Internal && !p.Excluded && (p.Contact?.Id ?? p.ConvertedContactId) is not null ? 1 : 0;
        }

        if (count == 0)
        {
            return [];
        }

        // Duplicates are found by slot, without reading the ids (on a large index, each is a cache
        // miss); an id no record has named has no slot (-1), and is compared as a string.
        var ids = new string[count];
        var slots = s.ContactIdSlots;
        slots.Clear();
        var n = 0;
        foreach (ref readonly var p in CollectionsMarshal.AsSpan(s.Persons))
        {
            if (!p.Internal && !p.Excluded && (p.Contact?.Id ?? p.ConvertedContactId) is { } id && !Listed(ids, slots, p.ContactSlot, id))
            {
                ids[n++] = id;
                slots.Add(p.ContactSlot);
            }
        }

        return n == ids.Length ? ids : ids[..n];
    }

    private static bool Listed(string[] ids, List<int> slots, int slot, string id)
    {
        var listed = CollectionsMarshal.AsSpan(slots);
        for (var i = 0; i < listed.Length; i++)
        {
            if (listed[i] == slot && (slot >= 0 || ids[i] == id))
            {
                return true;
            }
        }

        return false;
    }

    private CrmRecordReference[] Alternates<T>(ReadOnlySpan<T> candidates, ReadOnlySpan<int> ranked, Reference<T> reference)
    {
        var count = Math.Min(ranked.Length - 1, Options.MaxAlternates);
        if (count <= 0)
        {
            return [];
        }

        var result = new CrmRecordReference[count];
        for (var i = 0; i < count; i++)
        {
            result[i] = reference(candidates[ranked[i + 1]]);
        }

        return result;
    }

    private CrmRecordReference[] TiedAlternates<T, TRanking>(ReadOnlySpan<T> candidates, ReadOnlySpan<int> ranked, Reference<T> reference, TRanking ranking)
        where TRanking : struct, IRanking<T>
    {
        var tied = 1;
        while (tied < ranked.Length && ranking.TiedAboveId(candidates[ranked[0]], candidates[ranked[tied]]))
        {
            tied++;
        }

        var count = Math.Min(tied, Options.MaxAlternates);
        var result = new CrmRecordReference[count];
        for (var i = 0; i < count; i++)
        {
            result[i] = reference(candidates[ranked[i]]);
        }

        return result;
    }

    /// <summary>
    /// The candidates' indices, best first (a stable insertion sort: candidates are few). The
    /// candidates stay where they are: sorting moves integers, not structs holding references, each
    /// of whose moves into the heap the runtime would have to record for the collector.
    /// </summary>
    private static ReadOnlySpan<int> Rank<T, TRanking>(ReadOnlySpan<T> candidates, List<int> into, TRanking ranking)
        where TRanking : struct, IRanking<T>
    {
        CollectionsMarshal.SetCount(into, candidates.Length);
        var ranked = CollectionsMarshal.AsSpan(into);
        for (var i = 0; i < ranked.Length; i++)
        {
            var j = i - 1;
            while (j >= 0 && ranking.Compare(candidates[ranked[j]], candidates[i]) > 0)
            {
                ranked[j + 1] = ranked[j];
                j--;
            }

            ranked[j + 1] = i;
        }

        return ranked;
    }

    /// <summary>A candidate's record, read from the candidate in place.</summary>
    private delegate CrmRecordReference Reference<T>(in T candidate);

    private static void InsertionSort<T, TOrder>(Span<T> items, TOrder order)
        where TOrder : struct, IComparer<T>
    {
        for (var i = 1; i < items.Length; i++)
        {
            var item = items[i];
            var j = i - 1;
            while (j >= 0 && order.Compare(items[j], item) > 0)
            {
                items[j + 1] = items[j];
                j--;
            }

            items[j + 1] = item;
        }
    }
}
