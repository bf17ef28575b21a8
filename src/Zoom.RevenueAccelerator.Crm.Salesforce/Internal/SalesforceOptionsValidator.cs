using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Zoom.RevenueAccelerator.Crm.Salesforce.Internal;

/// <summary>Checks <see cref="SalesforceOptions"/> at start; every message names the setting (and never shows a key).</summary>
internal sealed partial class SalesforceOptionsValidator(string name) : IValidateOptions<SalesforceOptions>
{
    public ValidateOptionsResult Validate(string? optionsName, SalesforceOptions options)
    {
        if (!string.Equals(optionsName, name, StringComparison.Ordinal))
        {
            return ValidateOptionsResult.Skip;
        }

        var failures = new List<string>();
        var prefix = $"Salesforce connector '{name}': SalesforceOptions.";
        if (LoginUrlProblem(options.LoginUrl) is { } problem)
        {
            failures.Add(prefix + "LoginUrl " + problem);
        }

        if (!ApiVersionPattern().IsMatch(options.ApiVersion ?? string.Empty))
        {
            failures.Add(prefix + $"ApiVersion must look like '64.0' (was '{options.ApiVersion}').");
        }

        if (options.PageSize is < 200 or > 2000)
        {
            failures.Add(prefix + $"PageSize must be from 200 to 2000, Salesforce's batch sizes (was {options.PageSize}).");
        }

        if (options.SessionTimeout <= TimeSpan.Zero)
        {
            failures.Add(prefix + "SessionTimeout must be positive.");
        }

        if (options.ChangeOverlap < TimeSpan.Zero)
        {
            failures.Add(prefix + "ChangeOverlap must not be negative.");
        }

        if (options.DeletedRecordsWindow <= options.ChangeOverlap)
        {
            failures.Add(prefix + "DeletedRecordsWindow must be longer than ChangeOverlap.");
        }

        if (options.RequestLimitBackoff < TimeSpan.Zero || options.MaxInlineRetryAfter < TimeSpan.Zero)
        {
            failures.Add(prefix + "RequestLimitBackoff and MaxInlineRetryAfter must not be negative.");
        }

        foreach (var (setting, value) in new[] { ("TaskExternalIdField", options.TaskExternalIdField), ("PrimaryCompetitorField", options.PrimaryCompetitorField) })
        {
            if (value is not null && !FieldPattern().IsMatch(value))
            {
                failures.Add(prefix + $"{setting} must be a field's API name such as 'Zoom_Conversation_Id__c' (was '{value}').");
            }
        }

        if (options.PrivateKeyPem is not null && options.Certificate is not null)
        {
            failures.Add(prefix + "PrivateKeyPem and Certificate are alternatives; set one.");
        }

        if (options.PrivateKeyPem is { } pem && !CanImport(pem))
        {
            failures.Add(prefix + "PrivateKeyPem is not a PEM-encoded RSA private key (PKCS#1 or PKCS#8).");
        }

        if (options.Certificate is { } certificate && (!certificate.HasPrivateKey || certificate.GetRSAPrivateKey() is null))
        {
            failures.Add(prefix + "Certificate has no RSA private key; load it with its key (for example from a PFX or the certificate store).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Why a login URL is refused, or <see langword="null"/>: absolute, https, or http on loopback only.</summary>
    public static string? LoginUrlProblem(Uri? url)
    {
        if (url is null || !url.IsAbsoluteUri)
        {
            return "must be an absolute URL such as https://login.salesforce.com.";
        }

        if (url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && url.IsLoopback))
        {
            return null;
        }

        return $"must use https (plain http is allowed only on loopback; was '{url.GetLeftPart(UriPartial.Authority)}').";
    }

    internal static bool CanImport(string pem)
    {
        try
        {
            using var rsa = RSA.Create();
            rsa.ImportFromPem(pem);
            return true;
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"^[1-9][0-9]{1,2}\.0$", RegexOptions.CultureInvariant)]
    private static partial Regex ApiVersionPattern();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_]{0,80}$", RegexOptions.CultureInvariant)]
    internal static partial Regex FieldPattern();
}

/// <summary>Marks that the Salesforce named HttpClient is registered, so a second AddSalesforce does not add a second resilience handler.</summary>
internal sealed class SalesforceHttpMarker;
