using System.Runtime.CompilerServices;
using Zoom.RevenueAccelerator.Crm;

namespace CustomConnector;

/// <summary>
/// A connector for "Pipedrift", a made-up CRM whose API is a list of records with an
/// "updated at" stamp and an API key. It shows the contract a partner implements: a session per
/// connection, paged reads with resumable cursors (full by offset, incremental by an inclusive
/// watermark), deletions, lookups, an idempotent activity upsert, and CrmException for failures.
/// A real connector makes HTTP calls through IHttpClientFactory where this one reads a list.
/// </summary>
internal sealed class PipedriftConnector(PipedriftServer server, TimeProvider time) : ICrmConnector
{
    private const int PageSize = 100;

    public CrmConnectorMetadata Metadata { get; } = new()
    {
        System = new CrmSystem("pipedrift"),
        ApiVersion = "1",
        Capabilities = CrmCapabilities.IncrementalRead | CrmCapabilities.DeletedRecords | CrmCapabilities.LookupByEmail | CrmCapabilities.WriteActivities | CrmCapabilities.NativeActivityUpsert,
        SupportedKinds = [CrmRecordKind.Account, CrmRecordKind.Contact, CrmRecordKind.Opportunity, CrmRecordKind.User],
    };

    public Task<CrmAuthorization> ConnectAsync(CrmConnectionContext connection, CancellationToken cancellationToken = default)
    {
        Authenticate(connection, "connect");
        return Task.FromResult(new CrmAuthorization { InstanceUrl = new Uri("https://api.pipedrift.example/"), TokenExpiresAt = null });
    }

    /// <summary>
    /// Every call carries its own connection's key, as each request to Pipedrift would: one
    /// connection's credentials never serve another's call. Never put the key in a message.
    /// </summary>
    private void Authenticate(CrmConnectionContext connection, string operation)
    {
        if (connection.Credentials.GetSecret("apiKey") != server.ApiKey)
        {
            throw new CrmException(CrmErrorKind.Unauthorized, "Pipedrift refused the API key of this connection.") { System = Metadata.System, StatusCode = 401, Operation = operation };
        }
    }

    public Task<CrmAuthorization> RefreshAsync(CrmConnectionContext connection, CancellationToken cancellationToken = default) => ConnectAsync(connection, cancellationToken);

    public Task RevokeAsync(CrmConnectionContext connection, CancellationToken cancellationToken = default) => Task.CompletedTask; // API keys cannot be revoked by the API

    public async IAsyncEnumerable<CrmRecordPage> ReadAsync(CrmConnectionContext connection, CrmReadRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        cancellationToken.ThrowIfCancellationRequested();
        Authenticate(connection, "read");
        if (request.Mode == CrmReadMode.Full || request.Cursor is null)
        {
            // Full: pages by position in id order; the cursor is the next position. The last page's
            // cursor is where incremental reads start: the watermark at the read's start.
            var startedAt = time.GetUtcNow();
            var all = server.Live(request.Kind).OrderBy(r => r.Id, StringComparer.Ordinal).ToList();
            var offset = request.Cursor is { } c && c.StartsWith("full:", StringComparison.Ordinal) ? int.Parse(c[5..], System.Globalization.CultureInfo.InvariantCulture) : 0;
            do
            {
                cancellationToken.ThrowIfCancellationRequested();
                var page = all.Skip(offset).Take(PageSize).ToList();
                offset += page.Count;
                var last = offset >= all.Count;
                yield return new CrmRecordPage
                {
                    Kind = request.Kind,
                    Records = page,
                    Cursor = last ? new CrmChangeWatermark(startedAt).Encode() : "full:" + offset.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    IsLastPage = last,
                    TotalCount = all.Count,
                };
            }
            while (offset < all.Count);
            yield break;
        }

        // Incremental: everything stamped at or after the watermark (inclusive), minus what the
        // watermark already delivered at its instant; deletions come as ids.
        if (!CrmChangeWatermark.TryParse(request.Cursor, out var watermark))
        {
            throw new CrmException(CrmErrorKind.CursorExpired, "The cursor is not one this connector wrote; read in full.");
        }

        var changes = server.ChangedSince(request.Kind, watermark!.QueryFrom(TimeSpan.Zero))
            .Where(c => !watermark.HasSeen(c.Id, c.At)).OrderBy(c => c.At).ThenBy(c => c.Id, StringComparer.Ordinal).ToList();
        var next = watermark.Advance(changes.Select(c => (c.Id, c.At)));
        yield return new CrmRecordPage
        {
            Kind = request.Kind,
            Records = changes.Where(c => c.Record is not null).Select(c => c.Record!).ToList(),
            DeletedIds = changes.Where(c => c.Record is null).Select(c => c.Id).ToList(),
            Cursor = next.Encode(),
            IsLastPage = true,
        };
    }

    public Task<CrmLookupResult> LookupAsync(CrmConnectionContext connection, CrmLookupRequest request, CancellationToken cancellationToken = default)
    {
        Authenticate(connection, "lookup");
        var emails = request.Emails.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var contacts = server.Live(CrmRecordKind.Contact).OfType<CrmContact>().Where(c => c.Emails.Any(emails.Contains)).ToList();
        var accountIds = contacts.Select(c => c.AccountId).ToHashSet(StringComparer.Ordinal);
        var related = server.Live(CrmRecordKind.Account).Where(a => accountIds.Contains(a.Id))
            .Concat(server.Live(CrmRecordKind.Opportunity).OfType<CrmOpportunity>().Where(o => accountIds.Contains(o.AccountId)));
        return Task.FromResult(new CrmLookupResult { Records = [.. contacts, .. related], ApiCalls = 1 });
    }

    public Task<CrmActivityResult> UpsertActivityAsync(CrmConnectionContext connection, CrmActivity activity, CancellationToken cancellationToken = default)
    {
        Authenticate(connection, "write");

        // Pipedrift keys activities by an external id: the conversation id makes the write idempotent.
        var created = server.Activities.TryAdd(activity.ConversationId, activity);
        if (!created)
        {
            server.Activities[activity.ConversationId] = activity;
        }

        return Task.FromResult(new CrmActivityResult("act-" + activity.ConversationId, created));
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => serviceType.IsInstanceOfType(this) ? this : null;
}

/// <summary>The made-up CRM's data: live records with their last change, and deletions.</summary>
internal sealed class PipedriftServer(TimeProvider time)
{
    private readonly Dictionary<string, (CrmRecord? Record, CrmRecordKind Kind, DateTimeOffset At)> _rows = new(StringComparer.Ordinal);

    public string ApiKey { get; } = "pd-demo-key";

    public Dictionary<string, CrmActivity> Activities { get; } = new(StringComparer.Ordinal);

    public void Save(CrmRecord record) => _rows[record.Id] = (record with { LastModified = time.GetUtcNow() }, record.Kind, time.GetUtcNow());

    public void Delete(string id) => _rows[id] = (null, _rows[id].Kind, time.GetUtcNow());

    public IEnumerable<CrmRecord> Live(CrmRecordKind kind) => _rows.Values.Where(r => r.Kind == kind && r.Record is not null).Select(r => r.Record!);

    public IEnumerable<(string Id, CrmRecord? Record, DateTimeOffset At)> ChangedSince(CrmRecordKind kind, DateTimeOffset from) =>
        _rows.Where(r => r.Value.Kind == kind && r.Value.At >= from).Select(r => (r.Key, r.Value.Record, r.Value.At));
}
