using System;
using System.Collections.Generic;
using System.Linq;

namespace Zoom.RevenueAccelerator.Crm.Matching.Internal;

/// <summary><see cref="MatchingOptions"/> turned into sets the hot path can probe with spans.</summary>
internal sealed class CompiledOptions
{
    public CompiledOptions(MatchingOptions options, IRegistrableDomainResolver domains)
    {
        ArgumentNullException.ThrowIfNull(options);
        Validate(options);
        Options = options;
        Domains = domains;
        Associated = Set(options.AssociatedDomains.Select(d => Normalizer.AccountDomain(d)));
        FreeMail = Set(options.FreeMailDomains.Select(d => Normalizer.AccountDomain(d)));
        RoleMailboxes = Set(options.RoleMailboxes.Select(r => r.Trim().ToLowerInvariant()));
        ExcludedAddresses = Set(options.Excluded.Where(e => e.Contains('@', StringComparison.Ordinal)).Select(Normalizer.Email));
        ExcludedDomains = Set(options.Excluded.Where(e => !e.Contains('@', StringComparison.Ordinal)).Select(d => Normalizer.AccountDomain(d)));
        PartnerTypes = new HashSet<string>(options.PartnerAccountTypes.Select(t => t.Trim()), StringComparer.OrdinalIgnoreCase);
        _associated = [.. Associated];
        _rolesByLength = new string[64][];
        foreach (var group in RoleMailboxes.Where(r => r.Length < 64).GroupBy(r => r.Length))
        {
            _rolesByLength[group.Key] = [.. group];
        }

        _longRoles = RoleMailboxes.Any(r => r.Length >= 64);
        FreeMailLookup = FreeMail.GetAlternateLookup<ReadOnlySpan<char>>();
        RoleMailboxLookup = RoleMailboxes.GetAlternateLookup<ReadOnlySpan<char>>();
        ExcludedDomainLookup = ExcludedDomains.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    private readonly string[] _associated;
    private readonly string[]?[] _rolesByLength;
    private readonly bool _longRoles;

    public MatchingOptions Options { get; }

    public IRegistrableDomainResolver Domains { get; }

    public HashSet<string> Associated { get; }

    public HashSet<string> FreeMail { get; }

    public HashSet<string> RoleMailboxes { get; }

    public HashSet<string> ExcludedAddresses { get; }

    public HashSet<string> ExcludedDomains { get; }

    public HashSet<string> PartnerTypes { get; }

    public HashSet<string>.AlternateLookup<ReadOnlySpan<char>> FreeMailLookup { get; }

    public HashSet<string>.AlternateLookup<ReadOnlySpan<char>> RoleMailboxLookup { get; }

    public HashSet<string>.AlternateLookup<ReadOnlySpan<char>> ExcludedDomainLookup { get; }

    /// <summary>Whether the domain or one of its parent domains is in the set.</summary>
    public static bool ContainsDomainOrParent(HashSet<string>.AlternateLookup<ReadOnlySpan<char>> set, ReadOnlySpan<char> domain)
    {
        while (true)
        {
            if (set.Contains(domain))
            {
                return true;
            }

            var dot = domain.IndexOf('.');
            if (dot < 0)
            {
                return false;
            }

            domain = domain[(dot + 1)..];
        }
    }

    /// <summary>Whether the domain is an associated domain or a subdomain of one (a few direct comparisons; no hashing).</summary>
    public bool IsAssociated(ReadOnlySpan<char> domain)
    {
        foreach (var associated in _associated)
        {
            if (domain.EndsWith(associated, StringComparison.Ordinal)
                && (domain.Length == associated.Length || domain[domain.Length - associated.Length - 1] == '.'))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether the local part is a role mailbox (compared with the few of its length; no hashing).</summary>
    public bool IsRoleMailbox(ReadOnlySpan<char> localPart)
    {
        if (localPart.Length >= _rolesByLength.Length)
        {
            return _longRoles && RoleMailboxLookup.Contains(localPart);
        }

        foreach (var role in _rolesByLength[localPart.Length] ?? [])
        {
            if (role[0] == localPart[0] && localPart.SequenceEqual(role))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether the domain, or its registrable domain, is a free-mail domain.</summary>
    public bool IsFreeMail(ReadOnlySpan<char> domain) => FreeMailLookup.Contains(domain) || FreeMailLookup.Contains(Domains.GetRegistrableDomain(domain));

    public bool IsPartner(CrmAccount? account) => account?.Type is { } type && PartnerTypes.Contains(type);

    private static HashSet<string> Set(IEnumerable<string?> values) =>
        new(values.Where(v => !string.IsNullOrEmpty(v)).Select(v => v!), StringComparer.Ordinal);

    private static void Validate(MatchingOptions options)
    {
        void Require(bool ok, string message)
        {
            if (!ok)
            {
                throw new ArgumentException(message, nameof(options));
            }
        }

        Require(options.ClosedWindowDays >= 0, $"MatchingOptions.ClosedWindowDays must be 0 or more (was {options.ClosedWindowDays}).");
        Require(options.StaleAfterDays > 0, $"MatchingOptions.StaleAfterDays must be more than 0 (was {options.StaleAfterDays}).");
        Require(options.MaxAlternates >= 0, $"MatchingOptions.MaxAlternates must be 0 or more (was {options.MaxAlternates}).");
        Require(options.MaxSuggestedLeads >= 0, $"MatchingOptions.MaxSuggestedLeads must be 0 or more (was {options.MaxSuggestedLeads}).");
        Require(options.RematchWindowDays >= 0, $"MatchingOptions.RematchWindowDays must be 0 or more (was {options.RematchWindowDays}).");
        Require(Enum.IsDefined(options.LeadHandling), $"MatchingOptions.LeadHandling must be SuggestOnly or AutoMatchExact (was {(int)options.LeadHandling}).");
        Require(Enum.IsDefined(options.Ambiguity), $"MatchingOptions.Ambiguity must be PickBest or RequireUnique (was {(int)options.Ambiguity}).");
        Require(options.AssociatedDomains is not null && options.FreeMailDomains is not null && options.Excluded is not null && options.RoleMailboxes is not null && options.PartnerAccountTypes is not null, "MatchingOptions lists must not be null (use an empty list).");
    }
}
