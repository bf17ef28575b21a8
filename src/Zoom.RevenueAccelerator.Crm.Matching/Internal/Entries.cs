namespace Zoom.RevenueAccelerator.Crm.Matching.Internal;

/// <summary>
/// Everything the rules need to know about one e-mail address or phone number, in one lookup:
/// the users, contacts and leads that have it. Immutable (shared by both index copies); a change
/// makes a new entry.
/// </summary>
internal sealed record Identity(object? Users, object? Contacts, object? Leads)
{
    public static readonly Identity Empty = new(null, null, null);

    public bool IsEmpty => Users is null && Contacts is null && Leads is null;
}

/// <summary>An account with its opportunities, in one lookup. Immutable, like <see cref="Identity"/>.</summary>
internal sealed record AccountEntry(CrmAccount? Account, object? Opportunities)
{
    public static readonly AccountEntry Empty = new(null, null);

    public bool IsEmpty => Account is null && Opportunities is null;
}
