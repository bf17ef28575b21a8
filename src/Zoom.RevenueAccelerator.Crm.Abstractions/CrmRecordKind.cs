namespace Zoom.RevenueAccelerator.Crm;

/// <summary>The kinds of CRM record the SDK reads and keeps.</summary>
public enum CrmRecordKind
{
    /// <summary>A company: Salesforce Account, Dynamics account, HubSpot company, monday Accounts item.</summary>
    Account = 0,

    /// <summary>A person at a customer, usually attached to an account.</summary>
    Contact = 1,

    /// <summary>A prospect not yet qualified; may have been converted into a contact, account and opportunity.</summary>
    Lead = 2,

    /// <summary>A deal, with its contact roles and team members.</summary>
    Opportunity = 3,

    /// <summary>A seller: a user of the CRM.</summary>
    User = 4,

    /// <summary>A team of users (Salesforce role, Dynamics business unit or access team, HubSpot or monday team).</summary>
    Team = 5,
}
