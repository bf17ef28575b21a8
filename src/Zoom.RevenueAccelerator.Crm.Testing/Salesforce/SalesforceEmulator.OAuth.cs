using System;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Zoom.RevenueAccelerator.Crm.Testing.Salesforce;

/// <summary>The OAuth endpoints: the JWT bearer token exchange and revocation.</summary>
public sealed partial class SalesforceEmulator
{
    private async Task TokenAsync(HttpContext context)
    {
        var form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync().ConfigureAwait(false) : null;
        if (form is null || form["grant_type"] != "urn:ietf:params:oauth:grant-type:jwt-bearer")
        {
            await OAuthErrorAsync(context, "unsupported_grant_type", "grant type not supported").ConfigureAwait(false);
            return;
        }

        var assertion = form["assertion"].ToString();
        var handler = new JsonWebTokenHandler();
        var result = await handler.ValidateTokenAsync(assertion, new TokenValidationParameters
        {
            IssuerSigningKey = _verificationKey,
            ValidateIssuerSigningKey = true,
            ValidateIssuer = false,
            ValidateAudience = false,
            ValidateLifetime = false,
            RequireExpirationTime = false,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
        }).ConfigureAwait(false);
        if (!result.IsValid || result.SecurityToken is not JsonWebToken jwt)
        {
            await OAuthErrorAsync(context, "invalid_grant", "invalid assertion").ConfigureAwait(false);
            return;
        }

        var now = _time.GetUtcNow();
        var audience = BaseAddress.GetLeftPart(UriPartial.Authority);
        if (!string.Equals(jwt.Issuer, _options.ConsumerKey, StringComparison.Ordinal))
        {
            await OAuthErrorAsync(context, "invalid_client_id", "client identifier invalid").ConfigureAwait(false);
        }
        else if (!jwt.Audiences.Any(a => string.Equals(a.TrimEnd('/'), audience, StringComparison.OrdinalIgnoreCase)))
        {
            await OAuthErrorAsync(context, "invalid_grant", "audience is invalid").ConfigureAwait(false);
        }
        else if (!jwt.TryGetPayloadValue<long>("exp", out var exp) || DateTimeOffset.FromUnixTimeSeconds(exp) <= now || DateTimeOffset.FromUnixTimeSeconds(exp) > now.AddMinutes(5))
        {
            await OAuthErrorAsync(context, "invalid_grant", "expired authorization code").ConfigureAwait(false);
        }
        else if (!string.Equals(jwt.Subject, _options.Username, StringComparison.OrdinalIgnoreCase))
        {
            await OAuthErrorAsync(context, "invalid_grant", "user hasn't approved this consumer").ConfigureAwait(false);
        }
        else
        {
            string token;
            lock (_org.Gate)
            {
                token = OrgId[..15] + "!AR" + (++_tokenCounter).ToString("D6", CultureInfo.InvariantCulture) + Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
                _sessions[token] = new Session(token);
            }

            var instance = BaseAddress.GetLeftPart(UriPartial.Authority);
            await WriteAsync(context, 200, Json(200, w =>
            {
                w.WriteStartObject();
                w.WriteString("access_token", token);
                w.WriteString("scope", "api");
                w.WriteString("instance_url", instance);
                w.WriteString("id", $"{instance}/id/{OrgId}/{IntegrationUserId}");
                w.WriteString("token_type", "Bearer");
                w.WriteString("issued_at", now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
                w.WriteString("signature", Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(token))));
                w.WriteEndObject();
            }).Body, fault: null, noStore: true).ConfigureAwait(false);
        }
    }

    private async Task RevokeAsync(HttpContext context)
    {
        var form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync().ConfigureAwait(false) : null;
        var token = form?["token"].ToString();
        bool known;
        lock (_org.Gate)
        {
            known = token is not null && _sessions.TryGetValue(token, out var session) && !session.Revoked;
            if (known)
            {
                _sessions[token!].Revoked = true;
            }
        }

        if (known)
        {
            await WriteAsync(context, 200, ReadOnlyMemory<byte>.Empty, fault: null).ConfigureAwait(false);
        }
        else
        {
            await OAuthErrorAsync(context, "unsupported_token_type", "this token type is not supported").ConfigureAwait(false);
        }
    }

    private Task OAuthErrorAsync(HttpContext context, string error, string description) =>
        WriteAsync(context, 400, Json(400, w =>
        {
            w.WriteStartObject();
            w.WriteString("error", error);
            w.WriteString("error_description", description);
            w.WriteEndObject();
        }).Body, fault: null, noStore: true);
}
