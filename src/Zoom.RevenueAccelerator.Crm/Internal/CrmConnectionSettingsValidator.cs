using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace Zoom.RevenueAccelerator.Crm.Internal;

/// <summary>Checks a connection's settings; every message names the setting.</summary>
internal static partial class CrmConnectionSettingsValidator
{
    public static readonly TimeSpan MinSyncInterval = TimeSpan.FromMinutes(5);

    public static readonly TimeSpan MaxSyncInterval = TimeSpan.FromDays(7);

    /// <summary>Returns the problems with <paramref name="settings"/>, each prefixed with <paramref name="path"/>.</summary>
    public static List<string> Validate(CrmConnectionSettings? settings, string path)
    {
        var errors = new List<string>();
        if (settings is null)
        {
            errors.Add($"{path} is required.");
            return errors;
        }

        if (settings.SyncInterval < MinSyncInterval || settings.SyncInterval > MaxSyncInterval)
        {
            errors.Add($"{path}.SyncInterval must be between {MinSyncInterval} and {MaxSyncInterval} (was {settings.SyncInterval}).");
        }

        if (settings.TeamsExcludedFromSync is null)
        {
            errors.Add($"{path}.TeamsExcludedFromSync must not be null (use an empty list).");
        }
        else
        {
            for (var i = 0; i < settings.TeamsExcludedFromSync.Count; i++)
            {
                if (string.IsNullOrWhiteSpace(settings.TeamsExcludedFromSync[i]))
                {
                    errors.Add($"{path}.TeamsExcludedFromSync[{i}] must be a team id (was empty).");
                }
            }
        }

        if (settings.CompetitorPublishing is < CompetitorPublishing.None or > CompetitorPublishing.Both)
        {
            errors.Add($"{path}.CompetitorPublishing must be None, ActivityRecord, PrimaryCompetitorField or Both (was {(int)settings.CompetitorPublishing}).");
        }

        if (settings.CompetitorPublishing.HasFlag(CompetitorPublishing.PrimaryCompetitorField))
        {
            if (string.IsNullOrWhiteSpace(settings.PrimaryCompetitorField))
            {
                errors.Add($"{path}.PrimaryCompetitorField is required when CompetitorPublishing includes PrimaryCompetitorField.");
            }
            else if (!FieldName().IsMatch(settings.PrimaryCompetitorField))
            {
                errors.Add($"{path}.PrimaryCompetitorField must be a CRM field's API name (letters, digits and underscores, starting with a letter; was '{settings.PrimaryCompetitorField}').");
            }
        }

        return errors;
    }

    /// <summary>Throws an <see cref="ArgumentException"/> listing every problem, if there is any.</summary>
    public static void ThrowIfInvalid(CrmConnectionSettings? settings, string path, string paramName)
    {
        var errors = Validate(settings, path);
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors), paramName);
        }
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]{0,99}$", RegexOptions.CultureInvariant)]
    private static partial Regex FieldName();
}
