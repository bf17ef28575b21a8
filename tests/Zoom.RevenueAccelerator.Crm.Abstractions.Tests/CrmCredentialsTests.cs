namespace Zoom.RevenueAccelerator.Crm.Abstractions.Tests;

public sealed class CrmCredentialsTests
{
    private static CrmCredentials Sample() => new(
        parameters: [new("username", "integration@acme.example")],
        secrets: [new("privateKey", "-----BEGIN PRIVATE KEY-----SECRET-KEY-MATERIAL")]);

    [Fact]
    public void ToString_shows_parameters_and_secret_names_but_never_secret_values()
    {
        var text = Sample().ToString();

        Assert.Contains("username=integration@acme.example", text, StringComparison.Ordinal);
        Assert.Contains("privateKey=***", text, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET-KEY-MATERIAL", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Secrets_and_parameters_are_read_by_case_insensitive_name()
    {
        var credentials = Sample();

        Assert.Equal("-----BEGIN PRIVATE KEY-----SECRET-KEY-MATERIAL", credentials.GetSecret("PRIVATEKEY"));
        Assert.Equal("integration@acme.example", credentials.GetParameter("UserName"));
        Assert.Null(credentials.GetSecret("username"));
        Assert.Equal(["privateKey"], credentials.SecretNames);
    }

    [Fact]
    public void WithSecret_returns_a_copy_and_leaves_the_original_unchanged()
    {
        var original = Sample();

        var rotated = original.WithSecret("refreshToken", "new-token");

        Assert.Null(original.GetSecret("refreshToken"));
        Assert.Equal("new-token", rotated.GetSecret("refreshToken"));
        Assert.Equal(original.GetSecret("privateKey"), rotated.GetSecret("privateKey"));
    }

    [Fact]
    public void Empty_keys_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => new CrmCredentials(secrets: [new("", "x")]));
    }
}
