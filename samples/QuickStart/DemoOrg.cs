using Zoom.RevenueAccelerator.Crm.Testing.Salesforce;

namespace QuickStart;

/// <summary>
/// The demo story added to the emulator's generated org: a few companies and people whose
/// conversations land on each matching outcome. Everything else in the org is generated.
/// </summary>
internal sealed class DemoOrg
{
    private DemoOrg(SalesforceEmulator emulator, DateTimeOffset now)
    {
        var users = emulator.GetRecords("User").Where(u => u["IsActive"] is true).ToList();
        Rep = (string)users[0]["Email"]!;
        RepId = (string)users[0]["Id"]!;
        Colleague = (string)users[1]["Email"]!;
        var otherId = (string)users[2]["Id"]!;
        var created = now.AddDays(-30);

        string Account(string name, string website) => emulator.Insert("Account", new Dictionary<string, object?> { ["Name"] = name, ["Website"] = website, ["OwnerId"] = otherId, ["Type"] = "Customer" });
        string Contact(string first, string last, string email, string account) => emulator.Insert("Contact", new Dictionary<string, object?> { ["FirstName"] = first, ["LastName"] = last, ["Email"] = email, ["AccountId"] = account, ["OwnerId"] = otherId });
        string Opportunity(string name, string account, string owner, string stage, DateTimeOffset createdAt, DateOnly close) =>
            emulator.Insert("Opportunity", new Dictionary<string, object?> { ["Name"] = name, ["AccountId"] = account, ["OwnerId"] = owner, ["StageName"] = stage, ["Amount"] = 50_000, ["CreatedDate"] = createdAt, ["CloseDate"] = close });
        var soon = DateOnly.FromDateTime(now.UtcDateTime.AddDays(45));

        // 1. A contact with a contact role on one of two open opportunities.
        var northwind = Account("Northwind Traders", "https://www.northwind-demo.example/");
        Dana = Contact("Dana", "Reyes", "dana@northwind-demo.example", northwind);
        NorthwindExpansion = Opportunity("Northwind - Expansion", northwind, otherId, "Proposal", created, soon);
        Opportunity("Northwind - Support renewal", northwind, otherId, "Qualification", created.AddDays(5), soon);
        emulator.Insert("OpportunityContactRole", new Dictionary<string, object?> { ["OpportunityId"] = NorthwindExpansion, ["ContactId"] = Dana, ["Role"] = "Decision Maker", ["IsPrimary"] = true });

        // 2. Two open opportunities, no roles: the one the host owns wins.
        var contoso = Account("Contoso Pharma", "contoso-demo.example");
        Contact("Sam", "Lee", "sam@contoso-demo.example", contoso);
        ContosoPilot = Opportunity("Contoso - Pilot", contoso, RepId, "Needs Analysis", created, soon);
        Opportunity("Contoso - Platform", contoso, otherId, "Prospecting", created.AddDays(10), soon);

        // 3. A customer with no open opportunity: the account.
        var fabrikam = Account("Fabrikam", "http://fabrikam-demo.example:8080/about");
        Contact("Ivy", "Chen", "ivy@fabrikam-demo.example", fabrikam);
        Opportunity("Fabrikam - 2024 deal", fabrikam, otherId, "Closed Won", now.AddDays(-500), DateOnly.FromDateTime(now.UtcDateTime.AddDays(-400)));

        // 4. Nobody known, but the company's domain is: the domain fallback.
        var tailspin = Account("Tailspin Toys", "https://tailspin-demo.example");
        Opportunity("Tailspin - New logo", tailspin, otherId, "Prospecting", created, soon);

        // 5 and 6. Leads, no account: suggested; one of them matched by hand.
        emulator.Insert("Lead", new Dictionary<string, object?> { ["FirstName"] = "Alex", ["LastName"] = "Kim", ["Company"] = "Prospect Demo", ["Email"] = "alex@prospect-demo.example", ["Status"] = "Open" });
        Jordan = emulator.Insert("Lead", new Dictionary<string, object?> { ["FirstName"] = "Jordan", ["LastName"] = "Blake", ["Company"] = "Startup Demo", ["Email"] = "jordan@startup-demo.example", ["Status"] = "Open" });
    }

    public string Rep { get; }

    public string RepId { get; }

    public string Colleague { get; }

    public string Dana { get; }

    public string NorthwindExpansion { get; }

    public string ContosoPilot { get; }

    public string Jordan { get; }

    public static DemoOrg AddTo(SalesforceEmulator emulator, DateTimeOffset now) => new(emulator, now);

    /// <summary>The demo's conversations, one per outcome, all an hour ago.</summary>
    public IReadOnlyList<(Zoom.RevenueAccelerator.Crm.Conversation Conversation, string Shows)> Conversations(DateTimeOffset now)
    {
        (Zoom.RevenueAccelerator.Crm.Conversation, string) Meeting(string id, string title, string shows, params string[] others) => (new Zoom.RevenueAccelerator.Crm.Conversation
        {
            Id = id,
            Kind = Zoom.RevenueAccelerator.Crm.ConversationKind.Meeting,
            Title = title,
            Start = now.AddHours(-1),
            End = now.AddMinutes(-25),
            Host = Rep,
            Participants = [new() { Email = Rep, Source = Zoom.RevenueAccelerator.Crm.ParticipantSource.Host }, .. others.Select(e => new Zoom.RevenueAccelerator.Crm.ConversationParticipant { Email = e })],
        }, shows);

        return
        [
            Meeting("conv-northwind", "Northwind expansion review", "opportunity by contact role", "Dana@Northwind-Demo.example", Colleague),
            Meeting("conv-contoso", "Contoso pilot check-in", "opportunity by owner", "sam@contoso-demo.example"),
            Meeting("conv-fabrikam", "Fabrikam quarterly", "account (no open opportunity)", "ivy@fabrikam-demo.example"),
            Meeting("conv-tailspin", "Tailspin intro", "domain fallback", "new.buyer@tailspin-demo.example"),
            Meeting("conv-prospect", "Prospect discovery", "suggested lead", "alex@prospect-demo.example"),
            Meeting("conv-startup", "Startup demo", "manual match to a lead", "jordan@startup-demo.example"),
            Meeting("conv-internal", "Pipeline review", "internal only", Colleague),
            Meeting("conv-freemail", "Call with a freelancer", "free-mail (no domain fallback)", "pat.unknown@gmail.com"),
        ];
    }
}
