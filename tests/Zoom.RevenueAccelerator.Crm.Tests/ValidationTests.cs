using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Zoom.RevenueAccelerator.Crm.Testing;

namespace Zoom.RevenueAccelerator.Crm.Tests;

public sealed class ValidationTests
{
    private static OptionsValidationException StartupFailure(Action<ICrmIntegrationBuilder> configure)
    {
        var services = new ServiceCollection();
        services.AddCrmIntegration(configure);
        using var provider = services.BuildServiceProvider();
        return Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
    }

    [Fact]
    public void Starting_without_any_connector_fails_with_a_message_that_says_what_to_add()
    {
        var error = StartupFailure(_ => { });

        Assert.Contains("No CRM connector is registered", error.Message, StringComparison.Ordinal);
        Assert.Contains("AddConnector", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_default_sync_interval_is_rejected_at_start_naming_the_setting()
    {
        var error = StartupFailure(crm => crm
            .AddConnector("fake", _ => new FakeCrmConnector())
            .Configure(o => o.DefaultSettings = new CrmConnectionSettings { SyncInterval = TimeSpan.FromMinutes(1) }));

        Assert.Contains("CrmIntegrationOptions.DefaultSettings.SyncInterval must be between 00:05:00 and 7.00:00:00 (was 00:01:00)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_scheduler_options_are_rejected_at_start_naming_the_setting()
    {
        var error = StartupFailure(crm => crm
            .AddConnector("fake", _ => new FakeCrmConnector())
            .ConfigureSync(o => { o.MaxConcurrentSyncs = 0; o.Jitter = TimeSpan.FromHours(2); }));

        Assert.Contains("CrmSyncOptions.MaxConcurrentSyncs", error.Message, StringComparison.Ordinal);
        Assert.Contains("CrmSyncOptions.Jitter", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(CompetitorPublishing.PrimaryCompetitorField, null, "CrmConnectRequest.Settings.PrimaryCompetitorField is required")]
    [InlineData(CompetitorPublishing.Both, "Bad Field'; DROP", "CrmConnectRequest.Settings.PrimaryCompetitorField must be a CRM field's API name")]
    [InlineData((CompetitorPublishing)9, null, "CrmConnectRequest.Settings.CompetitorPublishing must be")]
    public async Task Bad_connection_settings_are_rejected_naming_the_setting_and_nothing_is_called(CompetitorPublishing publishing, string? field, string expected)
    {
        await using var host = TestHost.Create();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => host.ConnectAsync(settings: new CrmConnectionSettings { CompetitorPublishing = publishing, PrimaryCompetitorField = field }));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Equal(0, host.Crm.CountCalls(FakeCrmOperation.Any));
    }

    [Fact]
    public async Task Empty_excluded_team_ids_are_rejected_with_their_index()
    {
        await using var host = TestHost.Create();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => host.ConnectAsync(settings: new CrmConnectionSettings { TeamsExcludedFromSync = ["00E1", " "] }));

        Assert.Contains("TeamsExcludedFromSync[1]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_connector_name_lists_the_registered_ones()
    {
        await using var host = TestHost.Create(extraCrms: "other");

        var error = await Assert.ThrowsAsync<ArgumentException>(() => host.ConnectAsync(connector: "salesforce"));

        Assert.Contains("No CRM connector is registered under the name 'salesforce' (registered: fake, other)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_without_a_tenant_is_rejected_naming_the_property()
    {
        await using var host = TestHost.Create();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => host.ConnectAsync(tenant: " "));

        Assert.Contains("CrmConnectRequest.TenantId is required", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("semi;colon")]
    public void Malformed_connector_names_are_rejected_at_registration(string name)
    {
        var services = new ServiceCollection();

        Assert.Throws<ArgumentException>(() => services.AddCrmIntegration(crm => crm.AddConnector(name, _ => new FakeCrmConnector())));
    }

    [Fact]
    public void A_connector_name_can_be_registered_once_whatever_its_case()
    {
        var services = new ServiceCollection();

        var error = Assert.Throws<ArgumentException>(() => services.AddCrmIntegration(crm => crm
            .AddConnector("Fake", _ => new FakeCrmConnector())
            .AddConnector("fake", _ => new FakeCrmConnector())));

        Assert.Contains("already registered under the name 'fake'", error.Message, StringComparison.Ordinal);
    }
}
