using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace Zoom.RevenueAccelerator.Crm.Salesforce.Internal;

/// <summary>Which object and fields each record kind reads (only what matching needs), and how a row becomes a model.</summary>
internal static class SalesforceRecords
{
    public static string ObjectName(CrmRecordKind kind) => kind switch
    {
        CrmRecordKind.Account => "Account",
        CrmRecordKind.Contact => "Contact",
        CrmRecordKind.Lead => "Lead",
        CrmRecordKind.Opportunity => "Opportunity",
        CrmRecordKind.User => "User",
        CrmRecordKind.Team => "UserRole",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Salesforce has no such record kind."),
    };

    public static string Fields(CrmRecordKind kind, bool teamMembers) => kind switch
    {
        CrmRecordKind.Account => "Id, Name, Website, OwnerId, Type, SystemModstamp",
        CrmRecordKind.Contact => "Id, AccountId, Name, Email, Phone, MobilePhone, OwnerId, SystemModstamp",
        CrmRecordKind.Lead => "Id, Name, Company, Email, Phone, MobilePhone, Status, IsConverted, ConvertedAccountId, ConvertedContactId, ConvertedOpportunityId, OwnerId, SystemModstamp",
        CrmRecordKind.Opportunity => "Id, Name, AccountId, OwnerId, StageName, IsClosed, IsWon, Amount, CreatedDate, CloseDate, SystemModstamp, (SELECT ContactId FROM OpportunityContactRoles)"
            + (teamMembers ? ", (SELECT UserId FROM OpportunityTeamMembers)" : string.Empty),
        CrmRecordKind.User => "Id, Name, Email, IsActive, UserRoleId, SystemModstamp",
        CrmRecordKind.Team => "Id, Name, ParentRoleId, SystemModstamp",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Salesforce has no such record kind."),
    };

    /// <summary>A condition every read of the kind carries, or <see langword="null"/>: users are the org's standard (licensed) users.</summary>
    public static string? Filter(CrmRecordKind kind) => kind == CrmRecordKind.User ? "UserType = 'Standard'" : null;

    public static (CrmRecord Record, bool IsDeleted) Map(CrmRecordKind kind, JsonElement row)
    {
        var id = String(row, "Id") ?? throw new JsonException("A record has no Id.");
        var modified = SalesforceHttp.ParseDateTime(String(row, "SystemModstamp")) ?? throw new JsonException($"Record {id} has no SystemModstamp.");
        var deleted = Bool(row, "IsDeleted");
        CrmRecord record = kind switch
        {
            CrmRecordKind.Account => new CrmAccount { Id = id, Name = String(row, "Name"), Website = String(row, "Website"), OwnerId = String(row, "OwnerId"), Type = String(row, "Type") },
            CrmRecordKind.Contact => new CrmContact
            {
                Id = id, AccountId = String(row, "AccountId"), Name = String(row, "Name"), Emails = Values(String(row, "Email")),
                Phones = Values(String(row, "Phone"), String(row, "MobilePhone")), OwnerId = String(row, "OwnerId"),
            },
            CrmRecordKind.Lead => new CrmLead
            {
                Id = id, Name = String(row, "Name"), Company = String(row, "Company"), Emails = Values(String(row, "Email")),
                Phones = Values(String(row, "Phone"), String(row, "MobilePhone")), Status = String(row, "Status"), OwnerId = String(row, "OwnerId"),
                Converted = Bool(row, "IsConverted")
                    ? new CrmLeadConversion { AccountId = String(row, "ConvertedAccountId"), ContactId = String(row, "ConvertedContactId"), OpportunityId = String(row, "ConvertedOpportunityId") }
                    : null,
            },
            CrmRecordKind.Opportunity => new CrmOpportunity
            {
                Id = id, Name = String(row, "Name"), AccountId = String(row, "AccountId"), OwnerId = String(row, "OwnerId"), Stage = String(row, "StageName"),
                IsClosed = Bool(row, "IsClosed"), IsWon = Bool(row, "IsWon"),
                Amount = row.TryGetProperty("Amount", out var amount) && amount.ValueKind == JsonValueKind.Number ? amount.GetDecimal() : null,
                CreatedAt = SalesforceHttp.ParseDateTime(String(row, "CreatedDate")),
                CloseDate = String(row, "CloseDate") is { } close && DateOnly.TryParseExact(close, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null,
                ContactRoleContactIds = Children(row, "OpportunityContactRoles", "ContactId"),
                TeamMemberUserIds = Children(row, "OpportunityTeamMembers", "UserId"),
            },
            CrmRecordKind.User => new CrmUser
            {
                Id = id, Name = String(row, "Name"), Emails = Values(String(row, "Email")), Active = Bool(row, "IsActive"),
                TeamIds = Values(String(row, "UserRoleId")),
            },
            CrmRecordKind.Team => new CrmTeam { Id = id, Name = String(row, "Name"), ParentId = String(row, "ParentRoleId") },
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Salesforce has no such record kind."),
        };
        return (record with { LastModified = modified }, deleted);
    }

    public static string? String(JsonElement row, string name) =>
        row.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool Bool(JsonElement row, string name) => row.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;

    private static string[] Values(params string?[] values)
    {
        var count = 0;
        foreach (var v in values)
        {
            count += string.IsNullOrWhiteSpace(v) ? 0 : 1;
        }

        if (count == 0)
        {
            return [];
        }

        var result = new string[count];
        var i = 0;
        foreach (var v in values)
        {
            if (!string.IsNullOrWhiteSpace(v))
            {
                result[i++] = v;
            }
        }

        return result;
    }

    /// <summary>A child subquery's ids: <c>{"totalSize":n,"done":true,"records":[...]}</c>, or null when there are none.</summary>
    private static List<string> Children(JsonElement row, string relationship, string field)
    {
        var ids = new List<string>();
        if (row.TryGetProperty(relationship, out var child) && child.ValueKind == JsonValueKind.Object && child.TryGetProperty("records", out var records) && records.ValueKind == JsonValueKind.Array)
        {
            foreach (var r in records.EnumerateArray())
            {
                if (String(r, field) is { } id && !ids.Contains(id))
                {
                    ids.Add(id);
                }
            }
        }

        return ids;
    }
}

/// <summary>
/// The connector's read cursor. A full read resumes by id (<c>Id &gt; last</c>, ordered by Id), so it never
/// depends on a query locator that dies with its session or after 15 idle minutes. An incremental read
/// holds a <see cref="CrmChangeWatermark"/> on SystemModstamp, and (for opportunities) when contact roles
/// and team members were last read.
/// </summary>
internal sealed record SalesforceCursor(bool Full, DateTimeOffset Start, string? LastId, CrmChangeWatermark? Watermark, DateTimeOffset RolesFrom)
{
    private const string FullPrefix = "sf1|full|";
    private const string IncrementalPrefix = "sf1|inc|";

    public string Encode() => Full
        ? FullPrefix + Start.UtcTicks.ToString(CultureInfo.InvariantCulture) + "|" + LastId
        : IncrementalPrefix + RolesFrom.UtcTicks.ToString(CultureInfo.InvariantCulture) + "|" + Watermark!.Encode();

    public static SalesforceCursor? Parse(string? cursor)
    {
        if (cursor is null)
        {
            return null;
        }

        var full = cursor.StartsWith(FullPrefix, StringComparison.Ordinal);
        if (!full && !cursor.StartsWith(IncrementalPrefix, StringComparison.Ordinal))
        {
            return Invalid();
        }

        var rest = cursor[(full ? FullPrefix.Length : IncrementalPrefix.Length)..];
        var bar = rest.IndexOf('|', StringComparison.Ordinal);
        if (bar <= 0 || !long.TryParse(rest.AsSpan(0, bar), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) || ticks > DateTimeOffset.MaxValue.UtcTicks)
        {
            return Invalid();
        }

        var at = new DateTimeOffset(ticks, TimeSpan.Zero);
        var tail = rest[(bar + 1)..];
        if (full)
        {
            return new SalesforceCursor(true, at, tail.Length == 0 ? null : tail, null, at);
        }

        return CrmChangeWatermark.TryParse(tail, out var watermark) ? new SalesforceCursor(false, at, null, watermark, at) : Invalid();
    }

    private static SalesforceCursor Invalid() =>
        throw new CrmException(CrmErrorKind.CursorExpired, "The Salesforce read cursor is not one this connector wrote; the kind is read again in full.") { System = CrmSystem.Salesforce, Operation = "read" };
}
