namespace Zoom.RevenueAccelerator.Crm.Matching.Tests;

/// <summary>Terse builders for CRM records and conversations around one start time.</summary>
internal static class Build
{
    public static readonly DateTimeOffset Start = new(2026, 3, 4, 15, 0, 0, TimeSpan.Zero);

    public const string Host = "rep@seller.com";

    public static MatchingOptions Options => new() { AssociatedDomains = ["seller.com"] };

    public static CrmAccount Account(string id, string? website = null, string? type = null, string? owner = null, int modifiedDaysAgo = 10, params string[] domains) =>
        new() { Id = id, Name = id, Website = website, Type = type, OwnerId = owner, Domains = domains, LastModified = Start.AddDays(-modifiedDaysAgo) };

    public static CrmContact Contact(string id, string? account, string? email = null, string? phone = null, int modifiedDaysAgo = 10) =>
        new() { Id = id, AccountId = account, Emails = email is null ? [] : [email], Phones = phone is null ? [] : [phone], LastModified = Start.AddDays(-modifiedDaysAgo) };

    public static CrmLead Lead(string id, string? email = null, string? phone = null, CrmLeadConversion? converted = null, int modifiedDaysAgo = 10) =>
        new() { Id = id, Emails = email is null ? [] : [email], Phones = phone is null ? [] : [phone], Converted = converted, LastModified = Start.AddDays(-modifiedDaysAgo) };

    public static CrmOpportunity Opportunity(
        string id,
        string account,
        string? owner = null,
        bool closed = false,
        int? closedDaysBeforeStart = null,
        int createdDaysAgo = 30,
        int modifiedDaysAgo = 5,
        string[]? roles = null,
        string[]? team = null) =>
        new()
        {
            Id = id,
            AccountId = account,
            OwnerId = owner,
            IsClosed = closed,
            CloseDate = closedDaysBeforeStart is { } d ? DateOnly.FromDateTime(Start.UtcDateTime).AddDays(-d) : null,
            CreatedAt = Start.AddDays(-createdDaysAgo),
            LastModified = Start.AddDays(-modifiedDaysAgo),
            ContactRoleContactIds = roles ?? [],
            TeamMemberUserIds = team ?? [],
        };

    public static CrmUser User(string id, bool active = true, params string[] emails) => new() { Id = id, Emails = emails, Active = active };

    public static CrmSnapshot Snapshot(params CrmRecord[] records) => CrmSnapshot.FromRecords("v1", records, "test", Start);

    public static Conversation Meeting(params string[] emails) => new()
    {
        Id = "conv-1",
        Kind = ConversationKind.Meeting,
        Start = Start,
        End = Start.AddMinutes(30),
        Host = Host,
        Participants = [new ConversationParticipant { Email = Host, Source = ParticipantSource.Host }, .. emails.Select(e => new ConversationParticipant { Email = e, Source = ParticipantSource.Attendee })],
    };

    public static Conversation Call(params string[] phones) => new()
    {
        Id = "call-1",
        Kind = ConversationKind.PhoneCall,
        Start = Start,
        End = Start.AddMinutes(10),
        Host = Host,
        Participants = phones.Select(p => new ConversationParticipant { Phone = p }).ToArray(),
    };

    public static MatchDecision Match(Conversation conversation, MatchingOptions? options = null, IReadOnlyList<ManualMatch>? manual = null, bool trace = false, params CrmRecord[] records) =>
        ConversationMatcher.Create(Snapshot(records), options ?? Options).Match(conversation, manual, trace);
}
