using System;
using System.Collections.Generic;

namespace Zoom.RevenueAccelerator.Crm.Matching;

/// <summary>
/// The matching rules' settings (see docs/matching.md). Every property has the default of the rules.
/// </summary>
public sealed record MatchingOptions
{
    /// <summary>The built-in free-mail domains: common consumer e-mail providers, each a full domain.</summary>
    public static IReadOnlyList<string> DefaultFreeMailDomains { get; } =
    [
        "126.com", "163.com", "aol.com", "att.net", "btinternet.com", "comcast.net", "fastmail.com", "free.fr", "gmail.com",
        "gmx.com", "gmx.de", "gmx.net", "googlemail.com", "hey.com", "hotmail.co.uk", "hotmail.com", "hotmail.de", "hotmail.fr",
        "icloud.com", "libero.it", "live.com", "live.co.uk", "mac.com", "mail.com", "mail.ru", "me.com", "msn.com", "naver.com",
        "orange.fr", "outlook.com", "proton.me", "protonmail.com", "qq.com", "rediffmail.com", "t-online.de", "tutanota.com",
        "verizon.net", "web.de", "yahoo.co.in", "yahoo.co.jp", "yahoo.co.uk", "yahoo.com", "yahoo.fr", "yandex.com", "yandex.ru",
        "ymail.com", "zoho.com",
    ];

    /// <summary>The built-in role-mailbox local parts: noreply, no-reply, donotreply, support, help, info, notifications, calendar, mailer-daemon.</summary>
    public static IReadOnlyList<string> DefaultRoleMailboxes { get; } =
        ["noreply", "no-reply", "donotreply", "support", "help", "info", "notifications", "calendar", "mailer-daemon"];

    /// <summary>Gets the seller's own (associated) domains: addresses there, or at a subdomain, are internal.</summary>
    public IReadOnlyList<string> AssociatedDomains { get; init; } = [];

    /// <summary>Gets the free-mail domains, never used for the domain fallback. Default <see cref="DefaultFreeMailDomains"/>.</summary>
    public IReadOnlyList<string> FreeMailDomains { get; init; } = DefaultFreeMailDomains;

    /// <summary>Gets excluded addresses (<c>someone@x.com</c>) and domains (<c>x.com</c>, which covers its subdomains).</summary>
    public IReadOnlyList<string> Excluded { get; init; } = [];

    /// <summary>Gets the role-mailbox local parts whose addresses are dropped. Default <see cref="DefaultRoleMailboxes"/>.</summary>
    public IReadOnlyList<string> RoleMailboxes { get; init; } = DefaultRoleMailboxes;

    /// <summary>Gets how many whole days before the start a closed opportunity may have closed and still match. Default 0.</summary>
    public int ClosedWindowDays { get; init; }

    /// <summary>Gets the age in days (since the last change) past which an opportunity is stale and never matches. Default 730.</summary>
    public int StaleAfterDays { get; init; } = 730;

    /// <summary>Gets what happens when only leads match. Default <see cref="LeadHandling.SuggestOnly"/>.</summary>
    public LeadHandling LeadHandling { get; init; }

    /// <summary>Gets what happens when the best candidates differ only by id. Default <see cref="AmbiguityPolicy.PickBest"/>.</summary>
    public AmbiguityPolicy Ambiguity { get; init; }

    /// <summary>Gets the account types ranked after all others (compared case-insensitively). Default <c>Partner</c>.</summary>
    public IReadOnlyList<string> PartnerAccountTypes { get; init; } = ["Partner"];

    /// <summary>Gets how many alternates a decision lists. Default 3.</summary>
    public int MaxAlternates { get; init; } = 3;

    /// <summary>Gets how many leads a <see cref="MatchOutcome.Suggested"/> decision offers at most. Default 10.</summary>
    public int MaxSuggestedLeads { get; init; } = 10;

    /// <summary>Gets for how many days after its start an unmatched conversation is tried again after each sync. Default 7.</summary>
    public int RematchWindowDays { get; init; } = 7;

    /// <summary>Returns the built-in list with <paramref name="add"/> added and <paramref name="remove"/> removed (case-insensitive).</summary>
    /// <param name="builtIn">The built-in list.</param>
    /// <param name="add">Entries to add.</param>
    /// <param name="remove">Entries to remove.</param>
    /// <returns>The edited list, in order, without duplicates.</returns>
    public static IReadOnlyList<string> Edit(IReadOnlyList<string> builtIn, IEnumerable<string>? add, IEnumerable<string>? remove)
    {
        ArgumentNullException.ThrowIfNull(builtIn);
        var removed = new HashSet<string>(remove ?? [], StringComparer.OrdinalIgnoreCase);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var result = new List<string>();
        foreach (var entry in builtIn)
        {
            if (!removed.Contains(entry) && seen.Add(entry))
            {
                result.Add(entry);
            }
        }

        foreach (var entry in add ?? [])
        {
            if (!removed.Contains(entry) && seen.Add(entry))
            {
                result.Add(entry);
            }
        }

        return result;
    }
}
