using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Text.Json;

namespace Zoom.RevenueAccelerator.Crm.Cli;

/// <summary>A connection file (<c>shared/spec/connection-file.md</c>): strict about unknown and missing properties; secrets only by reference.</summary>
internal sealed record ConnectionFile(string Path, string Provider, string Tenant, CrmConnectionSettings Settings, SalesforceSection? Salesforce)
{
    private static readonly string[] s_providers = ["salesforce", "dynamics365", "hubspot", "monday"];
    private static readonly string[] s_top = ["provider", "tenant", "settings", ..s_providers];
    private static readonly string[] s_settings = ["syncTeamData", "teamsExcludedFromSync", "createActivities", "competitorPublishing", "primaryCompetitorField"];
    private static readonly string[] s_salesforce = ["loginUrl", "clientId", "username", "privateKeyPath", "privateKeyEnv", "apiVersion", "activityExternalIdField"];

    public static ConnectionFile Read(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new ConnectionFileException(path, "$", "the file does not exist");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllBytes(full), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw new ConnectionFileException(path, "$", $"not valid JSON (line {ex.LineNumber + 1}): {ex.Message}");
        }

        using (document)
        {
            var root = document.RootElement;
            Object(path, "$", root, s_top);
            var provider = RequiredString(path, "$", root, "provider");
            if (!s_providers.Contains(provider, StringComparer.Ordinal))
            {
                throw new ConnectionFileException(path, "$.provider", $"expected one of {string.Join(", ", s_providers)}, found \"{provider}\"");
            }

            foreach (var other in s_providers.Where(p => p != provider && root.TryGetProperty(p, out _)))
            {
                throw new ConnectionFileException(path, "$." + other, $"only the chosen provider's section (\"{provider}\") may be given");
            }

            var tenant = OptionalString(path, "$", root, "tenant") ?? "default";
            var settings = ReadSettings(path, root);
            if (provider != "salesforce")
            {
                throw new ConnectionFileException(path, "$.provider", $"\"{provider}\" is not supported by this version of zra-crm yet (Salesforce is)");
            }

            if (!root.TryGetProperty("salesforce", out var section))
            {
                throw new ConnectionFileException(path, "$.salesforce", "the \"salesforce\" section is required when the provider is salesforce");
            }

            return new ConnectionFile(full, provider, tenant, settings, ReadSalesforce(path, full, section));
        }
    }

    private static CrmConnectionSettings ReadSettings(string path, JsonElement root)
    {
        if (!root.TryGetProperty("settings", out var s))
        {
            return new CrmConnectionSettings();
        }

        Object(path, "$.settings", s, s_settings);
        var publishing = OptionalString(path, "$.settings", s, "competitorPublishing") switch
        {
            null or "none" => CompetitorPublishing.None,
            "activityRecord" => CompetitorPublishing.ActivityRecord,
            "primaryCompetitorField" => CompetitorPublishing.PrimaryCompetitorField,
            "both" => CompetitorPublishing.Both,
            var other => throw new ConnectionFileException(path, "$.settings.competitorPublishing", $"expected \"none\", \"activityRecord\", \"primaryCompetitorField\" or \"both\", found \"{other}\""),
        };
        var excluded = new List<string>();
        if (s.TryGetProperty("teamsExcludedFromSync", out var teams))
        {
            if (teams.ValueKind != JsonValueKind.Array || teams.EnumerateArray().Any(t => t.ValueKind != JsonValueKind.String))
            {
                throw new ConnectionFileException(path, "$.settings.teamsExcludedFromSync", "expected an array of team ids");
            }

            excluded.AddRange(teams.EnumerateArray().Select(t => t.GetString()!));
        }

        return new CrmConnectionSettings
        {
            SyncTeamData = OptionalBool(path, "$.settings", s, "syncTeamData") ?? true,
            TeamsExcludedFromSync = excluded,
            CreateActivities = OptionalBool(path, "$.settings", s, "createActivities") ?? false,
            CompetitorPublishing = publishing,
            PrimaryCompetitorField = OptionalString(path, "$.settings", s, "primaryCompetitorField"),
        };
    }

    private static SalesforceSection ReadSalesforce(string path, string full, JsonElement s)
    {
        const string At = "$.salesforce";
        Object(path, At, s, s_salesforce);
        var loginText = OptionalString(path, At, s, "loginUrl") ?? "https://login.salesforce.com";
        var login = Url(path, At + ".loginUrl", loginText);
        var clientId = RequiredString(path, At, s, "clientId");
        var username = RequiredString(path, At, s, "username");
        var keyPath = OptionalString(path, At, s, "privateKeyPath");
        var keyEnv = OptionalString(path, At, s, "privateKeyEnv");
        string pem;
        if (keyPath is not null && keyEnv is not null)
        {
            throw new ConnectionFileException(path, At, "give privateKeyPath or privateKeyEnv, not both");
        }

        if (keyPath is not null)
        {
            var keyFile = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(full)!, keyPath);
            if (!File.Exists(keyFile))
            {
                throw new ConnectionFileException(path, At + ".privateKeyPath", $"the key file {keyFile} does not exist");
            }

            pem = File.ReadAllText(keyFile);
        }
        else if (keyEnv is not null)
        {
            pem = Environment.GetEnvironmentVariable(keyEnv) is { Length: > 0 } value
                ? value
                : throw new ConnectionFileException(path, At + ".privateKeyEnv", $"the environment variable {keyEnv} is not set");
        }
        else
        {
            throw new ConnectionFileException(path, At, "privateKeyPath or privateKeyEnv is required");
        }

        var version = OptionalString(path, At, s, "apiVersion");
        if (version is not null)
        {
            version = version.TrimStart('v', 'V');
        }

        return new SalesforceSection(login, clientId, username, pem, version, OptionalString(path, At, s, "activityExternalIdField"));
    }

    /// <summary>https, or http on a loopback address (127.0.0.0/8, ::1, localhost) for emulators and tests.</summary>
    private static Uri Url(string path, string at, string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var url))
        {
            throw new ConnectionFileException(path, at, $"expected an absolute URL, found \"{text}\"");
        }

        var loopback = url.IsLoopback || (IPAddress.TryParse(url.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
        if (url.Scheme != Uri.UriSchemeHttps && !(url.Scheme == Uri.UriSchemeHttp && loopback))
        {
            throw new ConnectionFileException(path, at, $"must use https (http only on a loopback address), found \"{text}\"");
        }

        return url;
    }

    private static void Object(string path, string at, JsonElement element, string[] allowed)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new ConnectionFileException(path, at, $"expected an object, found {element.ValueKind}");
        }

        foreach (var property in element.EnumerateObject())
        {
            if (!allowed.Contains(property.Name, StringComparer.Ordinal))
            {
                throw new ConnectionFileException(path, $"{at}.{property.Name}", $"unknown property (expected one of {string.Join(", ", allowed)})");
            }
        }
    }

    private static string RequiredString(string path, string at, JsonElement element, string name) =>
        OptionalString(path, at, element, name) ?? throw new ConnectionFileException(path, $"{at}.{name}", "required, and missing");

    private static string? OptionalString(string path, string at, JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : throw new ConnectionFileException(path, $"{at}.{name}", $"expected a non-empty string, found {value.ValueKind}");
    }

    private static bool? OptionalBool(string path, string at, JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new ConnectionFileException(path, $"{at}.{name}", $"expected true or false, found {value.ValueKind}"),
        };
    }
}

/// <summary>The salesforce section, its key already read from the file or variable it names.</summary>
internal sealed record SalesforceSection(Uri LoginUrl, string ClientId, string Username, string PrivateKeyPem, string? ApiVersion, string? ActivityExternalIdField)
{
    public override string ToString() => $"SalesforceSection {{ LoginUrl = {LoginUrl}, ClientId = {ClientId}, Username = {Username} }}";
}

/// <summary>A connection file that is wrong: which file, which JSON path, what was expected.</summary>
internal sealed class ConnectionFileException(string path, string at, string problem) : Exception($"{path}: {at}: {problem}");
