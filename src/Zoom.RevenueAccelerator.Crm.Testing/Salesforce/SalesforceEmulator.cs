using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;

namespace Zoom.RevenueAccelerator.Crm.Testing.Salesforce;

/// <summary>
/// A Salesforce org on 127.0.0.1 that speaks the REST API's wire format: the OAuth 2.0 JWT bearer
/// token endpoint (RS256 signatures checked), query, queryMore and queryAll with a SOQL parser,
/// sObject create, update, upsert by external id and delete, <c>Sforce-Limit-Info</c>, the real
/// error bodies, and seeded fault injection.
/// </summary>
/// <remarks>
/// Start one per test with <see cref="StartAsync"/>; point the connector's login URL at
/// <see cref="BaseAddress"/> and sign with <see cref="PrivateKeyPem"/>. Calls that change data
/// (<see cref="Insert"/>, <see cref="Update"/>, <see cref="Delete"/>) stand for a user editing the org.
/// </remarks>
public sealed partial class SalesforceEmulator : IAsyncDisposable
{
    private const string OrgId = "00DEM0000000001EAA";
    private const string IntegrationUserId = "005EM0000000001AAA";

    private readonly SalesforceEmulatorOptions _options;
    private readonly TimeProvider _time;
    private readonly SalesforceOrg _org;
    private readonly SecurityKey _verificationKey;
    private readonly Dictionary<string, Session> _sessions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Locator> _locators = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _calls = new(StringComparer.Ordinal);
    private readonly HashSet<string> _externalIds;
    private readonly WebApplication _app;
    private Random _faultRandom;
    private SalesforceFaultPlan? _faults;
    private long _apiUsed;
    private long _locatorCounter;
    private long _tokenCounter;

    private SalesforceEmulator(SalesforceEmulatorOptions options, WebApplication app, SecurityKey verificationKey, string? privateKeyPem)
    {
        _options = options;
        _time = options.TimeProvider;
        _app = app;
        _verificationKey = verificationKey;
        PrivateKeyPem = privateKeyPem;
        _org = new SalesforceOrg(new SalesforceSchema(options.CustomFields.Concat(options.ExternalIdFields).Distinct(StringComparer.OrdinalIgnoreCase), options.OpportunityTeams), _time);
        _externalIds = new HashSet<string>(options.ExternalIdFields, StringComparer.OrdinalIgnoreCase);
        _faults = options.Faults;
        _faultRandom = new Random(options.Faults?.Seed ?? 0);
        if (options.SeedSize > 0)
        {
            SalesforceSeedData.Load(_org, options.SeedSize, options.Seed, _time.GetUtcNow());
        }
    }

    /// <summary>Gets the emulator's address: both the login host and the instance URL.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Gets the PEM (PKCS#8) of the private key the emulator made, or <see langword="null"/> when a public key was configured.</summary>
    public string? PrivateKeyPem { get; }

    /// <summary>Gets the consumer key the emulator accepts.</summary>
    public string ConsumerKey => _options.ConsumerKey;

    /// <summary>Gets the integration user's username the emulator accepts.</summary>
    public string Username => _options.Username;

    /// <summary>Gets the newest API version the emulator serves.</summary>
    public string ApiVersion => _options.ApiVersions[^1];

    /// <summary>Gets or sets the API requests used in the current 24-hour window (reported in <c>Sforce-Limit-Info</c>).</summary>
    public long ApiUsage
    {
        get => Interlocked.Read(ref _apiUsed);
        set => Interlocked.Exchange(ref _apiUsed, value);
    }

    /// <summary>Gets or sets the fault plan applied to data API calls from now on (the sequence restarts from its seed).</summary>
    public SalesforceFaultPlan? Faults
    {
        get => _faults;
        set
        {
            lock (_org.Gate)
            {
                _faults = value;
                _faultRandom = new Random(value?.Seed ?? 0);
            }
        }
    }

    /// <summary>Gets the number of live (not deleted) records.</summary>
    public int RecordCount
    {
        get
        {
            lock (_org.Gate)
            {
                return _org.Count;
            }
        }
    }

    /// <summary>Starts an emulator on 127.0.0.1.</summary>
    /// <param name="options">Its behaviour; defaults when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running emulator; dispose it to stop it.</returns>
    public static async Task<SalesforceEmulator> StartAsync(SalesforceEmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new SalesforceEmulatorOptions();
        if (options.SeedSize is not 0 and (< 10 or > 1_000_000))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.SeedSize, "SalesforceEmulatorOptions.SeedSize is 0 or from 10 to 1,000,000.");
        }

        if (options.DefaultBatchSize is < 200 or > 2000)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.DefaultBatchSize, "SalesforceEmulatorOptions.DefaultBatchSize is from 200 to 2,000.");
        }

        string? privatePem = null;
        RSA rsa;
        if (options.PublicKeyPem is { } pem)
        {
            rsa = pem.Contains("CERTIFICATE", StringComparison.Ordinal)
                ? X509Certificate2.CreateFromPem(pem).GetRSAPublicKey() ?? throw new ArgumentException("The certificate has no RSA public key.", nameof(options))
                : ImportPublic(pem);
        }
        else
        {
            rsa = RSA.Create(2048);
            privatePem = rsa.ExportPkcs8PrivateKeyPem();
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, options.Port));
        var app = builder.Build();
        var emulator = new SalesforceEmulator(options, app, new RsaSecurityKey(rsa), privatePem);
        app.Run(emulator.HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetService(typeof(IServer)) is IServer server ? server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() : null;
        emulator.BaseAddress = new Uri(address ?? throw new InvalidOperationException("Kestrel reported no address."));
        return emulator;
    }

    /// <summary>Creates a record as a user of the org would.</summary>
    /// <param name="sObjectType">The object, for example <c>Contact</c>.</param>
    /// <param name="fields">Field values: strings, booleans, numbers, <see cref="DateTimeOffset"/> or <see cref="DateOnly"/>.</param>
    /// <returns>The new record's id.</returns>
    public string Insert(string sObjectType, IReadOnlyDictionary<string, object?> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        lock (_org.Gate)
        {
            var type = _org.Schema.Find(sObjectType) ?? throw new ArgumentException($"The emulator has no object '{sObjectType}'.", nameof(sObjectType));
            return _org.Insert(type, Normalize(fields)).Id;
        }
    }

    /// <summary>Changes a record as a user of the org would; its SystemModstamp moves to now.</summary>
    /// <param name="id">The record's id.</param>
    /// <param name="fields">The fields to change.</param>
    public void Update(string id, IReadOnlyDictionary<string, object?> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        lock (_org.Gate)
        {
            var existing = _org.Get(id) ?? throw new ArgumentException($"No record '{id}'.", nameof(id));
            _org.Update(existing, Normalize(fields));
        }
    }

    /// <summary>Deletes a record to the recycle bin (queryAll still reports it, with IsDeleted = true).</summary>
    /// <param name="id">The record's id.</param>
    /// <param name="purge">Also empty it from the recycle bin, so no API reports the deletion.</param>
    /// <returns><see langword="true"/> when the record existed.</returns>
    public bool Delete(string id, bool purge = false)
    {
        lock (_org.Gate)
        {
            var deleted = _org.SoftDelete(id);
            return purge ? _org.Purge(id) || deleted : deleted;
        }
    }

    /// <summary>Gets the records of one object as field dictionaries.</summary>
    /// <param name="sObjectType">The object.</param>
    /// <param name="includeDeleted">Include records in the recycle bin.</param>
    /// <returns>Copies of the records' fields.</returns>
    public IReadOnlyList<IReadOnlyDictionary<string, object?>> GetRecords(string sObjectType, bool includeDeleted = false)
    {
        lock (_org.Gate)
        {
            var type = _org.Schema.Find(sObjectType) ?? throw new ArgumentException($"The emulator has no object '{sObjectType}'.", nameof(sObjectType));
            return _org.All(type).Where(r => includeDeleted || !r.IsDeleted).OrderBy(r => r.Id, StringComparer.Ordinal)
                .Select(r => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>(r.Fields, StringComparer.OrdinalIgnoreCase)).ToList();
        }
    }

    /// <summary>Ends every session, as an administrator revoking access or a session timeout would: the next call gets 401 INVALID_SESSION_ID.</summary>
    public void ExpireSessions()
    {
        lock (_org.Gate)
        {
            foreach (var session in _sessions.Values)
            {
                session.Revoked = true;
            }
        }
    }

    /// <summary>Gets how many calls of a kind the emulator answered (successful or not).</summary>
    /// <param name="kind">
    /// token, revoke, query, queryAll, queryMore, create, update, upsert, delete, retrieve, deleted, limits (calls
    /// carried out); <c>fault:any</c> or <c>fault:</c> and a <see cref="SalesforceFaultKinds"/> name (faults injected).
    /// </param>
    /// <returns>The count.</returns>
    public int CallCount(string kind)
    {
        lock (_org.Gate)
        {
            return _calls.GetValueOrDefault(kind);
        }
    }

    /// <summary>Gets the number of sessions that are still valid.</summary>
    public int ActiveSessions
    {
        get
        {
            lock (_org.Gate)
            {
                return _sessions.Values.Count(s => !s.Revoked);
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private static RSA ImportPublic(string pem)
    {
        var rsa = RSA.Create();
        rsa.ImportFromPem(pem);
        return rsa;
    }

    private static Dictionary<string, object?> Normalize(IReadOnlyDictionary<string, object?> fields) =>
        fields.ToDictionary(f => f.Key, f => f.Value switch
        {
            int i => (object?)(decimal)i,
            long l => (decimal)l,
            double d => (decimal)d,
            DateTimeOffset at => at.ToUniversalTime(),
            _ => f.Value,
        }, StringComparer.OrdinalIgnoreCase);

    private void Count(string kind)
    {
        lock (_org.Gate)
        {
            _calls[kind] = _calls.GetValueOrDefault(kind) + 1;
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        if (path.Equals("/services/oauth2/token", StringComparison.Ordinal) && HttpMethods.IsPost(context.Request.Method))
        {
            Count("token");
            await TokenAsync(context).ConfigureAwait(false);
            return;
        }

        if (path.Equals("/services/oauth2/revoke", StringComparison.Ordinal) && HttpMethods.IsPost(context.Request.Method))
        {
            Count("revoke");
            await RevokeAsync(context).ConfigureAwait(false);
            return;
        }

        if (path.TrimEnd('/').Equals("/services/data", StringComparison.Ordinal))
        {
            var listing = Json(200, w =>
            {
                w.WriteStartArray();
                foreach (var v in _options.ApiVersions)
                {
                    w.WriteStartObject();
                    w.WriteString("label", "Emulated");
                    w.WriteString("url", $"/services/data/v{v}");
                    w.WriteString("version", v);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            });
            await WriteAsync(context, 200, listing.Body, fault: null).ConfigureAwait(false);
            return;
        }

        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length < 4 || segments[0] != "services" || segments[1] != "data" || !segments[2].StartsWith('v') || !_options.ApiVersions.Contains(segments[2][1..]))
        {
            await ErrorAsync(context, 404, "NOT_FOUND", "The requested resource does not exist").ConfigureAwait(false);
            return;
        }

        var token = context.Request.Headers.Authorization.ToString() is { } auth && auth.StartsWith("Bearer ", StringComparison.Ordinal) ? auth[7..] : null;
        Session? session;
        SalesforceFaultKinds fault;
        lock (_org.Gate)
        {
            session = token is not null && _sessions.TryGetValue(token, out var s) && !s.Revoked ? s : null;
            fault = session is null ? SalesforceFaultKinds.None : DrawFault();
            if (fault == SalesforceFaultKinds.ExpiredSession && session is not null)
            {
                session.Revoked = true;
                session = null;
            }
        }

        if (session is null)
        {
            await ErrorAsync(context, 401, "INVALID_SESSION_ID", "Session expired or invalid").ConfigureAwait(false);
            return;
        }

        if (Interlocked.Increment(ref _apiUsed) > _options.DailyApiLimit)
        {
            await ErrorAsync(context, 403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.").ConfigureAwait(false);
            return;
        }

        var retryAfter = ((int)(_faults?.RetryAfter.TotalSeconds ?? 0)).ToString(CultureInfo.InvariantCulture);
        switch (fault)
        {
            case SalesforceFaultKinds.TooManyRequests:
                context.Response.Headers.RetryAfter = retryAfter;
                await ErrorAsync(context, 429, "REQUEST_LIMIT_EXCEEDED", "Too many requests.").ConfigureAwait(false);
                return;
            case SalesforceFaultKinds.ServiceUnavailable:
                context.Response.Headers.RetryAfter = retryAfter;
                await ErrorAsync(context, 503, "SERVER_UNAVAILABLE", "Service temporarily unavailable.").ConfigureAwait(false);
                return;
            case SalesforceFaultKinds.RequestLimitExceeded:
                await ErrorAsync(context, 403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.").ConfigureAwait(false);
                return;
            case SalesforceFaultKinds.ServerError:
                await ErrorAsync(context, 500, "UNKNOWN_EXCEPTION", "An unexpected error occurred. Please include this ErrorId if you contact support: 1234567-89 (-1)").ConfigureAwait(false);
                return;
        }

        var version = segments[2];
        var rest = segments.Skip(3).Select(Uri.UnescapeDataString).ToArray();
        Response response;
        try
        {
            response = await DispatchAsync(context, session, version, rest).ConfigureAwait(false);
        }
        catch (SoqlInvalidFieldException ex)
        {
            response = Error(400, "INVALID_FIELD", ex.Message);
        }
        catch (SoqlException ex)
        {
            response = Error(400, "MALFORMED_QUERY", ex.Message);
        }
        catch (JsonException)
        {
            response = Error(400, "JSON_PARSER_ERROR", "The request body is not valid JSON.");
        }

        await WriteAsync(context, response.Status, response.Body, fault, response.Headers).ConfigureAwait(false);
    }

    private SalesforceFaultKinds DrawFault()
    {
        if (_faults is not { FailureRate: > 0, Kinds: not SalesforceFaultKinds.None } plan)
        {
            return SalesforceFaultKinds.None;
        }

#pragma warning disable CA5394 // Reproducible fault sequence, not security.
        if (_faultRandom.NextDouble() >= plan.FailureRate)
        {
            return SalesforceFaultKinds.None;
        }

        _calls["fault:" + "any"] = _calls.GetValueOrDefault("fault:any") + 1;
        var kinds = Enum.GetValues<SalesforceFaultKinds>().Where(k => k is not (SalesforceFaultKinds.None or SalesforceFaultKinds.All) && plan.Kinds.HasFlag(k)).ToArray();
        var kind = kinds[_faultRandom.Next(kinds.Length)];
        _calls["fault:" + kind] = _calls.GetValueOrDefault("fault:" + kind) + 1;
        return kind;
#pragma warning restore CA5394
    }

    private async Task<Response> DispatchAsync(HttpContext context, Session session, string version, string[] rest)
    {
        var method = context.Request.Method;
        switch (rest)
        {
            case ["query" or "queryAll"] when HttpMethods.IsGet(method):
                Count(rest[0]);
                return Query(context, session, version, context.Request.Query["q"].ToString(), all: rest[0] == "queryAll");
            case ["query" or "queryAll", var locator] when HttpMethods.IsGet(method):
                Count("queryMore");
                return QueryMore(session, locator);
            case ["limits"] when HttpMethods.IsGet(method):
                Count("limits");
                return Json(200, w =>
                {
                    w.WriteStartObject();
                    w.WriteStartObject("DailyApiRequests");
                    w.WriteNumber("Max", _options.DailyApiLimit);
                    w.WriteNumber("Remaining", Math.Max(0, _options.DailyApiLimit - ApiUsage));
                    w.WriteEndObject();
                    w.WriteEndObject();
                });
            case ["sobjects", var type, "deleted"] when HttpMethods.IsGet(method):
                Count("deleted");
                return Deleted(context, type);
            case ["sobjects", var type] when HttpMethods.IsPost(method):
                Count("create");
                return Create(type, await ReadBodyAsync(context).ConfigureAwait(false));
            case ["sobjects", var type, var id] when HttpMethods.IsPatch(method):
                Count("update");
                return UpdateRecord(type, id, await ReadBodyAsync(context).ConfigureAwait(false));
            case ["sobjects", var type, var field, var value] when HttpMethods.IsPatch(method):
                Count("upsert");
                return Upsert(type, field, value, await ReadBodyAsync(context).ConfigureAwait(false), context.Request.Query["updateOnly"] == "true");
            case ["sobjects", var type, var id] when HttpMethods.IsGet(method):
                Count("retrieve");
                return Retrieve(version, type, id);
            case ["sobjects", var type, var id] when HttpMethods.IsDelete(method):
                Count("delete");
                lock (_org.Gate)
                {
                    return _org.Schema.Find(type) is null ? Error(404, "NOT_FOUND", $"The requested resource does not exist") : _org.SoftDelete(id) ? new Response(204, ReadOnlyMemory<byte>.Empty) : Error(404, "ENTITY_IS_DELETED", "entity is deleted");
                }

            default:
                return Error(404, "NOT_FOUND", "The requested resource does not exist");
        }
    }

    private Task ErrorAsync(HttpContext context, int status, string code, string message) =>
        WriteAsync(context, status, Error(status, code, message).Body, fault: null);

    private static Response Error(int status, string code, string message, string? field = null) => Json(status, w =>
    {
        w.WriteStartArray();
        w.WriteStartObject();
        w.WriteString("message", message);
        w.WriteString("errorCode", code);
        if (field is not null)
        {
            w.WriteStartArray("fields");
            w.WriteStringValue(field);
            w.WriteEndArray();
        }

        w.WriteEndObject();
        w.WriteEndArray();
    });

    private static Response Json(int status, Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return new Response(status, buffer.WrittenMemory);
    }

    private async Task WriteAsync(HttpContext context, int status, ReadOnlyMemory<byte> body, SalesforceFaultKinds? fault, IReadOnlyDictionary<string, string>? headers = null, bool noStore = false)
    {
        var response = context.Response;
        response.StatusCode = status;
        if (context.Request.Path.StartsWithSegments("/services/data", StringComparison.Ordinal))
        {
            response.Headers["Sforce-Limit-Info"] = $"api-usage={Math.Min(ApiUsage, _options.DailyApiLimit)}/{_options.DailyApiLimit}";
        }

        if (noStore)
        {
            response.Headers.CacheControl = "no-store";
        }

        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            response.Headers[name] = value;
        }

        if (body.Length == 0)
        {
            if (fault == SalesforceFaultKinds.DroppedConnection)
            {
                context.Abort();
            }

            return;
        }

        response.ContentType = "application/json;charset=UTF-8";
        switch (fault)
        {
            case SalesforceFaultKinds.DroppedConnection:
                // The work is done; the client never hears about it.
                context.Abort();
                return;
            case SalesforceFaultKinds.TruncatedResponse:
                // A 200 whose JSON stops part-way (the connection closes cleanly after it).
                await response.Body.WriteAsync(body[..(body.Length / 2)]).ConfigureAwait(false);
                return;
            case SalesforceFaultKinds.SlowResponse:
                var chunk = Math.Max(1, body.Length / 8);
                for (var offset = 0; offset < body.Length; offset += chunk)
                {
                    await response.Body.WriteAsync(body.Slice(offset, Math.Min(chunk, body.Length - offset))).ConfigureAwait(false);
                    await response.Body.FlushAsync().ConfigureAwait(false);
                    await Task.Yield();
                }

                return;
            default:
                response.ContentLength = body.Length;
                await response.Body.WriteAsync(body).ConfigureAwait(false);
                return;
        }
    }

    private sealed record Response(int Status, ReadOnlyMemory<byte> Body, IReadOnlyDictionary<string, string>? Headers = null);

    private sealed class Session(string token)
    {
        public string Token { get; } = token;

        public bool Revoked { get; set; }
    }

    private sealed record ChildResult(SoqlQuery Query, SfObject Type, Dictionary<string, List<SfRecord>> ByParent)
    {
        public string[] Fields { get; } = Query.Fields.Select(Type.Canonical).ToArray();
    }

    private sealed class Locator(string token, string version, SoqlQuery query, SfObject target, List<SfRecord> rows, List<ChildResult> children, int batchSize)
    {
        private static long s_created;

        public string Token { get; } = token;

        public string Version { get; } = version;

        public SoqlQuery Query { get; } = query;

        public List<SfRecord> Rows { get; } = rows;

        public List<ChildResult> Children { get; } = children;

        public string[] Fields { get; } = query.Fields.Select(target.Canonical).ToArray();

        public int BatchSize { get; } = batchSize;

        public long Created { get; } = Interlocked.Increment(ref s_created);

        public string? Id { get; set; }

        public DateTimeOffset LastUsed { get; set; }
    }

    private sealed class RecordOrder(IReadOnlyList<(string Field, bool Descending)> orderBy) : IComparer<SfRecord>
    {
        public int Compare(SfRecord? x, SfRecord? y)
        {
            foreach (var (field, descending) in orderBy)
            {
                var c = SoqlEvaluator.Compare(x!.Get(field), y!.Get(field));
                if (c != 0)
                {
                    return descending ? -c : c;
                }
            }

            return string.CompareOrdinal(x!.Id, y!.Id);
        }
    }
}
