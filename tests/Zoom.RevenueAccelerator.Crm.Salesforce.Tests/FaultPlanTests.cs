using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Zoom.RevenueAccelerator.Crm.Testing.Salesforce;

namespace Zoom.RevenueAccelerator.Crm.Salesforce.Tests;

public sealed class FaultPlanTests
{
    [Theory]
    [InlineData(7)]
    [InlineData(2026)]
    public async Task Under_a_ten_percent_fault_plan_the_synced_data_equals_the_org_and_every_activity_exists_once(int seed)
    {
        await using var host = await SalesforceHost.StartAsync(
            seedSize: 6000,
            emulator: o => o.DefaultBatchSize = 500,
            connector: o =>
            {
                o.PageSize = 500;
                o.RequestLimitBackoff = TimeSpan.Zero;
            },
            sync: o =>
            {
                o.RetryDelay = TimeSpan.Zero;
                o.MaxRetries = 50;
            });
        await host.ConnectAsync();
        host.Emulator.Faults = new SalesforceFaultPlan { FailureRate = 0.1, Seed = seed, Kinds = SalesforceFaultKinds.All };

        // The first sync, then an incremental one over changes and deletions made meanwhile.
        await host.SyncUntilCompleteAsync();
        host.Time.Advance(TimeSpan.FromHours(4));
        var contacts = host.Emulator.GetRecords("Contact");
        for (var i = 0; i < 40; i++)
        {
            host.Emulator.Update((string)contacts[i * 7]["Id"]!, new Dictionary<string, object?> { ["Email"] = $"changed{i}@example.com" });
        }

        foreach (var account in host.Emulator.GetRecords("Account").Take(15))
        {
            host.Emulator.Delete((string)account["Id"]!);
        }

        await host.SyncUntilCompleteAsync();
        Assert.True(host.Emulator.CallCount("fault:any") >= 3, $"only {host.Emulator.CallCount("fault:any")} faults were injected");
        host.Emulator.Faults = null;
        await Expected.AssertStoreMirrorsAsync(host);

        // Write 30 activities through the same faults, retrying as the write-back worker does: exactly one Task each.
        host.Emulator.Faults = new SalesforceFaultPlan { FailureRate = 0.1, Seed = seed + 1, Kinds = SalesforceFaultKinds.All };
        var context = new CrmConnectionContext(SalesforceHost.Tenant, "c-writes", host.Credentials());
        var opportunities = host.Emulator.GetRecords("Opportunity");
        for (var n = 0; n < 30; n++)
        {
            var activity = new CrmActivity
            {
                ConversationId = $"conv-{n}",
                Subject = $"Call {n}",
                Start = host.Time.GetUtcNow(),
                End = host.Time.GetUtcNow().AddMinutes(20),
                Who = new CrmRecordReference(CrmRecordKind.Contact, (string)contacts[n]["Id"]!),
                What = new CrmRecordReference(CrmRecordKind.Opportunity, (string)opportunities[n]["Id"]!),
            };
            string? id = null;
            for (var attempt = 0; id is null; attempt++)
            {
                try
                {
                    id = (await host.Connector.UpsertActivityAsync(context, activity)).ActivityId;
                }
                catch (CrmException ex) when (ex.IsRetryable || ex.Kind == CrmErrorKind.Unauthorized)
                {
                    Assert.True(attempt < 20, $"conv-{n} failed 20 times: {ex.Message}");
                }
            }
        }

        host.Emulator.Faults = null;
        Assert.True(host.Emulator.CallCount("fault:DroppedConnection") + host.Emulator.CallCount("fault:TruncatedResponse") > 0, "no write lost its answer");
        var tasks = host.Emulator.GetRecords("Task");
        Assert.Equal(30, tasks.Count);
        Assert.Equal(30, tasks.Select(t => (string)t["CallObject"]!).Distinct().Count());
    }

    [Fact]
    public async Task A_long_Retry_After_is_left_to_the_caller_as_RateLimited_with_the_wait()
    {
        await using var host = await SalesforceHost.StartAsync(seedSize: 100);
        host.Emulator.Faults = new SalesforceFaultPlan { FailureRate = 1, Kinds = SalesforceFaultKinds.TooManyRequests, RetryAfter = TimeSpan.FromSeconds(120) };

        var error = await Assert.ThrowsAsync<CrmException>(() => host.Connector.LookupAsync(host.Context(), new CrmLookupRequest { Emails = ["a@b.example"] }));

        Assert.Equal(CrmErrorKind.RateLimited, error.Kind);
        Assert.Equal(TimeSpan.FromSeconds(120), error.RetryAfter);
        Assert.Equal(1, host.Emulator.ApiUsage); // one call: the pipeline did not wait two minutes by itself
    }

    [Theory]
    [InlineData(SalesforceFaultKinds.ServiceUnavailable)]
    [InlineData(SalesforceFaultKinds.ServerError)]
    [InlineData(SalesforceFaultKinds.DroppedConnection)]
    public async Task Short_transient_failures_of_reads_are_retried_inside_the_HTTP_pipeline(SalesforceFaultKinds kind)
    {
        await using var host = await SalesforceHost.StartAsync(seedSize: 100);
        await host.Connector.ConnectAsync(host.Context());
        host.Emulator.Faults = new SalesforceFaultPlan { FailureRate = 0.5, Seed = 3, Kinds = kind };

        var result = await host.Connector.LookupAsync(host.Context(), new CrmLookupRequest { Emails = ["a@b.example", "c@d.example"] });

        Assert.Empty(result.Records);
        Assert.True(host.Emulator.ApiUsage > 2, $"the pipeline retried ({host.Emulator.ApiUsage} calls for 2 queries)");
    }

    [Fact]
    public async Task A_truncated_response_is_a_Transient_error_that_names_the_call()
    {
        await using var host = await SalesforceHost.StartAsync(seedSize: 100);
        await host.Connector.ConnectAsync(host.Context());
        host.Emulator.Faults = new SalesforceFaultPlan { FailureRate = 1, Kinds = SalesforceFaultKinds.TruncatedResponse };

        var error = await Assert.ThrowsAsync<CrmException>(() => host.Connector.LookupAsync(host.Context(), new CrmLookupRequest { Emails = ["a@b.example"] }));

        Assert.Equal(CrmErrorKind.Transient, error.Kind);
        Assert.Contains("malformed or cut short", error.Message, StringComparison.Ordinal);
        Assert.Equal("query", error.Operation);
    }

    [Fact]
    public async Task No_token_or_key_reaches_a_log_line()
    {
        await using var host = await SalesforceHost.StartAsync(seedSize: 500);
        await host.ConnectAsync();
        host.Emulator.Faults = new SalesforceFaultPlan { FailureRate = 0.2, Seed = 11, Kinds = SalesforceFaultKinds.ExpiredSession | SalesforceFaultKinds.TooManyRequests };
        await host.SyncUntilCompleteAsync();

        var keyLine = host.Emulator.PrivateKeyPem!.Split('\n')[1];
        var logs = host.Logs.GetSnapshot();
        Assert.NotEmpty(logs);
        Assert.All(logs, r =>
        {
            var text = r.Message + r.Exception;
            Assert.DoesNotContain("!AR", text, StringComparison.Ordinal);
            Assert.DoesNotContain(keyLine, text, StringComparison.Ordinal);
            Assert.DoesNotContain("assertion=", text, StringComparison.Ordinal);
        });
    }
}
