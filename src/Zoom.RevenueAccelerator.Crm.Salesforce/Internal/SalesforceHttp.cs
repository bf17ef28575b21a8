using System;
using System.Globalization;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Linq;
using System.Text.Json;

namespace Zoom.RevenueAccelerator.Crm.Salesforce.Internal;

/// <summary>Salesforce's wire details: Retry-After, Sforce-Limit-Info, dates, and the error-array body mapped to <see cref="CrmException"/>.</summary>
internal static class SalesforceHttp
{
    /// <summary>The longest Retry-After the resilience pipeline may wait out for this request.</summary>
    public static readonly HttpRequestOptionsKey<TimeSpan> MaxInlineRetryAfterKey = new("zra.salesforce.max-inline-retry-after");

    public static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        if (response.Headers.RetryAfter is not { } header)
        {
            return null;
        }

        if (header.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header.Date is { } date && response.Headers.Date is { } now)
        {
            var wait = date - now;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    /// <summary>Reads <c>api-usage=used/max</c> from <c>Sforce-Limit-Info</c>, tolerating other entries (per-app-api-usage, api-bursts) around it.</summary>
    public static bool TryParseLimitInfo(string? header, out long used, out long max)
    {
        used = max = 0;
        if (string.IsNullOrEmpty(header))
        {
            return false;
        }

        foreach (var part in header.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!part.StartsWith("api-usage=", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var value = part.AsSpan(10);
            var slash = value.IndexOf('/');
            var end = value.IndexOfAny(' ', '(');
            if (end > 0)
            {
                value = value[..end];
            }

            if (slash > 0 && long.TryParse(value[..slash], NumberStyles.None, CultureInfo.InvariantCulture, out used)
                && long.TryParse(value[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out max))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Parses Salesforce's <c>2013-05-20T20:49:32.000+0000</c> (and the ISO forms with Z or ±hh:mm).</summary>
    public static DateTimeOffset? ParseDateTime(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        var text = value.Length > 5 && (value[^5] is '+' or '-') && char.IsAsciiDigit(value[^1]) && value[^3] != ':'
            ? value[..^2] + ":" + value[^2..]
            : value;
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at.ToUniversalTime() : null;
    }

    /// <summary>Maps an unsuccessful response to a <see cref="CrmException"/>. The message has Salesforce's code and message, never a token.</summary>
    public static CrmException Error(HttpStatusCode status, string body, TimeSpan? retryAfter, string operation, TimeSpan requestLimitBackoff)
    {
        var (code, message) = ReadError(body);
        var kind = (int)status switch
        {
            401 => CrmErrorKind.Unauthorized,
            403 when code == "REQUEST_LIMIT_EXCEEDED" => CrmErrorKind.RateLimited,
            403 => CrmErrorKind.Forbidden,
            404 => CrmErrorKind.NotFound,
            300 or 409 => CrmErrorKind.Conflict,
            429 => CrmErrorKind.RateLimited,
            400 when code == "INVALID_QUERY_LOCATOR" => CrmErrorKind.CursorExpired,
            400 when code is "UNABLE_TO_LOCK_ROW" or "SERVER_UNAVAILABLE" => CrmErrorKind.Transient,
            >= 400 and < 500 => CrmErrorKind.InvalidRequest,
            >= 500 => CrmErrorKind.Transient,
            _ => CrmErrorKind.ProviderError,
        };

        if (kind == CrmErrorKind.RateLimited && retryAfter is null && code == "REQUEST_LIMIT_EXCEEDED")
        {
            // The org's rolling 24-hour allocation is used up: wait long, never re-authenticate.
            retryAfter = message.Contains("ConcurrentPerOrgLongTxn", StringComparison.OrdinalIgnoreCase) ? TimeSpan.FromSeconds(30) : requestLimitBackoff;
        }

        var text = $"Salesforce {operation} failed with HTTP {(int)status}{(code is null ? string.Empty : " " + code)}: {message}";
        if (code == "REQUEST_LIMIT_EXCEEDED" && (int)status == 403)
        {
            text += " The org's API request allocation is used up; calls resume when the rolling 24-hour window frees capacity.";
        }

        return new CrmException(kind, text)
        {
            System = CrmSystem.Salesforce,
            StatusCode = (int)status,
            ProviderErrorCode = code,
            RetryAfter = kind is CrmErrorKind.RateLimited or CrmErrorKind.Transient ? retryAfter : null,
            Operation = operation,
        };
    }

    /// <summary>Reads the first entry of an error array <c>[{"message","errorCode","fields"}]</c>, or an OAuth error object.</summary>
    public static (string? Code, string Message) ReadError(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return (null, "(no body)");
        }

        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            if (root.ValueKind == JsonValueKind.Array && root.GetArrayLength() > 0 && root[0].ValueKind == JsonValueKind.Object)
            {
                var first = root[0];
                var code = first.TryGetProperty("errorCode", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString()
                    : first.TryGetProperty("statusCode", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
                var message = first.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() ?? string.Empty : string.Empty;
                if (first.TryGetProperty("fields", out var fields) && fields.ValueKind == JsonValueKind.Array && fields.GetArrayLength() > 0)
                {
                    message += $" (fields: {string.Join(", ", fields.EnumerateArray().Select(f => f.ToString()))})";
                }

                return (code, message);
            }

            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var error))
            {
                var description = root.TryGetProperty("error_description", out var d) ? d.GetString() : null;
                return (error.GetString(), description ?? string.Empty);
            }

            if (root.ValueKind == JsonValueKind.Array)
            {
                return (null, "the response lists several matching records");
            }
        }
        catch (JsonException)
        {
        }

        var shortened = body.Length > 200 ? body[..200] + "..." : body;
        return (null, shortened.ReplaceLineEndings(" "));
    }

    public static CrmException Malformed(string operation, Exception inner) =>
        new(CrmErrorKind.Transient, $"The Salesforce response to {operation} was malformed or cut short; the call is retried from the last saved page.", inner)
        {
            System = CrmSystem.Salesforce,
            Operation = operation,
        };

    public static CrmException Transport(string operation, Exception inner) =>
        new(CrmErrorKind.Transient, $"Salesforce could not be reached for {operation} ({inner.GetType().Name}).", inner)
        {
            System = CrmSystem.Salesforce,
            Operation = operation,
        };

    public static MediaTypeWithQualityHeaderValue Json { get; } = new("application/json");
}
