using Zoom.RevenueAccelerator.Crm.Testing;

namespace Zoom.RevenueAccelerator.Crm.Salesforce.Tests;

/// <summary>The Salesforce connector keeps the connector contract, as the conformance suite checks it, against the emulator.</summary>
public sealed class ConformanceTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("Zoom_Conversation_Id__c")]
    public async Task The_Salesforce_connector_passes_the_conformance_suite(string? externalIdField)
    {
        await using var host = await SalesforceHost.StartAsync(
            seedSize: 1500,
            emulator: o => o.ExternalIdFields.Add("Task.Zoom_Conversation_Id__c"),
            connector: o =>
            {
                o.PageSize = 200;
                o.TaskExternalIdField = externalIdField;
            });

        var report = await CrmConnectorConformance.RunAsync(host.Connector, new CrmConnectorConformanceOptions
        {
            Connection = host.Context("conformance"),
            RejectedCredentials = host.Credentials("nobody@unknown.example"),
            Secrets = [host.Emulator.PrivateKeyPem!],
            WriteActivities = true,
            TimeProvider = host.Time,
        });

        report.ThrowIfFailed();
        // 1,500 seeded records hold more than one 200-record page of contacts, leads and opportunities.
        Assert.All(
            [CrmRecordKind.Contact, CrmRecordKind.Lead, CrmRecordKind.Opportunity],
            k => Assert.Equal(CrmConformanceOutcome.Passed, report["read.resume:" + k].Outcome));
        foreach (var name in new[] { "connect.rejected-credentials", "session.isolation", "lookup.email-case", "lookup.phone", "lookup.hostile-input", "activity.idempotent", "errors.no-secrets" })
        {
            Assert.Equal(CrmConformanceOutcome.Passed, report[name].Outcome);
        }

        Assert.Single(host.Emulator.GetRecords("Task"));
    }
}
