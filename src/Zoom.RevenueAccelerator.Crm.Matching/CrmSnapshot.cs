using System;
using System.Collections.Generic;
using System.Linq;

namespace Zoom.RevenueAccelerator.Crm.Matching;

/// <summary>One connection's CRM data at a point in time: what the index is built from, and what a replay file holds.</summary>
public sealed record CrmSnapshot
{
    /// <summary>Gets the CRM product's name (<c>salesforce</c>, ...).</summary>
    public string Provider { get; init; } = "unknown";

    /// <summary>Gets the data's version: it changes whenever the data changes.</summary>
    public required string Version { get; init; }

    /// <summary>Gets when the snapshot was taken.</summary>
    public DateTimeOffset TakenAt { get; init; }

    /// <summary>Gets the accounts.</summary>
    public IReadOnlyList<CrmAccount> Accounts { get; init; } = [];

    /// <summary>Gets the contacts.</summary>
    public IReadOnlyList<CrmContact> Contacts { get; init; } = [];

    /// <summary>Gets the leads.</summary>
    public IReadOnlyList<CrmLead> Leads { get; init; } = [];

    /// <summary>Gets the opportunities.</summary>
    public IReadOnlyList<CrmOpportunity> Opportunities { get; init; } = [];

    /// <summary>Gets the users.</summary>
    public IReadOnlyList<CrmUser> Users { get; init; } = [];

    /// <summary>Gets the teams.</summary>
    public IReadOnlyList<CrmTeam> Teams { get; init; } = [];

    /// <summary>Gets the number of records of every kind.</summary>
    public int Count => Accounts.Count + Contacts.Count + Leads.Count + Opportunities.Count + Users.Count + Teams.Count;

    /// <summary>Builds a snapshot from records of any kind.</summary>
    /// <param name="version">The data's version.</param>
    /// <param name="records">The records.</param>
    /// <param name="provider">The CRM product's name.</param>
    /// <param name="takenAt">When it was taken.</param>
    /// <returns>The snapshot.</returns>
    public static CrmSnapshot FromRecords(string version, IEnumerable<CrmRecord> records, string provider = "unknown", DateTimeOffset takenAt = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        var all = records as IReadOnlyCollection<CrmRecord> ?? records.ToList();
        return new CrmSnapshot
        {
            Version = version,
            Provider = provider,
            TakenAt = takenAt,
            Accounts = all.OfType<CrmAccount>().ToList(),
            Contacts = all.OfType<CrmContact>().ToList(),
            Leads = all.OfType<CrmLead>().ToList(),
            Opportunities = all.OfType<CrmOpportunity>().ToList(),
            Users = all.OfType<CrmUser>().ToList(),
            Teams = all.OfType<CrmTeam>().ToList(),
        };
    }

    /// <summary>Enumerates every record, kind by kind.</summary>
    /// <returns>The records.</returns>
    public IEnumerable<CrmRecord> AllRecords() =>
        Users.Cast<CrmRecord>().Concat(Teams).Concat(Accounts).Concat(Contacts).Concat(Leads).Concat(Opportunities);
}
