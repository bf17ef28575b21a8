using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Zoom.RevenueAccelerator.Crm.Salesforce.Internal;

/// <summary>The Salesforce connector: sessions per connection (JWT bearer), SOQL reads, lookups and Task write-back.</summary>
internal sealed partial class SalesforceConnector : ICrmConnector, ICrmApiUsage
{
    private static readonly CrmRecordKind[] s_kinds = [CrmRecordKind.Account, CrmRecordKind.Contact, CrmRecordKind.Lead, CrmRecordKind.Opportunity, CrmRecordKind.User, CrmRecordKind.Team];

    private readonly string _name;
    private readonly SalesforceOptions _options;
    private readonly IHttpClientFactory _httpClientFactory;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, SessionSlot> _sessions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CrmApiUsage> _usage = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _noTeamMembers = new(StringComparer.Ordinal);

    public SalesforceConnector(string name, SalesforceOptions options, IHttpClientFactory httpClientFactory, TimeProvider time, ILogger logger)
    {
        _name = name;
        _options = options;
        _httpClientFactory = httpClientFactory;
        _time = time;
        _logger = logger;
        var capabilities = CrmCapabilities.IncrementalRead | CrmCapabilities.DeletedRecords | CrmCapabilities.LookupByEmail | CrmCapabilities.LookupByPhone
            | CrmCapabilities.WriteActivities | CrmCapabilities.PrimaryCompetitorField | CrmCapabilities.Teams | CrmCapabilities.OpportunityContactRoles
            | CrmCapabilities.Revoke | CrmCapabilities.TotalCounts;
        if (options.ReadOpportunityTeamMembers)
        {
            capabilities |= CrmCapabilities.OpportunityTeamMembers;
        }

        if (options.TaskExternalIdField is not null)
        {
            capabilities |= CrmCapabilities.NativeActivityUpsert;
        }

        Metadata = new CrmConnectorMetadata
        {
            System = CrmSystem.Salesforce,
            ApiVersion = "v" + options.ApiVersion,
            BaseAddress = options.LoginUrl,
            Capabilities = capabilities,
            SupportedKinds = s_kinds,
        };
    }

    public CrmConnectorMetadata Metadata { get; }

    public async Task<CrmAuthorization> ConnectAsync(CrmConnectionContext connection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var session = await Slot(connection).ForceAsync(ct => AuthenticateAsync(connection, ct), cancellationToken).ConfigureAwait(false);
        return Authorization(session);
    }

    public async Task<CrmAuthorization> RefreshAsync(CrmConnectionContext connection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var slot = Slot(connection);
        var session = await slot.RenewAsync(slot.Current, ct => AuthenticateAsync(connection, ct), cancellationToken).ConfigureAwait(false);
        return Authorization(session);
    }

    public async Task RevokeAsync(CrmConnectionContext connection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (!_sessions.TryRemove(connection.ConnectionId, out var slot) || slot.Current is not { } session)
        {
            return;
        }

        var settings = Resolve(connection);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(settings.LoginUrl, "/services/oauth2/revoke"))
        {
            Content = new FormUrlEncodedContent([new KeyValuePair<string, string>("token", session.AccessToken)]),
        };
        using var response = await SendRawAsync(request, "revoke", cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode && response.StatusCode != HttpStatusCode.BadRequest)
        {
            // 400 means the token was no longer valid: nothing left to revoke.
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw SalesforceHttp.Error(response.StatusCode, body, SalesforceHttp.RetryAfter(response), "revoke", _options.RequestLimitBackoff);
        }

        Log.Revoked(_logger, connection.TenantId, connection.ConnectionId);
    }

    public CrmApiUsage? GetUsage(string connectionId) => _usage.GetValueOrDefault(connectionId);

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

    private SessionSlot Slot(CrmConnectionContext connection) => _sessions.GetOrAdd(connection.ConnectionId, static _ => new SessionSlot());

    private CrmAuthorization Authorization(SalesforceSession session) => new()
    {
        InstanceUrl = session.InstanceUrl,
        TokenExpiresAt = session.IssuedAt + _options.SessionTimeout,
        TokenExpiryIsEstimate = true,
        OrganizationId = session.OrganizationId,
        UserId = session.UserId,
    };

    /// <summary>The connection's login settings: its credentials' values, else the options'.</summary>
    private ConnectionSettings Resolve(CrmConnectionContext connection)
    {
        var credentials = connection.Credentials;
        var loginText = credentials.GetParameter(SalesforceCredentialNames.LoginUrl);
        Uri? login = _options.LoginUrl;
        if (loginText is not null && !Uri.TryCreate(loginText, UriKind.Absolute, out login))
        {
            throw Invalid(connection, $"the connection's '{SalesforceCredentialNames.LoginUrl}' parameter is not an absolute URL.");
        }

        if (SalesforceOptionsValidator.LoginUrlProblem(login) is { } problem)
        {
            throw Invalid(connection, "the login URL " + problem);
        }

        var consumerKey = credentials.GetParameter(SalesforceCredentialNames.ConsumerKey) ?? _options.ConsumerKey;
        var username = credentials.GetParameter(SalesforceCredentialNames.Username) ?? _options.Username;
        if (string.IsNullOrWhiteSpace(consumerKey))
        {
            throw Invalid(connection, $"no consumer key: set SalesforceOptions.ConsumerKey or the connection's '{SalesforceCredentialNames.ConsumerKey}' parameter.");
        }

        if (string.IsNullOrWhiteSpace(username))
        {
            throw Invalid(connection, $"no integration username: set SalesforceOptions.Username or the connection's '{SalesforceCredentialNames.Username}' parameter.");
        }

        var audience = credentials.GetParameter(SalesforceCredentialNames.Audience) ?? _options.Audience ?? DefaultAudience(login!);
        return new ConnectionSettings(login!, audience, consumerKey, username, credentials.GetSecret(SalesforceCredentialNames.PrivateKey));
    }

    /// <summary>Sandboxes sign with test.salesforce.com, other salesforce.com hosts with login.salesforce.com (the usual "audience is invalid" mistake), anything else with its own origin.</summary>
    internal static string DefaultAudience(Uri login)
    {
        var host = login.Host;
        if (host.Equals("test.salesforce.com", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".sandbox.my.salesforce.com", StringComparison.OrdinalIgnoreCase))
        {
            return "https://test.salesforce.com";
        }

        if (host.Equals("login.salesforce.com", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".my.salesforce.com", StringComparison.OrdinalIgnoreCase))
        {
            return "https://login.salesforce.com";
        }

        return login.GetLeftPart(UriPartial.Authority);
    }

    private CrmException Invalid(CrmConnectionContext connection, string problem) =>
        new(CrmErrorKind.InvalidRequest, $"Salesforce connector '{_name}', connection {connection.ConnectionId}: {problem}") { System = CrmSystem.Salesforce, Operation = "connect" };

    private RSA LoadKey(CrmConnectionContext connection, string? connectionPem)
    {
        var pem = connectionPem ?? _options.PrivateKeyPem;
        if (pem is not null)
        {
            var rsa = RSA.Create();
            try
            {
                rsa.ImportFromPem(pem);
                return rsa;
            }
            catch (Exception ex) when (ex is ArgumentException or CryptographicException)
            {
                rsa.Dispose();
                throw Invalid(connection, "the private key is not a PEM-encoded RSA private key.");
            }
        }

        return _options.Certificate?.GetRSAPrivateKey()
            ?? throw Invalid(connection, $"no private key: set SalesforceOptions.PrivateKeyPem or Certificate, or the connection's '{SalesforceCredentialNames.PrivateKey}' secret.");
    }

    /// <summary>The OAuth 2.0 JWT bearer flow: a short-lived RS256 assertion exchanged for a session at the login host.</summary>
    private async Task<SalesforceSession> AuthenticateAsync(CrmConnectionContext connection, CancellationToken cancellationToken)
    {
        var settings = Resolve(connection);
        string assertion;
        using (var rsa = LoadKey(connection, settings.PrivateKeyPem))
        {
            var now = _time.GetUtcNow();
            var handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
            assertion = handler.CreateToken(new SecurityTokenDescriptor
            {
                Issuer = settings.ConsumerKey,
                Audience = settings.Audience,
                Claims = new Dictionary<string, object> { ["sub"] = settings.Username },
                Expires = now.AddMinutes(3).UtcDateTime,
                // No provider cache: the key is disposed right after signing.
                SigningCredentials = new SigningCredentials(new RsaSecurityKey(rsa), SecurityAlgorithms.RsaSha256) { CryptoProviderFactory = new CryptoProviderFactory { CacheSignatureProviders = false } },
            });
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(settings.LoginUrl, "/services/oauth2/token"))
        {
            Content = new FormUrlEncodedContent(
            [
                new KeyValuePair<string, string>("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer"),
                new KeyValuePair<string, string>("assertion", assertion),
            ]),
        };
        using var response = await SendRawAsync(request, "sign-in", cancellationToken).ConfigureAwait(false);
        var body = await ReadStringAsync(response, "sign-in", cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var (code, description) = SalesforceHttp.ReadError(body);
            var kind = (int)response.StatusCode >= 500 ? CrmErrorKind.Transient : code == "unsupported_grant_type" ? CrmErrorKind.InvalidRequest : CrmErrorKind.Unauthorized;
            var hint = description switch
            {
                var d when d.Contains("audience", StringComparison.OrdinalIgnoreCase) => $" The JWT audience was '{settings.Audience}'; sandboxes need https://test.salesforce.com (set SalesforceOptions.Audience).",
                var d when d.Contains("approved", StringComparison.OrdinalIgnoreCase) => $" Pre-authorise user '{settings.Username}' for the app (its profile or a permission set under 'Admin approved users are pre-authorized').",
                var d when d.Contains("expired", StringComparison.OrdinalIgnoreCase) => " The assertion's exp was refused: check this machine's clock.",
                var d when d.Contains("client identifier", StringComparison.OrdinalIgnoreCase) => " Check the consumer key.",
                var d when d.Contains("invalid assertion", StringComparison.OrdinalIgnoreCase) => " The signature was refused: the private key must match the certificate uploaded to the app.",
                _ => string.Empty,
            };
            Log.SignInFailed(_logger, connection.TenantId, connection.ConnectionId, code ?? ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
            throw new CrmException(kind, $"Salesforce sign-in for '{settings.Username}' at {settings.LoginUrl.GetLeftPart(UriPartial.Authority)} failed: {code}: {description}.{hint}")
            {
                System = CrmSystem.Salesforce,
                StatusCode = (int)response.StatusCode,
                ProviderErrorCode = code,
                Operation = "sign-in",
                RetryAfter = kind == CrmErrorKind.Transient ? SalesforceHttp.RetryAfter(response) : null,
            };
        }

        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            var token = root.GetProperty("access_token").GetString();
            var instanceText = root.GetProperty("instance_url").GetString();
            if (string.IsNullOrEmpty(token) || !Uri.TryCreate(instanceText, UriKind.Absolute, out var instance))
            {
                throw new JsonException("access_token or instance_url is missing.");
            }

            if (SalesforceOptionsValidator.LoginUrlProblem(instance) is not null)
            {
                throw new CrmException(CrmErrorKind.ProviderError, "Salesforce returned an instance URL that is neither https nor loopback; refusing to send the session to it.") { System = CrmSystem.Salesforce, Operation = "sign-in" };
            }

            string? org = null, user = null;
            if (root.TryGetProperty("id", out var id) && id.GetString() is { } identity && Uri.TryCreate(identity, UriKind.Absolute, out var identityUrl))
            {
                var segments = identityUrl.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
                if (segments.Length >= 3 && segments[^3] == "id")
                {
                    (org, user) = (segments[^2], segments[^1]);
                }
            }

            Log.SignedIn(_logger, connection.TenantId, connection.ConnectionId, instance.Host);
            return new SalesforceSession(token, instance, org, user, _time.GetUtcNow());
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw SalesforceHttp.Malformed("sign-in", ex);
        }
    }

    /// <summary>One HTTP exchange through the named client; transport failures become <see cref="CrmErrorKind.Transient"/>.</summary>
    private async Task<HttpResponseMessage> SendRawAsync(HttpRequestMessage request, string operation, CancellationToken cancellationToken)
    {
        request.Headers.Accept.Add(SalesforceHttp.Json);
        request.Options.Set(SalesforceHttp.MaxInlineRetryAfterKey, _options.MaxInlineRetryAfter);
        var client = _httpClientFactory.CreateClient(SalesforceDefaults.HttpClientName);
        try
        {
            return await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is HttpRequestException or IOException or OperationCanceledException or TimeoutException or Polly.ExecutionRejectedException)
        {
            throw SalesforceHttp.Transport(operation, ex);
        }
    }

    /// <summary>
    /// Sends an authenticated call. On 401 the session is renewed once (concurrent callers share the
    /// renewal) and the call is repeated, unless <paramref name="sessionBound"/>: a query locator dies
    /// with its session, so the caller restarts the query instead (<see cref="SessionRenewedException"/>).
    /// </summary>
    private async Task<HttpResponseMessage> SendAsync(CrmConnectionContext connection, Func<SalesforceSession, HttpRequestMessage> build, string operation, bool sessionBound, CancellationToken cancellationToken)
    {
        var slot = Slot(connection);
        var session = await slot.GetAsync(ct => AuthenticateAsync(connection, ct), cancellationToken).ConfigureAwait(false);
        for (var attempt = 0; ; attempt++)
        {
            using var request = build(session);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", session.AccessToken);
            var response = await SendRawAsync(request, operation, cancellationToken).ConfigureAwait(false);
            RecordUsage(connection, response);
            if (response.IsSuccessStatusCode)
            {
                return response;
            }

            var body = await ReadStringAsync(response, operation, cancellationToken).ConfigureAwait(false);
            var error = SalesforceHttp.Error(response.StatusCode, body, SalesforceHttp.RetryAfter(response), operation, _options.RequestLimitBackoff);
            response.Dispose();
            if (error.Kind != CrmErrorKind.Unauthorized || attempt > 0)
            {
                throw error;
            }

            Log.SessionExpired(_logger, connection.TenantId, connection.ConnectionId, operation);
            session = await slot.RenewAsync(session, ct => AuthenticateAsync(connection, ct), cancellationToken).ConfigureAwait(false);
            if (sessionBound)
            {
                throw new SessionRenewedException();
            }
        }
    }

    private void RecordUsage(CrmConnectionContext connection, HttpResponseMessage response)
    {
        if (response.Headers.TryGetValues("Sforce-Limit-Info", out var values))
        {
            foreach (var value in values)
            {
                if (SalesforceHttp.TryParseLimitInfo(value, out var used, out var max))
                {
                    _usage[connection.ConnectionId] = new CrmApiUsage(used, max) { ObservedAt = _time.GetUtcNow() };
                }
            }
        }
    }

    private static async Task<string> ReadStringAsync(HttpResponseMessage response, string operation, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is HttpRequestException or IOException or OperationCanceledException)
        {
            throw SalesforceHttp.Malformed(operation, ex);
        }
    }

    private static async Task<JsonDocument> ReadJsonAsync(HttpResponseMessage response, string operation, CancellationToken cancellationToken)
    {
        try
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                return await JsonDocument.ParseAsync(stream, default, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is JsonException or HttpRequestException or IOException or OperationCanceledException)
        {
            throw SalesforceHttp.Malformed(operation, ex);
        }
    }

    private Uri DataUri(SalesforceSession session, string relative) => new(session.InstanceUrl, $"/services/data/v{_options.ApiVersion}/{relative}");

    private sealed record ConnectionSettings(Uri LoginUrl, string Audience, string ConsumerKey, string Username, string? PrivateKeyPem);

    /// <summary>The session was renewed during a call bound to the old one (a query locator); restart from the cursor.</summary>
    private sealed class SessionRenewedException : Exception;
}

/// <summary>A Salesforce session (the access token is a session id with no stated expiry). <see cref="ToString"/> hides the token.</summary>
internal sealed record SalesforceSession(string AccessToken, Uri InstanceUrl, string? OrganizationId, string? UserId, DateTimeOffset IssuedAt)
{
    public override string ToString() => $"SalesforceSession {{ InstanceUrl = {InstanceUrl}, OrganizationId = {OrganizationId}, IssuedAt = {IssuedAt:o} }}";
}

/// <summary>One connection's session, renewed single-flight: callers that saw the same expired session share one sign-in.</summary>
#pragma warning disable CA1001 // The semaphore never allocates a wait handle (only WaitAsync is used): nothing to dispose.
internal sealed class SessionSlot
#pragma warning restore CA1001
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public SalesforceSession? Current { get; private set; }

    public async Task<SalesforceSession> GetAsync(Func<CancellationToken, Task<SalesforceSession>> authenticate, CancellationToken cancellationToken)
    {
        return Current ?? await RenewAsync(null, authenticate, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Signs in again unless another caller already replaced <paramref name="failed"/> (or, with <see langword="null"/>, already signed in).</summary>
    public Task<SalesforceSession> RenewAsync(SalesforceSession? failed, Func<CancellationToken, Task<SalesforceSession>> authenticate, CancellationToken cancellationToken) =>
        UnderGateAsync(current => current is not null && !ReferenceEquals(current, failed), authenticate, cancellationToken);

    /// <summary>Always signs in (a first connect validates the credentials).</summary>
    public Task<SalesforceSession> ForceAsync(Func<CancellationToken, Task<SalesforceSession>> authenticate, CancellationToken cancellationToken) =>
        UnderGateAsync(static _ => false, authenticate, cancellationToken);

    private async Task<SalesforceSession> UnderGateAsync(Func<SalesforceSession?, bool> keep, Func<CancellationToken, Task<SalesforceSession>> authenticate, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (keep(Current))
            {
                return Current!;
            }

            Current = await authenticate(cancellationToken).ConfigureAwait(false);
            return Current;
        }
        finally
        {
            _gate.Release();
        }
    }
}
