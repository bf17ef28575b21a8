using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Zoom.RevenueAccelerator.Crm.Testing.Salesforce;

namespace Zoom.RevenueAccelerator.Crm.Salesforce.Tests;

public sealed class ConnectTests
{
    [Fact]
    public async Task Connecting_signs_in_with_a_JWT_and_reports_an_estimated_token_expiry_and_the_instance()
    {
        await using var host = await SalesforceHost.StartAsync(seedSize: 10);

        var status = await host.ConnectAsync();

        Assert.True(status.IsConnected);
        Assert.Equal(host.Time.GetUtcNow() + TimeSpan.FromHours(2), status.TokenExpiresAt);
        Assert.True(status.TokenExpiryIsEstimate);
        Assert.Equal(host.Emulator.BaseAddress.GetLeftPart(UriPartial.Authority), status.InstanceUrl!.GetLeftPart(UriPartial.Authority));
        Assert.Equal(1, host.Emulator.CallCount("token"));
    }

    [Theory]
    [InlineData("wrong-key", "invalid assertion", "private key must match")]
    [InlineData("unknown-user", "hasn't approved this consumer", "Pre-authorise user")]
    [InlineData("wrong-consumer", "client identifier invalid", "consumer key")]
    public async Task A_refused_sign_in_is_Unauthorized_with_the_cause_and_a_hint_and_no_secret(string problem, string description, string hint)
    {
        using var otherKey = System.Security.Cryptography.RSA.Create(2048);
        await using var host = await SalesforceHost.StartAsync(connector: o =>
        {
            if (problem == "wrong-key")
            {
                o.PrivateKeyPem = otherKey.ExportPkcs8PrivateKeyPem();
            }

            if (problem == "wrong-consumer")
            {
                o.ConsumerKey = "not-the-app";
            }
        });
        var context = new CrmConnectionContext("t1", "c1", host.Credentials(problem == "unknown-user" ? "someone@else.example" : null));

        var error = await Assert.ThrowsAsync<CrmException>(() => host.Connector.ConnectAsync(context));

        Assert.Equal(CrmErrorKind.Unauthorized, error.Kind);
        Assert.Contains(description, error.Message, StringComparison.Ordinal);
        Assert.Contains(hint, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("PRIVATE KEY", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(host.Emulator.PrivateKeyPem!.Split('\n')[1], error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_assertion_signed_for_another_audience_is_refused_as_the_real_service_refuses_it()
    {
        await using var host = await SalesforceHost.StartAsync(connector: o => o.Audience = "https://login.salesforce.com");

        var error = await Assert.ThrowsAsync<CrmException>(() => host.Connector.ConnectAsync(host.Context()));

        Assert.Contains("audience is invalid", error.Message, StringComparison.Ordinal);
        Assert.Contains("test.salesforce.com", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://login.salesforce.com", "https://login.salesforce.com")]
    [InlineData("https://acme.my.salesforce.com", "https://login.salesforce.com")]
    [InlineData("https://test.salesforce.com", "https://test.salesforce.com")]
    [InlineData("https://acme--uat.sandbox.my.salesforce.com", "https://test.salesforce.com")]
    [InlineData("http://127.0.0.1:5000", "http://127.0.0.1:5000")]
    public void The_audience_follows_the_login_host(string login, string audience) =>
        Assert.Equal(audience, Internal.SalesforceConnector.DefaultAudience(new Uri(login)));

    [Theory]
    [InlineData("http://login.salesforce.com", "LoginUrl must use https")]
    [InlineData("https://login.salesforce.com", "PageSize must be from 200 to 2000")]
    public async Task Bad_options_fail_at_start_naming_the_setting(string login, string message)
    {
        await using var emulator = await SalesforceEmulator.StartAsync();
        var services = new ServiceCollection();
        services.AddCrmIntegration(crm => crm.AddSalesforce(o =>
        {
            o.LoginUrl = new Uri(login);
            o.PageSize = login.StartsWith("https", StringComparison.Ordinal) ? 5000 : 2000;
            o.PrivateKeyPem = emulator.PrivateKeyPem;
        }));
        await using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptionsMonitor<SalesforceOptions>>().Get(SalesforceDefaults.ConnectorName));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Contains("SalesforceOptions.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Concurrent_callers_that_see_an_expired_session_share_one_sign_in()
    {
        await using var host = await SalesforceHost.StartAsync(seedSize: 100);
        var context = host.Context();
        await host.Connector.ConnectAsync(context);
        host.Emulator.ExpireSessions();

        var lookups = Enumerable.Range(0, 8).Select(i => host.Connector.LookupAsync(context, new CrmLookupRequest { Emails = [$"nobody{i}@example.com"] }));
        await Task.WhenAll(lookups);

        Assert.Equal(2, host.Emulator.CallCount("token"));
    }

    [Fact]
    public async Task A_certificate_with_its_private_key_signs_instead_of_a_PEM()
    {
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=zoom-crm", rsa, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await using var host = await SalesforceHost.StartAsync(
            emulator: o => o.PublicKeyPem = certificate.ExportCertificatePem(),
            connector: o => o.Certificate = certificate);

        var authorization = await host.Connector.ConnectAsync(host.Context());

        Assert.NotNull(authorization.InstanceUrl);
        Assert.Null(host.Emulator.PrivateKeyPem);
    }

    [Theory]
    [InlineData("http://login.salesforce.com", "https")]
    [InlineData("not a url", "absolute URL")]
    public async Task A_connection_login_URL_that_is_plain_http_off_loopback_is_refused_before_any_call(string login, string message)
    {
        await using var host = await SalesforceHost.StartAsync();
        var context = new CrmConnectionContext("t1", "c1", host.Credentials().WithParameter(SalesforceCredentialNames.LoginUrl, login));

        var error = await Assert.ThrowsAsync<CrmException>(() => host.Connector.ConnectAsync(context));

        Assert.Equal(CrmErrorKind.InvalidRequest, error.Kind);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal(0, host.Emulator.CallCount("token"));
    }

    [Fact]
    public async Task Disconnecting_revokes_the_session()
    {
        await using var host = await SalesforceHost.StartAsync(seedSize: 10);
        var status = await host.ConnectAsync();
        Assert.Equal(1, host.Emulator.ActiveSessions);

        await host.Connections.DisconnectAsync(SalesforceHost.Tenant, removeAllCrmData: true);

        Assert.Equal(1, host.Emulator.CallCount("revoke"));
        Assert.Equal(0, host.Emulator.ActiveSessions);
        Assert.NotNull(status);
    }
}
