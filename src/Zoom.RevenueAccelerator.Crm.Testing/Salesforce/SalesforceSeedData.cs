using System;
using System.Collections.Generic;
using System.Globalization;

namespace Zoom.RevenueAccelerator.Crm.Testing.Salesforce;

/// <summary>Fills an emulated org from <see cref="FakeCrmDataGenerator"/>: the same deterministic mix, as Salesforce objects with 18-character ids.</summary>
internal static class SalesforceSeedData
{
    public static void Load(SalesforceOrg org, int size, int seed, DateTimeOffset now)
    {
        var records = FakeCrmDataGenerator.Generate(size, seed, now);
        var schema = org.Schema;
        long child = 0;
        string Id(string? id) => id is null ? null! : id.Length == 15 ? id + "AAA" : id;
        string ChildId(string prefix) => prefix + (child++).ToString("D12", CultureInfo.InvariantCulture) + "AAA";

        foreach (var record in records)
        {
            var stamp = Truncate(record.LastModified);
            switch (record)
            {
                case CrmTeam team:
                    org.Insert(schema.Find("UserRole")!, new Dictionary<string, object?>
                    {
                        ["Id"] = Id(team.Id), ["Name"] = team.Name, ["DeveloperName"] = team.Name?.Replace(' ', '_'), ["ParentRoleId"] = team.ParentId is null ? null : Id(team.ParentId),
                    }, stamp);
                    break;
                case CrmUser user:
                    var (userFirst, userLast) = Split(user.Name);
                    org.Insert(schema.Find("User")!, new Dictionary<string, object?>
                    {
                        ["Id"] = Id(user.Id), ["Username"] = (user.Emails.Count > 0 ? user.Emails[0] : null), ["Email"] = (user.Emails.Count > 0 ? user.Emails[0] : null), ["FirstName"] = userFirst, ["LastName"] = userLast,
                        ["IsActive"] = user.Active, ["UserRoleId"] = user.TeamIds.Count > 0 ? Id(user.TeamIds[0]) : null, ["UserType"] = "Standard",
                    }, stamp);
                    break;
                case CrmAccount account:
                    org.Insert(schema.Find("Account")!, new Dictionary<string, object?>
                    {
                        ["Id"] = Id(account.Id), ["Name"] = account.Name, ["Website"] = account.Website, ["OwnerId"] = Id(account.OwnerId), ["Type"] = account.Type,
                    }, stamp);
                    break;
                case CrmContact contact:
                    var (first, last) = Split(contact.Name);
                    org.Insert(schema.Find("Contact")!, new Dictionary<string, object?>
                    {
                        ["Id"] = Id(contact.Id), ["AccountId"] = Id(contact.AccountId), ["FirstName"] = first, ["LastName"] = last,
                        ["Email"] = (contact.Emails.Count > 0 ? contact.Emails[0] : null), ["Phone"] = (contact.Phones.Count > 0 ? contact.Phones[0] : null), ["OwnerId"] = Id(contact.OwnerId),
                    }, stamp);
                    break;
                case CrmLead lead:
                    var (leadFirst, leadLast) = Split(lead.Name);
                    org.Insert(schema.Find("Lead")!, new Dictionary<string, object?>
                    {
                        ["Id"] = Id(lead.Id), ["FirstName"] = leadFirst, ["LastName"] = leadLast, ["Company"] = lead.Company, ["Email"] = (lead.Emails.Count > 0 ? lead.Emails[0] : null),
                        ["Phone"] = (lead.Phones.Count > 0 ? lead.Phones[0] : null), ["Status"] = lead.Status, ["IsConverted"] = lead.Converted is not null,
                        ["ConvertedAccountId"] = lead.Converted?.AccountId is { } a ? Id(a) : null, ["ConvertedContactId"] = lead.Converted?.ContactId is { } c ? Id(c) : null,
                        ["ConvertedOpportunityId"] = lead.Converted?.OpportunityId is { } o ? Id(o) : null, ["OwnerId"] = Id(lead.OwnerId),
                    }, stamp);
                    break;
                case CrmOpportunity opportunity:
                    var oppId = Id(opportunity.Id);
                    var created = opportunity.CreatedAt is { } at ? Truncate(at) : stamp;
                    org.Insert(schema.Find("Opportunity")!, new Dictionary<string, object?>
                    {
                        ["Id"] = oppId, ["Name"] = opportunity.Name, ["AccountId"] = Id(opportunity.AccountId), ["OwnerId"] = Id(opportunity.OwnerId), ["StageName"] = opportunity.Stage,
                        ["Amount"] = opportunity.Amount, ["CloseDate"] = opportunity.CloseDate, ["CreatedDate"] = created,
                    }, stamp);
                    foreach (var contactId in opportunity.ContactRoleContactIds)
                    {
                        org.Insert(schema.Find("OpportunityContactRole")!, new Dictionary<string, object?> { ["Id"] = ChildId("00K"), ["OpportunityId"] = oppId, ["ContactId"] = Id(contactId), ["Role"] = "Decision Maker", ["IsPrimary"] = true }, stamp);
                    }

                    foreach (var userId in schema.Find("OpportunityTeamMember") is null ? [] : opportunity.TeamMemberUserIds)
                    {
                        org.Insert(schema.Find("OpportunityTeamMember")!, new Dictionary<string, object?> { ["Id"] = ChildId("00q"), ["OpportunityId"] = oppId, ["UserId"] = Id(userId), ["TeamMemberRole"] = "Sales Rep" }, stamp);
                    }

                    break;
            }
        }
    }

    private static DateTimeOffset Truncate(DateTimeOffset at) => new(at.UtcTicks - (at.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);

    private static (string? First, string? Last) Split(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return (null, "Unknown");
        }

        var space = name.LastIndexOf(' ');
        return space <= 0 ? (null, name) : (name[..space], name[(space + 1)..]);
    }
}
