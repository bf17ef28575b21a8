using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;

namespace Zoom.RevenueAccelerator.Crm;

/// <summary>
/// What a connection needs to sign in: plain parameters (a login URL, a username) and secrets
/// (a private key, a refresh token, an API token).
/// </summary>
/// <remarks>
/// Secrets are kept apart so that they never reach a log, an exception or telemetry:
/// <see cref="ToString"/> and the debugger show only their names. Read one with
/// <see cref="GetSecret"/> at the moment it is sent to the CRM.
/// </remarks>
[DebuggerDisplay("{ToString(),nq}")]
public sealed class CrmCredentials
{
    private readonly Dictionary<string, string> _parameters;
    private readonly Dictionary<string, string> _secrets;

    /// <summary>Creates credentials.</summary>
    /// <param name="parameters">Plain settings, by name (case-insensitive).</param>
    /// <param name="secrets">Secret values, by name (case-insensitive).</param>
    public CrmCredentials(IEnumerable<KeyValuePair<string, string>>? parameters = null, IEnumerable<KeyValuePair<string, string>>? secrets = null)
    {
        _parameters = Copy(parameters);
        _secrets = Copy(secrets);
    }

    /// <summary>Gets credentials with nothing in them.</summary>
    public static CrmCredentials Empty { get; } = new();

    /// <summary>Gets the plain parameters.</summary>
    public IReadOnlyDictionary<string, string> Parameters => _parameters;

    /// <summary>Gets the names of the secrets (never their values).</summary>
    public IReadOnlyCollection<string> SecretNames => _secrets.Keys;

    /// <summary>Gets a plain parameter.</summary>
    /// <param name="name">The parameter's name.</param>
    /// <returns>The value, or <see langword="null"/>.</returns>
    public string? GetParameter(string name) => _parameters.TryGetValue(name, out var value) ? value : null;

    /// <summary>Gets a secret's value. Send it to the CRM; never log or store it elsewhere.</summary>
    /// <param name="name">The secret's name.</param>
    /// <returns>The value, or <see langword="null"/>.</returns>
    public string? GetSecret(string name) => _secrets.TryGetValue(name, out var value) ? value : null;

    /// <summary>Returns a copy with one parameter set.</summary>
    /// <param name="name">The parameter's name.</param>
    /// <param name="value">Its value.</param>
    /// <returns>The copy.</returns>
    public CrmCredentials WithParameter(string name, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(value);
        var parameters = new Dictionary<string, string>(_parameters, StringComparer.OrdinalIgnoreCase) { [name] = value };
        return new CrmCredentials(parameters, _secrets);
    }

    /// <summary>Returns a copy with one secret set (a rotated refresh token, for example).</summary>
    /// <param name="name">The secret's name.</param>
    /// <param name="value">Its value.</param>
    /// <returns>The copy.</returns>
    public CrmCredentials WithSecret(string name, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(value);
        var secrets = new Dictionary<string, string>(_secrets, StringComparer.OrdinalIgnoreCase) { [name] = value };
        return new CrmCredentials(_parameters, secrets);
    }

    /// <summary>Describes the credentials with the secrets' names only.</summary>
    /// <returns>For example <c>CrmCredentials { parameters: username=a@b.com; secrets: privateKey=*** }</c>.</returns>
    public override string ToString()
    {
        var parameters = string.Join("; ", _parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));
        var secrets = string.Join("; ", _secrets.Keys.OrderBy(k => k, StringComparer.Ordinal).Select(k => $"{k}=***"));
        return $"CrmCredentials {{ parameters: {parameters}; secrets: {secrets} }}";
    }

    private static Dictionary<string, string> Copy(IEnumerable<KeyValuePair<string, string>>? source)
    {
        var copy = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (source is null)
        {
            return copy;
        }

        foreach (var (key, value) in source)
        {
            ArgumentException.ThrowIfNullOrEmpty(key);
            ArgumentNullException.ThrowIfNull(value);
            copy[key] = value;
        }

        return copy;
    }
}
