using System;
using System.Collections.Generic;
using System.Linq;

namespace Zoom.RevenueAccelerator.Crm.Testing.Salesforce;

internal enum SfFieldType
{
    Id,
    String,
    Boolean,
    DateTime,
    Date,
    Number,
}

/// <summary>The objects and fields the emulated org has (the standard ones the connector reads and writes, plus configured custom fields).</summary>
internal sealed class SalesforceSchema
{
    private static readonly (string Name, SfFieldType Type)[] s_system =
    [
        ("Id", SfFieldType.Id), ("IsDeleted", SfFieldType.Boolean), ("CreatedDate", SfFieldType.DateTime),
        ("LastModifiedDate", SfFieldType.DateTime), ("SystemModstamp", SfFieldType.DateTime),
    ];

    private readonly Dictionary<string, SfObject> _objects = new(StringComparer.OrdinalIgnoreCase);

    public SalesforceSchema(IEnumerable<string> customFields, bool opportunityTeams = true)
    {
        Add("Account", "001", ("Name", SfFieldType.String), ("Website", SfFieldType.String), ("OwnerId", SfFieldType.Id), ("Type", SfFieldType.String), ("Industry", SfFieldType.String), ("ParentId", SfFieldType.Id));
        Add("Contact", "003", ("AccountId", SfFieldType.Id), ("FirstName", SfFieldType.String), ("LastName", SfFieldType.String), ("Name", SfFieldType.String), ("Email", SfFieldType.String), ("Phone", SfFieldType.String), ("MobilePhone", SfFieldType.String), ("Title", SfFieldType.String), ("OwnerId", SfFieldType.Id));
        Add("Lead", "00Q", ("Name", SfFieldType.String), ("FirstName", SfFieldType.String), ("LastName", SfFieldType.String), ("Company", SfFieldType.String), ("Email", SfFieldType.String), ("Phone", SfFieldType.String), ("MobilePhone", SfFieldType.String), ("Status", SfFieldType.String), ("IsConverted", SfFieldType.Boolean), ("ConvertedAccountId", SfFieldType.Id), ("ConvertedContactId", SfFieldType.Id), ("ConvertedOpportunityId", SfFieldType.Id), ("ConvertedDate", SfFieldType.Date), ("OwnerId", SfFieldType.Id), ("Website", SfFieldType.String));
        Add("Opportunity", "006", ("Name", SfFieldType.String), ("AccountId", SfFieldType.Id), ("OwnerId", SfFieldType.Id), ("StageName", SfFieldType.String), ("IsClosed", SfFieldType.Boolean), ("IsWon", SfFieldType.Boolean), ("Amount", SfFieldType.Number), ("CloseDate", SfFieldType.Date), ("Description", SfFieldType.String));
        Add("OpportunityContactRole", "00K", ("OpportunityId", SfFieldType.Id), ("ContactId", SfFieldType.Id), ("Role", SfFieldType.String), ("IsPrimary", SfFieldType.Boolean));
        if (opportunityTeams)
        {
            Add("OpportunityTeamMember", "00q", ("OpportunityId", SfFieldType.Id), ("UserId", SfFieldType.Id), ("TeamMemberRole", SfFieldType.String));
        }

        Add("User", "005", ("Username", SfFieldType.String), ("Email", SfFieldType.String), ("Name", SfFieldType.String), ("FirstName", SfFieldType.String), ("LastName", SfFieldType.String), ("IsActive", SfFieldType.Boolean), ("UserRoleId", SfFieldType.Id), ("UserType", SfFieldType.String), ("ManagerId", SfFieldType.Id));
        Add("UserRole", "00E", ("Name", SfFieldType.String), ("DeveloperName", SfFieldType.String), ("ParentRoleId", SfFieldType.Id));
        Add("Task", "00T", ("Subject", SfFieldType.String), ("WhoId", SfFieldType.Id), ("WhatId", SfFieldType.Id), ("ActivityDate", SfFieldType.Date), ("Status", SfFieldType.String), ("Priority", SfFieldType.String), ("Type", SfFieldType.String), ("TaskSubtype", SfFieldType.String), ("CallType", SfFieldType.String), ("CallDurationInSeconds", SfFieldType.Number), ("CallObject", SfFieldType.String), ("Description", SfFieldType.String), ("OwnerId", SfFieldType.Id));

        _objects["Opportunity"].Children["OpportunityContactRoles"] = ("OpportunityContactRole", "OpportunityId");
        if (opportunityTeams)
        {
            _objects["Opportunity"].Children["OpportunityTeamMembers"] = ("OpportunityTeamMember", "OpportunityId");
        }

        foreach (var custom in customFields)
        {
            var dot = custom.IndexOf('.', StringComparison.Ordinal);
            if (dot <= 0 || !custom.EndsWith("__c", StringComparison.OrdinalIgnoreCase) || !_objects.TryGetValue(custom[..dot], out var target))
            {
                throw new ArgumentException($"A custom field is named Object.Field__c on a known object (was '{custom}').", nameof(customFields));
            }

            target.Fields[custom[(dot + 1)..]] = SfFieldType.String;
        }
    }

    public IEnumerable<SfObject> Objects => _objects.Values;

    public SfObject? Find(string name) => _objects.GetValueOrDefault(name);

    public SfObject? ForId(string id) => id.Length >= 3 ? _objects.Values.FirstOrDefault(o => string.Equals(o.KeyPrefix, id[..3], StringComparison.Ordinal)) : null;

    private void Add(string name, string prefix, params (string Name, SfFieldType Type)[] fields)
    {
        var obj = new SfObject(name, prefix);
        foreach (var (field, type) in s_system.Concat(fields))
        {
            obj.Fields[field] = type;
        }

        _objects[name] = obj;
    }
}

internal sealed class SfObject(string name, string keyPrefix)
{
    public string Name { get; } = name;

    public string KeyPrefix { get; } = keyPrefix;

    /// <summary>Field types by name; the dictionary's keys keep the canonical spelling.</summary>
    public Dictionary<string, SfFieldType> Fields { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Child relationships: relationship name to (child object, foreign key on the child).</summary>
    public Dictionary<string, (string Object, string ForeignKey)> Children { get; } = new(StringComparer.OrdinalIgnoreCase);

    public string Canonical(string field) => Fields.Keys.First(k => string.Equals(k, field, StringComparison.OrdinalIgnoreCase));
}

/// <summary>One stored version of a record. Updates replace the version, so a query's results never change under it.</summary>
internal sealed class SfRecord(SfObject type, Dictionary<string, object?> fields)
{
    public SfObject Type { get; } = type;

    public Dictionary<string, object?> Fields { get; } = fields;

    public string Id => (string)Fields["Id"]!;

    public bool IsDeleted => Fields.GetValueOrDefault("IsDeleted") is true;

    public object? Get(string field) => Fields.GetValueOrDefault(field);
}
