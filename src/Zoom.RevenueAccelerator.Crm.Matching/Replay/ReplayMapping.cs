using System;
using System.Collections.Generic;
using System.Linq;

namespace Zoom.RevenueAccelerator.Crm.Matching.Replay;

/// <summary>Between the wire shapes and the models, with the spec's names for enumerations.</summary>
internal static class ReplayMapping
{
    public static string Name(CrmRecordKind kind) => kind switch
    {
        CrmRecordKind.Account => "account",
        CrmRecordKind.Contact => "contact",
        CrmRecordKind.Lead => "lead",
        CrmRecordKind.Opportunity => "opportunity",
        CrmRecordKind.User => "user",
        CrmRecordKind.Team => "team",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static CrmRecordKind? Kind(string? name) => name switch
    {
        "account" => CrmRecordKind.Account,
        "contact" => CrmRecordKind.Contact,
        "lead" => CrmRecordKind.Lead,
        "opportunity" => CrmRecordKind.Opportunity,
        "user" => CrmRecordKind.User,
        "team" => CrmRecordKind.Team,
        _ => null,
    };

    public static string Name(MatchOutcome outcome) => outcome switch
    {
        MatchOutcome.Opportunity => "opportunity",
        MatchOutcome.Account => "account",
        MatchOutcome.Lead => "lead",
        MatchOutcome.Suggested => "suggested",
        MatchOutcome.NoExternalParticipants => "noExternalParticipants",
        _ => "unmatched",
    };

    public static MatchOutcome? Outcome(string? name) => name switch
    {
        "opportunity" => MatchOutcome.Opportunity,
        "account" => MatchOutcome.Account,
        "lead" => MatchOutcome.Lead,
        "suggested" => MatchOutcome.Suggested,
        "noExternalParticipants" => MatchOutcome.NoExternalParticipants,
        "unmatched" => MatchOutcome.Unmatched,
        _ => null,
    };

    public static string? Name(MatchCertainty? certainty) => certainty switch
    {
        MatchCertainty.Exact => "exact",
        MatchCertainty.DomainInferred => "domainInferred",
        MatchCertainty.Ambiguous => "ambiguous",
        MatchCertainty.Manual => "manual",
        _ => null,
    };

    public static MatchCertainty? Certainty(string? name) => name switch
    {
        "exact" => MatchCertainty.Exact,
        "domainInferred" => MatchCertainty.DomainInferred,
        "ambiguous" => MatchCertainty.Ambiguous,
        "manual" => MatchCertainty.Manual,
        _ => null,
    };

    public static DateTime Utc(DateTimeOffset value) => DateTime.SpecifyKind(value.UtcDateTime, DateTimeKind.Utc);

    public static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value, DateTimeKind.Utc));

    public static DecisionDto ToDto(MatchDecision d) => new()
    {
        ConversationId = d.ConversationId,
        Outcome = Name(d.Outcome),
        Certainty = Name(d.Certainty),
        OpportunityId = d.OpportunityId,
        AccountId = d.AccountId,
        LeadId = d.LeadId,
        ContactIds = [.. d.ContactIds],
        SuggestedLeadIds = [.. d.SuggestedLeadIds],
        Alternates = d.Alternates.Select(a => new RecordRefDto { Kind = Name(a.Kind), Id = a.Id }).ToList(),
        DecidedBy = d.DecidedBy,
        Manual = d.Manual is { } m ? new ManualInfoDto { By = m.By, At = Utc(m.At) } : null,
        SnapshotVersion = d.SnapshotVersion,
        Trace = d.Trace?.Select(t => new TraceDto { Candidate = new RecordRefDto { Kind = Name(t.Candidate.Kind), Id = t.Candidate.Id }, Step = t.Step, Kept = t.Kept, Why = t.Why }).ToList(),
    };

    public static SnapshotDto ToDto(CrmSnapshot s) => new()
    {
        Format = ReplayFiles.SnapshotFormat,
        Provider = s.Provider,
        Version = s.Version,
        TakenAt = s.TakenAt.ToUniversalTime(),
        Accounts = s.Accounts.Select(a => new AccountDto { Id = a.Id, Name = a.Name, Website = a.Website, Domains = [.. a.Domains], OwnerId = a.OwnerId, Type = a.Type, LastModified = Utc(a.LastModified) }).ToList(),
        Contacts = s.Contacts.Select(c => new ContactDto { Id = c.Id, AccountId = c.AccountId, Name = c.Name, Emails = [.. c.Emails], Phones = [.. c.Phones], LastModified = Utc(c.LastModified) }).ToList(),
        Leads = s.Leads.Select(l => new LeadDto
        {
            Id = l.Id,
            Name = l.Name,
            Company = l.Company,
            Emails = [.. l.Emails],
            Phones = [.. l.Phones],
            Status = l.Status,
            Converted = l.Converted is { } c ? new LeadConversionDto { ContactId = c.ContactId, AccountId = c.AccountId, OpportunityId = c.OpportunityId } : null,
            LastModified = Utc(l.LastModified),
        }).ToList(),
        Opportunities = s.Opportunities.Select(o => new OpportunityDto
        {
            Id = o.Id,
            Name = o.Name,
            AccountId = o.AccountId,
            OwnerId = o.OwnerId,
            Stage = o.Stage,
            IsClosed = o.IsClosed,
            IsWon = o.IsWon,
            Amount = o.Amount,
            CreatedAt = o.CreatedAt is { } created ? Utc(created) : null,
            CloseDate = o.CloseDate,
            LastModified = Utc(o.LastModified),
            ContactRoleContactIds = [.. o.ContactRoleContactIds],
            TeamMemberUserIds = [.. o.TeamMemberUserIds],
        }).ToList(),
        Users = s.Users.Select(u => new UserDto { Id = u.Id, Name = u.Name, Emails = [.. u.Emails], Active = u.Active, TeamIds = [.. u.TeamIds] }).ToList(),
        Teams = s.Teams.Select(t => new TeamDto { Id = t.Id, Name = t.Name, ParentId = t.ParentId }).ToList(),
    };

    public static CrmSnapshot FromDto(SnapshotDto dto) => new()
    {
        Provider = dto.Provider,
        Version = dto.Version,
        TakenAt = dto.TakenAt,
        Accounts = dto.Accounts.Select(a => new CrmAccount { Id = a.Id, Name = a.Name, Website = a.Website, Domains = a.Domains, OwnerId = a.OwnerId, Type = a.Type, LastModified = Utc(a.LastModified) }).ToList(),
        Contacts = dto.Contacts.Select(c => new CrmContact { Id = c.Id, AccountId = c.AccountId, Name = c.Name, Emails = c.Emails, Phones = c.Phones, LastModified = Utc(c.LastModified) }).ToList(),
        Leads = dto.Leads.Select(l => new CrmLead
        {
            Id = l.Id,
            Name = l.Name,
            Company = l.Company,
            Emails = l.Emails,
            Phones = l.Phones,
            Status = l.Status,
            Converted = l.Converted is { } c ? new CrmLeadConversion { ContactId = c.ContactId, AccountId = c.AccountId, OpportunityId = c.OpportunityId } : null,
            LastModified = Utc(l.LastModified),
        }).ToList(),
        Opportunities = dto.Opportunities.Select(o => new CrmOpportunity
        {
            Id = o.Id,
            Name = o.Name,
            AccountId = o.AccountId,
            OwnerId = o.OwnerId,
            Stage = o.Stage,
            IsClosed = o.IsClosed,
            IsWon = o.IsWon,
            Amount = o.Amount,
            CreatedAt = o.CreatedAt is { } created ? Utc(created) : null,
            CloseDate = o.CloseDate,
            LastModified = Utc(o.LastModified),
            ContactRoleContactIds = o.ContactRoleContactIds,
            TeamMemberUserIds = o.TeamMemberUserIds,
        }).ToList(),
        Users = dto.Users.Select(u => new CrmUser { Id = u.Id, Name = u.Name, Emails = u.Emails, Active = u.Active, TeamIds = u.TeamIds }).ToList(),
        Teams = dto.Teams.Select(t => new CrmTeam { Id = t.Id, Name = t.Name, ParentId = t.ParentId }).ToList(),
    };

    /// <summary>Finds the first empty or duplicated id of a kind, as a JSON path and problem.</summary>
    public static (string Path, string Problem)? CheckIds<T>(IReadOnlyList<T> items, Func<T, string> id, string property)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var value = id(items[i]);
            if (string.IsNullOrEmpty(value))
            {
                return ($"$.{property}[{i}].id", "expected a non-empty id");
            }

            if (!seen.Add(value))
            {
                return ($"$.{property}[{i}].id", $"duplicate id '{value}'");
            }
        }

        return null;
    }
}
