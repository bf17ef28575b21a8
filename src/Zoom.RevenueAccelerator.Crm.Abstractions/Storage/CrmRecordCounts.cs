using System;
using System.Collections.Generic;

namespace Zoom.RevenueAccelerator.Crm;

/// <summary>How many records of each kind there are (in a store, or removed from one).</summary>
public sealed record CrmRecordCounts
{
    /// <summary>Gets the number of accounts.</summary>
    public long Accounts { get; init; }

    /// <summary>Gets the number of contacts.</summary>
    public long Contacts { get; init; }

    /// <summary>Gets the number of leads.</summary>
    public long Leads { get; init; }

    /// <summary>Gets the number of opportunities.</summary>
    public long Opportunities { get; init; }

    /// <summary>Gets the number of users.</summary>
    public long Users { get; init; }

    /// <summary>Gets the number of teams.</summary>
    public long Teams { get; init; }

    /// <summary>Gets the number of records of every kind.</summary>
    public long Total => Accounts + Contacts + Leads + Opportunities + Users + Teams;

    /// <summary>Gets the number of records of one kind.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>The number.</returns>
    public long this[CrmRecordKind kind] => kind switch
    {
        CrmRecordKind.Account => Accounts,
        CrmRecordKind.Contact => Contacts,
        CrmRecordKind.Lead => Leads,
        CrmRecordKind.Opportunity => Opportunities,
        CrmRecordKind.User => Users,
        CrmRecordKind.Team => Teams,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown record kind."),
    };

    /// <summary>Builds counts from numbers per kind.</summary>
    /// <param name="counts">Numbers per kind; missing kinds count zero.</param>
    /// <returns>The counts.</returns>
    public static CrmRecordCounts From(IReadOnlyDictionary<CrmRecordKind, long> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        long Get(CrmRecordKind kind) => counts.TryGetValue(kind, out var n) ? n : 0;
        return new CrmRecordCounts
        {
            Accounts = Get(CrmRecordKind.Account),
            Contacts = Get(CrmRecordKind.Contact),
            Leads = Get(CrmRecordKind.Lead),
            Opportunities = Get(CrmRecordKind.Opportunity),
            Users = Get(CrmRecordKind.User),
            Teams = Get(CrmRecordKind.Team),
        };
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"{Total} records ({Accounts} accounts, {Contacts} contacts, {Leads} leads, {Opportunities} opportunities, {Users} users, {Teams} teams)";
}
