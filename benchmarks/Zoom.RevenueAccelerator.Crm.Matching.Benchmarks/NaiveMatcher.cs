namespace Zoom.RevenueAccelerator.Crm.Matching.Benchmarks;

/// <summary>
/// The baseline: the same main path of the rules (contacts by e-mail, their accounts or the domain
/// fallback, open opportunities, ranked by most recently modified then id) written the obvious
/// way, by scanning the snapshot's lists for every participant. No index.
/// </summary>
internal sealed class NaiveMatcher(CrmSnapshot snapshot, MatchingOptions options)
{
    public string? Match(Conversation conversation)
    {
        var accounts = new List<CrmAccount>();
        foreach (var participant in conversation.Participants)
        {
            var email = participant.Email?.Trim().ToLowerInvariant();
            if (email is null || participant.Source == ParticipantSource.Host)
            {
                continue;
            }

            var domain = email[(email.IndexOf('@') + 1)..];
            if (options.AssociatedDomains.Any(d => domain == d || domain.EndsWith("." + d, StringComparison.Ordinal))
                || snapshot.Users.Any(u => u.Emails.Any(e => string.Equals(e, email, StringComparison.OrdinalIgnoreCase))))
            {
                continue;
            }

            var contact = snapshot.Contacts.Where(c => c.Emails.Any(e => string.Equals(e, email, StringComparison.OrdinalIgnoreCase)))
                .OrderByDescending(c => c.LastModified).ThenBy(c => c.Id, StringComparer.Ordinal).FirstOrDefault();
            if (contact is not null)
            {
                accounts.AddRange(snapshot.Accounts.Where(a => a.Id == contact.AccountId));
            }
            else if (!options.FreeMailDomains.Contains(domain))
            {
                accounts.AddRange(snapshot.Accounts.Where(a => a.Website is { } w && w.Contains(domain, StringComparison.OrdinalIgnoreCase)));
            }
        }

        var accountIds = accounts.Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        var best = snapshot.Opportunities
            .Where(o => o.AccountId is { } id && accountIds.Contains(id) && !o.IsClosed && o.CreatedAt <= conversation.Start)
            .OrderByDescending(o => o.LastModified).ThenBy(o => o.Id, StringComparer.Ordinal)
            .FirstOrDefault();
        return best?.Id ?? accounts.OrderByDescending(a => a.LastModified).ThenBy(a => a.Id, StringComparer.Ordinal).FirstOrDefault()?.Id;
    }
}
