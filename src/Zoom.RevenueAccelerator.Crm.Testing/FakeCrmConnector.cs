using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace Zoom.RevenueAccelerator.Crm.Testing;

/// <summary>
/// An in-memory CRM behind the <see cref="ICrmConnector"/> contract, for hosts' and partners' tests:
/// records with a change sequence (so incremental reads and deletions behave like a real CRM's),
/// sessions that expire, idempotent activity upserts, call counts, and injected faults.
/// </summary>
/// <remarks>Thread-safe. Time comes from the <see cref="TimeProvider"/> it is given.</remarks>
public sealed class FakeCrmConnector : ICrmConnector, ICrmApiUsage
{
    private static readonly CrmRecordKind[] s_allKinds = Enum.GetValues<CrmRecordKind>();

    private readonly object _gate = new();
    private readonly FakeCrmConnectorOptions _options;
    private readonly TimeProvider _time;
    private readonly Dictionary<CrmRecordKind, Dictionary<string, (CrmRecord Record, long Sequence)>> _records = [];
    private readonly Dictionary<CrmRecordKind, Dictionary<string, long>> _tombstones = [];
    private readonly Dictionary<string, DateTimeOffset> _sessions = new(StringComparer.Ordinal);
    private readonly HashSet<string> _revoked = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FakeCrmActivity> _activities = new(StringComparer.Ordinal);
    private readonly Dictionary<CrmRecordKind, Dictionary<string, DateTimeOffset>> _deletedAt = [];
    private CrmApiUsage? _apiUsage;
    private readonly Dictionary<FakeCrmOperation, int> _calls = [];
    private readonly List<(FakeCrmFault Fault, int Remaining)> _faults = [];
    private long _sequence;
    private int _activityCounter;

    /// <summary>Creates an empty fake CRM.</summary>
    /// <param name="options">How it behaves; defaults when <see langword="null"/>.</param>
    /// <param name="timeProvider">Where time comes from; the system clock when <see langword="null"/>.</param>
    public FakeCrmConnector(FakeCrmConnectorOptions? options = null, TimeProvider? timeProvider = null)
    {
        _options = options ?? new FakeCrmConnectorOptions();
        if (_options.PageSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), _options.PageSize, "FakeCrmConnectorOptions.PageSize must be at least 1.");
        }

        _time = timeProvider ?? TimeProvider.System;
        Metadata = new CrmConnectorMetadata
        {
            System = _options.System,
            ApiVersion = "fake-1",
            BaseAddress = _options.InstanceUrl,
            Capabilities = _options.Capabilities,
            SupportedKinds = s_allKinds,
        };
    }

    /// <inheritdoc />
    public CrmConnectorMetadata Metadata { get; }

    /// <summary>
    /// Gets every activity in the CRM, in the order created. A write with
    /// <see cref="CrmActivity.ExistingActivityId"/> updates that activity; without it, a connector
    /// with <see cref="CrmCapabilities.NativeActivityUpsert"/> updates the activity of the same
    /// conversation, and one without creates another (as a CRM without an external id would).
    /// </summary>
    public IReadOnlyList<FakeCrmActivity> Activities
    {
        get
        {
            lock (_gate)
            {
                return _activities.Values.OrderBy(a => a.ActivityId, StringComparer.Ordinal).ToArray();
            }
        }
    }

    /// <summary>Sets the API usage the fake reports through <see cref="ICrmApiUsage"/> for every connection.</summary>
    /// <param name="usage">The usage, or <see langword="null"/> to report none.</param>
    public void SetApiUsage(CrmApiUsage? usage)
    {
        lock (_gate)
        {
            // A reading is taken now (the engine does not trust readings older than its run).
            _apiUsage = usage is { ObservedAt.Ticks: 0 } ? usage with { ObservedAt = _time.GetUtcNow() } : usage;
        }
    }

    /// <inheritdoc />
    public CrmApiUsage? GetUsage(string connectionId)
    {
        lock (_gate)
        {
            return _apiUsage;
        }
    }

    /// <summary>Deletes an activity, as a user deleting it in the CRM would.</summary>
    /// <param name="activityId">The activity.</param>
    /// <returns><see langword="true"/> when it existed.</returns>
    public bool DeleteActivity(string activityId)
    {
        lock (_gate)
        {
            return _activities.Remove(activityId);
        }
    }

    /// <summary>Adds or replaces records, as a change in the CRM (an incremental read sees it).</summary>
    /// <param name="records">The records; a default <see cref="CrmRecord.LastModified"/>, or the one the record already has, becomes now.</param>
    public void Upsert(params IEnumerable<CrmRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            foreach (var record in records)
            {
                // A save stamps the record, as a CRM does; an explicit older stamp (a late commit) is kept.
                var byId = Kind(_records, record.Kind);
                var unstamped = record.LastModified == default || (byId.TryGetValue(record.Id, out var existing) && existing.Record.LastModified == record.LastModified);
                var stamped = unstamped ? record with { LastModified = now } : record;
                Kind(_records, record.Kind)[record.Id] = (stamped, ++_sequence);
                Kind(_tombstones, record.Kind).Remove(record.Id);
                Kind(_deletedAt, record.Kind).Remove(record.Id);
            }
        }
    }

    /// <summary>Deletes a record, as a deletion in the CRM (an incremental read reports it).</summary>
    /// <param name="reference">The record.</param>
    /// <returns><see langword="true"/> when it existed.</returns>
    public bool Delete(CrmRecordReference reference)
    {
        lock (_gate)
        {
            if (!Kind(_records, reference.Kind).Remove(reference.Id))
            {
                return false;
            }

            Kind(_tombstones, reference.Kind)[reference.Id] = ++_sequence;
            Kind(_deletedAt, reference.Kind)[reference.Id] = _time.GetUtcNow();
            return true;
        }
    }

    /// <summary>Gets the records of one kind, ordered by id.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>The records.</returns>
    public IReadOnlyList<CrmRecord> GetRecords(CrmRecordKind kind)
    {
        lock (_gate)
        {
            return Kind(_records, kind).Values.Select(e => e.Record).OrderBy(r => r.Id, StringComparer.Ordinal).ToArray();
        }
    }

    /// <summary>Makes a later operation fail.</summary>
    /// <param name="fault">The fault.</param>
    public void InjectFault(FakeCrmFault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        lock (_gate)
        {
            _faults.Add((fault, fault.Skip));
        }
    }

    /// <summary>Removes every injected fault that has not fired yet.</summary>
    public void ClearFaults()
    {
        lock (_gate)
        {
            _faults.Clear();
        }
    }

    /// <summary>Ends every session at once, as an administrator revoking tokens would: the next call fails with <see cref="CrmErrorKind.Unauthorized"/>.</summary>
    public void ExpireSessions()
    {
        lock (_gate)
        {
            _sessions.Clear();
        }
    }

    /// <summary>Tells how many times an operation was called (faulted calls included).</summary>
    /// <param name="operation">The operation; <see cref="FakeCrmOperation.Any"/> counts them all.</param>
    /// <returns>The count.</returns>
    public int CountCalls(FakeCrmOperation operation)
    {
        lock (_gate)
        {
            return operation == FakeCrmOperation.Any ? _calls.Values.Sum() : _calls.GetValueOrDefault(operation);
        }
    }

    /// <summary>Tells whether a connection's tokens were revoked.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <returns><see langword="true"/> when <see cref="RevokeAsync"/> ran for it.</returns>
    public bool IsRevoked(string connectionId)
    {
        lock (_gate)
        {
            return _revoked.Contains(connectionId);
        }
    }

    /// <inheritdoc />
    public Task<CrmAuthorization> ConnectAsync(CrmConnectionContext connection, CancellationToken cancellationToken = default) =>
        Task.FromResult(SignIn(connection, FakeCrmOperation.Connect));

    /// <inheritdoc />
    public Task<CrmAuthorization> RefreshAsync(CrmConnectionContext connection, CancellationToken cancellationToken = default) =>
        Task.FromResult(SignIn(connection, FakeCrmOperation.Refresh));

    /// <inheritdoc />
    public Task RevokeAsync(CrmConnectionContext connection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        lock (_gate)
        {
            Enter(FakeCrmOperation.Revoke);
            _sessions.Remove(connection.ConnectionId);
            _revoked.Add(connection.ConnectionId);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<CrmRecordPage> ReadAsync(CrmConnectionContext connection, CrmReadRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(request);
        if (_options.TimestampChangeTracking && request.Mode == CrmReadMode.Incremental)
        {
            await foreach (var page in ReadByTimestampAsync(connection, request, cancellationToken).ConfigureAwait(false))
            {
                yield return page;
            }

            yield break;
        }

        var cursor = ParseCursor(request);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            CrmRecordPage page;
            lock (_gate)
            {
                Enter(FakeCrmOperation.ReadPage);
                RequireSession(connection);
                (page, cursor) = cursor.Incremental ? IncrementalPage(request.Kind, cursor) : FullPage(request.Kind, cursor);
            }

            await Task.Yield();
            yield return page;
            if (page.IsLastPage)
            {
                yield break;
            }
        }
    }

    /// <summary>An incremental read by modification timestamp: inclusive from the watermark (less the overlap), then keyset pages.</summary>
    private async IAsyncEnumerable<CrmRecordPage> ReadByTimestampAsync(CrmConnectionContext connection, CrmReadRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (!CrmChangeWatermark.TryParse(request.Cursor, out var start))
        {
            throw Error(CrmErrorKind.InvalidRequest, $"The cursor '{request.Cursor}' is not one this fake CRM issued.", "INVALID_QUERY_LOCATOR", 400);
        }

        var watermark = start!;
        var from = start!.QueryFrom(_options.ChangeOverlap);
        (DateTimeOffset At, string Id)? after = null;
        var reportDeletes = (_options.Capabilities & CrmCapabilities.DeletedRecords) != 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            CrmRecordPage page;
            lock (_gate)
            {
                Enter(FakeCrmOperation.ReadPage);
                RequireSession(connection);
                var changes = Kind(_records, request.Kind).Values
                    .Select(e => (At: e.Record.LastModified.ToUniversalTime(), e.Record.Id, Record: (CrmRecord?)e.Record))
                    .Concat(reportDeletes ? Kind(_deletedAt, request.Kind).Select(d => (At: d.Value.ToUniversalTime(), Id: d.Key, Record: (CrmRecord?)null)) : [])
                    .Where(c => c.At >= from && !start.HasSeen(c.Id, c.At))
                    .Where(c => after is not { } a || c.At > a.At || (c.At == a.At && string.CompareOrdinal(c.Id, a.Id) > 0))
                    .OrderBy(c => c.At).ThenBy(c => c.Id, StringComparer.Ordinal)
                    .ToArray();
                var taken = changes.Take(_options.PageSize).ToArray();
                watermark = watermark.Advance(taken.Select(c => (c.Id, c.At)));
                after = taken.Length > 0 ? (taken[^1].At, taken[^1].Id) : after;
                page = new CrmRecordPage
                {
                    Kind = request.Kind,
                    Records = taken.Where(c => c.Record is not null).Select(c => c.Record!).ToArray(),
                    DeletedIds = taken.Where(c => c.Record is null).Select(c => c.Id).ToArray(),
                    Cursor = watermark.Encode(),
                    IsLastPage = changes.Length <= _options.PageSize,
                };
            }

            await Task.Yield();
            yield return page;
            if (page.IsLastPage)
            {
                yield break;
            }
        }
    }

    /// <inheritdoc />
    public Task<CrmLookupResult> LookupAsync(CrmConnectionContext connection, CrmLookupRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(request);
        var emails = request.Emails.Select(e => e.Trim().ToUpperInvariant()).ToHashSet(StringComparer.Ordinal);
        var phones = request.Phones.Select(Digits).Where(p => p.Length > 0).ToHashSet(StringComparer.Ordinal);
        lock (_gate)
        {
            Enter(FakeCrmOperation.Lookup);
            RequireSession(connection);
            bool Matches(IReadOnlyList<string> recordEmails, IReadOnlyList<string> recordPhones) =>
                recordEmails.Any(e => emails.Contains(e.Trim().ToUpperInvariant())) || recordPhones.Any(p => phones.Contains(Digits(p)));

            var found = new Dictionary<CrmRecordReference, CrmRecord>();
            var accountIds = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (record, _) in Kind(_records, CrmRecordKind.Contact).Values)
            {
                var contact = (CrmContact)record;
                if (Matches(contact.Emails, contact.Phones))
                {
                    found[contact.Reference] = contact;
                    if (contact.AccountId is { } accountId)
                    {
                        accountIds.Add(accountId);
                    }
                }
            }

            foreach (var (record, _) in Kind(_records, CrmRecordKind.Lead).Values)
            {
                var lead = (CrmLead)record;
                if (Matches(lead.Emails, lead.Phones))
                {
                    found[lead.Reference] = lead;
                    if (lead.Converted?.AccountId is { } accountId)
                    {
                        accountIds.Add(accountId);
                    }
                }
            }

            foreach (var accountId in accountIds)
            {
                if (Kind(_records, CrmRecordKind.Account).TryGetValue(accountId, out var account))
                {
                    found[account.Record.Reference] = account.Record;
                }
            }

            foreach (var (record, _) in Kind(_records, CrmRecordKind.Opportunity).Values)
            {
                if (record is CrmOpportunity { AccountId: { } accountId } && accountIds.Contains(accountId))
                {
                    found[record.Reference] = record;
                }
            }

            var records = found.Values.OrderBy(r => r.Kind).ThenBy(r => r.Id, StringComparer.Ordinal).ToArray();
            return Task.FromResult(new CrmLookupResult { Records = records, ApiCalls = 1 });
        }
    }

    /// <inheritdoc />
    public Task<CrmActivityResult> UpsertActivityAsync(CrmConnectionContext connection, CrmActivity activity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(activity);
        if (activity.Who is { Kind: not (CrmRecordKind.Contact or CrmRecordKind.Lead) } who)
        {
            throw Error(CrmErrorKind.InvalidRequest, $"An activity's Who must be a contact or a lead (was {who.Kind}).", "FIELD_INTEGRITY_EXCEPTION", 400);
        }

        if (activity.What is { Kind: not (CrmRecordKind.Opportunity or CrmRecordKind.Account) } what)
        {
            throw Error(CrmErrorKind.InvalidRequest, $"An activity's What must be an opportunity or an account (was {what.Kind}).", "FIELD_INTEGRITY_EXCEPTION", 400);
        }

        lock (_gate)
        {
            Enter(FakeCrmOperation.UpsertActivity);
            RequireSession(connection);
            FakeCrmActivity? existing = null;
            if (activity.ExistingActivityId is { } existingId)
            {
                existing = _activities.GetValueOrDefault(existingId)
                    ?? throw Error(CrmErrorKind.NotFound, $"The activity '{existingId}' does not exist (deleted in the CRM?).", "ENTITY_IS_DELETED", 404);
            }
            else if ((_options.Capabilities & CrmCapabilities.NativeActivityUpsert) != 0)
            {
                existing = _activities.Values.FirstOrDefault(a => a.Activity.ConversationId == activity.ConversationId);
            }

            if (existing is not null)
            {
                _activities[existing.ActivityId] = existing with { Activity = activity, Writes = existing.Writes + 1 };
                return Task.FromResult(new CrmActivityResult(existing.ActivityId, Created: false));
            }

            var id = "00T" + (++_activityCounter).ToString("D12", CultureInfo.InvariantCulture);
            _activities[id] = new FakeCrmActivity(id, activity, 1);
            return Task.FromResult(new CrmActivityResult(id, Created: true));
        }
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;
    }

    private CrmAuthorization SignIn(CrmConnectionContext connection, FakeCrmOperation operation)
    {
        ArgumentNullException.ThrowIfNull(connection);
        lock (_gate)
        {
            Enter(operation);
            var secret = connection.Credentials.GetSecret(_options.SecretName);
            if (secret is null || (_options.ExpectedSecretValue is { } expected && !string.Equals(secret, expected, StringComparison.Ordinal)))
            {
                throw Error(CrmErrorKind.Unauthorized, $"invalid_grant: the CRM rejected the credentials (secret '{_options.SecretName}' missing or wrong).", "invalid_grant", 400);
            }

            var expiresAt = _time.GetUtcNow() + _options.TokenLifetime;
            _sessions[connection.ConnectionId] = expiresAt;
            return new CrmAuthorization
            {
                InstanceUrl = _options.InstanceUrl,
                TokenExpiresAt = expiresAt,
                OrganizationId = "fake-org",
                UserId = "fake-integration-user",
            };
        }
    }

    private (CrmRecordPage Page, Cursor Next) FullPage(CrmRecordKind kind, Cursor cursor)
    {
        var byId = Kind(_records, kind);
        var remaining = byId.Values
            .Select(e => e.Record)
            .Where(r => cursor.AfterId is null || string.CompareOrdinal(r.Id, cursor.AfterId) > 0)
            .OrderBy(r => r.Id, StringComparer.Ordinal)
            .ToArray();
        var records = remaining.Take(_options.PageSize).ToArray();
        var last = remaining.Length <= _options.PageSize;
        var next = last ? new Cursor(true, cursor.Sequence, null) : cursor with { AfterId = records[^1].Id };
        var page = new CrmRecordPage
        {
            Kind = kind,
            Records = records,
            Cursor = last && _options.TimestampChangeTracking
                ? new CrmChangeWatermark(new DateTimeOffset(cursor.Sequence, TimeSpan.Zero)).Encode() // the read's start
                : next.ToString(),
            IsLastPage = last,
            TotalCount = (_options.Capabilities & CrmCapabilities.TotalCounts) != 0 ? byId.Count : null,
        };
        return (page, next);
    }

    private (CrmRecordPage Page, Cursor Next) IncrementalPage(CrmRecordKind kind, Cursor cursor)
    {
        var reportDeletes = (_options.Capabilities & CrmCapabilities.DeletedRecords) != 0;
        var changes = Kind(_records, kind).Values
            .Where(e => e.Sequence > cursor.Sequence)
            .Select(e => (e.Sequence, Record: (CrmRecord?)e.Record, DeletedId: (string?)null))
            .Concat(reportDeletes
                ? Kind(_tombstones, kind).Where(t => t.Value > cursor.Sequence).Select(t => (Sequence: t.Value, Record: (CrmRecord?)null, DeletedId: (string?)t.Key))
                : [])
            .OrderBy(c => c.Sequence)
            .ToArray();
        var taken = changes.Take(_options.PageSize).ToArray();
        var last = changes.Length <= _options.PageSize;
        var next = taken.Length == 0 ? cursor : cursor with { Sequence = taken[^1].Sequence };
        var page = new CrmRecordPage
        {
            Kind = kind,
            Records = taken.Where(c => c.Record is not null).Select(c => c.Record!).ToArray(),
            DeletedIds = taken.Where(c => c.DeletedId is not null).Select(c => c.DeletedId!).ToArray(),
            Cursor = next.ToString(),
            IsLastPage = last,
            TotalCount = (_options.Capabilities & CrmCapabilities.TotalCounts) != 0 ? changes.Length : null,
        };
        return (page, next);
    }

    private Cursor ParseCursor(CrmReadRequest request)
    {
        if (request.Mode == CrmReadMode.Incremental && (_options.Capabilities & CrmCapabilities.IncrementalRead) == 0)
        {
            throw Error(CrmErrorKind.InvalidRequest, "This fake CRM has no incremental reads.", "NOT_SUPPORTED", 400);
        }

        if (request.Cursor is null)
        {
            if (request.Mode == CrmReadMode.Incremental)
            {
                throw Error(CrmErrorKind.InvalidRequest, "An incremental read needs a cursor.", "MISSING_CURSOR", 400);
            }

            lock (_gate)
            {
                // Timestamp tracking remembers when the full read started; sequence tracking, where.
                return new Cursor(false, _options.TimestampChangeTracking ? _time.GetUtcNow().UtcTicks : _sequence, null);
            }
        }

        return Cursor.TryParse(request.Cursor, out var cursor) && cursor.Incremental == (request.Mode == CrmReadMode.Incremental)
            ? cursor
            : throw Error(CrmErrorKind.InvalidRequest, $"The cursor '{request.Cursor}' is not one this fake CRM issued.", "INVALID_QUERY_LOCATOR", 400);
    }

    private void Enter(FakeCrmOperation operation)
    {
        _calls[operation] = _calls.GetValueOrDefault(operation) + 1;
        for (var i = 0; i < _faults.Count; i++)
        {
            var (fault, remaining) = _faults[i];
            if (fault.Operation != FakeCrmOperation.Any && fault.Operation != operation)
            {
                continue;
            }

            if (remaining > 0)
            {
                _faults[i] = (fault, remaining - 1);
                continue;
            }

            _faults.RemoveAt(i);
            throw new CrmException(fault.Kind, $"Injected {fault.Kind} fault in {operation}.")
            {
                System = _options.System,
                RetryAfter = fault.RetryAfter,
                Operation = operation.ToString(),
                ProviderErrorCode = "INJECTED_FAULT",
                StatusCode = fault.Kind switch
                {
                    CrmErrorKind.RateLimited => 429,
                    CrmErrorKind.Unauthorized => 401,
                    CrmErrorKind.Transient => 503,
                    _ => 400,
                },
            };
        }
    }

    private void RequireSession(CrmConnectionContext connection)
    {
        if (!_sessions.TryGetValue(connection.ConnectionId, out var expiresAt) || expiresAt <= _time.GetUtcNow())
        {
            throw Error(CrmErrorKind.Unauthorized, "Session expired or invalid.", "INVALID_SESSION_ID", 401);
        }
    }

    private CrmException Error(CrmErrorKind kind, string message, string code, int status) =>
        new(kind, message) { System = _options.System, ProviderErrorCode = code, StatusCode = status };

    private static string Digits(string phone) => new(phone.Where(char.IsAsciiDigit).ToArray());

    private static Dictionary<string, T> Kind<T>(Dictionary<CrmRecordKind, Dictionary<string, T>> map, CrmRecordKind kind)
    {
        if (!map.TryGetValue(kind, out var byId))
        {
            byId = new Dictionary<string, T>(StringComparer.Ordinal);
            map[kind] = byId;
        }

        return byId;
    }

    /// <summary>A read position: a full read from a change sequence after an id, or the changes after a sequence.</summary>
    private readonly record struct Cursor(bool Incremental, long Sequence, string? AfterId)
    {
        public override string ToString() =>
            Incremental ? $"inc:{Sequence.ToString(CultureInfo.InvariantCulture)}" : $"full:{Sequence.ToString(CultureInfo.InvariantCulture)}:{AfterId}";

        public static bool TryParse(string text, out Cursor cursor)
        {
            cursor = default;
            var parts = text.Split(':', 3);
            if (parts.Length < 2 || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
            {
                return false;
            }

            switch (parts[0])
            {
                case "inc" when parts.Length == 2:
                    cursor = new Cursor(true, sequence, null);
                    return true;
                case "full" when parts.Length == 3:
                    cursor = new Cursor(false, sequence, parts[2].Length == 0 ? null : parts[2]);
                    return true;
                default:
                    return false;
            }
        }
    }
}
