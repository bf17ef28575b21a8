using System;
using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace Zoom.RevenueAccelerator.Crm.Matching.Replay;

// The wire shapes of shared/spec/replay-format.md. Internal: mapped to the public models.
#pragma warning disable CA1812 // Instantiated by the JSON source generator.

internal sealed class SnapshotDto
{
    public required string Format { get; set; }

    public string Provider { get; set; } = "unknown";

    public required string Version { get; set; }

    public DateTimeOffset TakenAt { get; set; }

    public List<AccountDto> Accounts { get; set; } = [];

    public List<ContactDto> Contacts { get; set; } = [];

    public List<LeadDto> Leads { get; set; } = [];

    public List<OpportunityDto> Opportunities { get; set; } = [];

    public List<UserDto> Users { get; set; } = [];

    public List<TeamDto> Teams { get; set; } = [];
}

internal sealed class AccountDto
{
    public required string Id { get; set; }

    public string? Name { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Website { get; set; }

    public List<string> Domains { get; set; } = [];

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? OwnerId { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Type { get; set; }

    public DateTime LastModified { get; set; }
}

internal sealed class ContactDto
{
    public required string Id { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? AccountId { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Name { get; set; }

    public List<string> Emails { get; set; } = [];

    public List<string> Phones { get; set; } = [];

    public DateTime LastModified { get; set; }
}

internal sealed class LeadConversionDto
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ContactId { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? AccountId { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? OpportunityId { get; set; }
}

internal sealed class LeadDto
{
    public required string Id { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Name { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Company { get; set; }

    public List<string> Emails { get; set; } = [];

    public List<string> Phones { get; set; } = [];

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Status { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public LeadConversionDto? Converted { get; set; }

    public DateTime LastModified { get; set; }
}

internal sealed class OpportunityDto
{
    public required string Id { get; set; }

    public string? Name { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? AccountId { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? OwnerId { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Stage { get; set; }

    public bool IsClosed { get; set; }

    public bool IsWon { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public decimal? Amount { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTime? CreatedAt { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateOnly? CloseDate { get; set; }

    public DateTime LastModified { get; set; }

    public List<string> ContactRoleContactIds { get; set; } = [];

    public List<string> TeamMemberUserIds { get; set; } = [];
}

internal sealed class UserDto
{
    public required string Id { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Name { get; set; }

    public List<string> Emails { get; set; } = [];

    public bool Active { get; set; } = true;

    public List<string> TeamIds { get; set; } = [];
}

internal sealed class TeamDto
{
    public required string Id { get; set; }

    public string? Name { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ParentId { get; set; }
}

internal sealed class ParticipantDto
{
    public string? Email { get; set; }

    public string? Phone { get; set; }

    public string? Name { get; set; }

    public string? Source { get; set; }
}

internal sealed class ConversationDto
{
    public required string Id { get; set; }

    public required string Kind { get; set; }

    public required DateTimeOffset Start { get; set; }

    public DateTimeOffset? End { get; set; }

    public string? Title { get; set; }

    public string? Host { get; set; }

    public List<ParticipantDto> Participants { get; set; } = [];
}

internal sealed class EditableListDto
{
    public List<string> Add { get; set; } = [];

    public List<string> Remove { get; set; } = [];
}

internal sealed class OptionsDto
{
    public List<string>? AssociatedDomains { get; set; }

    public EditableListDto? FreeMailDomains { get; set; }

    public List<string>? Excluded { get; set; }

    public EditableListDto? RoleMailboxes { get; set; }

    public int? ClosedWindowDays { get; set; }

    public int? StaleAfterDays { get; set; }

    public string? LeadHandling { get; set; }

    public string? Ambiguity { get; set; }

    public List<string>? PartnerAccountTypes { get; set; }

    public int? MaxAlternates { get; set; }

    public int? MaxSuggestedLeads { get; set; }

    public int? RematchWindowDays { get; set; }
}

internal sealed class RecordRefDto
{
    public required string Kind { get; set; }

    public required string Id { get; set; }
}

internal sealed class ManualDto
{
    public required string ConversationId { get; set; }

    public required RecordRefDto Target { get; set; }

    public required string By { get; set; }

    public required DateTimeOffset At { get; set; }
}

internal sealed class ManualInfoDto
{
    public required string By { get; set; }

    public required DateTime At { get; set; }
}

internal sealed class TraceDto
{
    public required RecordRefDto Candidate { get; set; }

    public required string Step { get; set; }

    public bool Kept { get; set; }

    public required string Why { get; set; }
}

internal sealed class DecisionDto
{
    public required string ConversationId { get; set; }

    public required string Outcome { get; set; }

    public string? Certainty { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? OpportunityId { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? AccountId { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? LeadId { get; set; }

    public List<string> ContactIds { get; set; } = [];

    public List<string> SuggestedLeadIds { get; set; } = [];

    public List<RecordRefDto> Alternates { get; set; } = [];

    public required string DecidedBy { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ManualInfoDto? Manual { get; set; }

    public required string SnapshotVersion { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<TraceDto>? Trace { get; set; }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    RespectNullableAnnotations = true,
    AllowTrailingCommas = false,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Disallow)]
[JsonSerializable(typeof(SnapshotDto))]
[JsonSerializable(typeof(ConversationDto))]
[JsonSerializable(typeof(OptionsDto))]
[JsonSerializable(typeof(ManualDto))]
[JsonSerializable(typeof(DecisionDto))]
internal sealed partial class ReplayJsonContext : JsonSerializerContext
{
}
#pragma warning restore CA1812
