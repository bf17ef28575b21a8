using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Zoom.RevenueAccelerator.Crm.Salesforce.Internal;

/// <summary>Builds SOQL literals. Every value from outside (e-mail addresses, ids, phones) goes through <see cref="Quote"/>; nothing is pasted.</summary>
internal static class Soql
{
    /// <summary>A string literal: single quotes, with backslash, quote and control characters escaped as the SOQL reference lists.</summary>
    public static string Quote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var sb = new StringBuilder(value.Length + 2).Append('\'');
        foreach (var c in value)
        {
            switch (c)
            {
                case '\\': sb.Append(@"\\"); break;
                case '\'': sb.Append(@"\'"); break;
                case '"': sb.Append("\\\""); break;
                case '\n': sb.Append(@"\n"); break;
                case '\r': sb.Append(@"\r"); break;
                case '\t': sb.Append(@"\t"); break;
                case '\b': sb.Append(@"\b"); break;
                case '\f': sb.Append(@"\f"); break;
                default:
                    if (char.IsControl(c))
                    {
                        sb.Append(@"\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        return sb.Append('\'').ToString();
    }

    /// <summary>A list for IN: <c>('a','b')</c>.</summary>
    public static string List(IEnumerable<string> values) => "(" + string.Join(",", values.Select(Quote)) + ")";

    /// <summary>A date-time literal: unquoted, UTC, whole seconds (milliseconds are not part of the documented formats), rounded down.</summary>
    public static string DateTime(DateTimeOffset value)
    {
        var utc = value.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
    }
}
