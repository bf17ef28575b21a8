using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace Zoom.RevenueAccelerator.Crm.Salesforce.Internal;

internal sealed partial class SalesforceConnector
{
    private const int IdsPerQuery = 200;

    public async IAsyncEnumerable<CrmRecordPage> ReadAsync(CrmConnectionContext connection, CrmReadRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(request);
        var kind = request.Kind;
        var objectName = SalesforceRecords.ObjectName(kind);
        var filter = SalesforceRecords.Filter(kind);
        var cursor = SalesforceCursor.Parse(request.Cursor);
        var now = _time.GetUtcNow();

        if (request.Mode == CrmReadMode.Full || cursor is null)
        {
            // Keyset paging by Id: resumable from any page without a query locator.
            var state = cursor is { Full: true } ? cursor : new SalesforceCursor(true, now, null, null, now);
            string Query()
            {
                var where = new List<string>(2);
                if (filter is not null)
                {
                    where.Add(filter);
                }

                if (state.LastId is not null)
                {
                    where.Add("Id > " + Soql.Quote(state.LastId));
                }

                return $"SELECT {SalesforceRecords.Fields(kind, TeamMembers(connection))} FROM {objectName}{(where.Count > 0 ? " WHERE " + string.Join(" AND ", where) : string.Empty)} ORDER BY Id";
            }

            long delivered = 0;
            long deliveredBeforeQuery = 0;
            await foreach (var page in QueryPagesAsync(connection, kind, Query, all: false, cancellationToken).ConfigureAwait(false))
            {
                var records = page.Rows.Select(r => r.Record).ToList();
                if (page.FirstOfQuery)
                {
                    // totalSize counts the whole result of this query, which starts after the records already delivered.
                    deliveredBeforeQuery = delivered;
                }

                delivered += records.Count;
                if (records.Count > 0)
                {
                    state = state with { LastId = records[^1].Id };
                }

                var cursorOut = page.Done
                    ? new SalesforceCursor(false, state.Start, null, new CrmChangeWatermark(state.Start), state.Start).Encode()
                    : state.Encode();
                yield return new CrmRecordPage { Kind = kind, Records = records, Cursor = cursorOut, IsLastPage = page.Done, TotalCount = deliveredBeforeQuery + page.TotalSize };
            }

            yield break;
        }

        if (cursor.Full)
        {
            throw new CrmException(CrmErrorKind.CursorExpired, "An incremental read was given a full-read cursor; the kind is read again in full.") { System = CrmSystem.Salesforce, Operation = "read" };
        }

        var watermark = cursor.Watermark!;
        var from = watermark.QueryFrom(_options.ChangeOverlap);
        if (now - from > _options.DeletedRecordsWindow)
        {
            // Deletions older than the recycle bin cannot be read: read in full and reconcile.
            throw new CrmException(CrmErrorKind.CursorExpired, $"The last {objectName} changes were read {(now - from).TotalDays:F0} days ago, beyond the {_options.DeletedRecordsWindow.TotalDays:F0}-day window in which Salesforce reports deletions; the kind is read again in full.")
            {
                System = CrmSystem.Salesforce,
                Operation = "read",
            };
        }

        // queryAll returns changed and deleted rows (IsDeleted = true) in one ordered stream.
        string Changes()
        {
            var since = watermark.QueryFrom(_options.ChangeOverlap);
            return $"SELECT {SalesforceRecords.Fields(kind, TeamMembers(connection))}, IsDeleted FROM {objectName} WHERE SystemModstamp >= {Soql.DateTime(since)}{(filter is null ? string.Empty : " AND " + filter)} ORDER BY SystemModstamp, Id";
        }

        var seenThisRead = new HashSet<string>(StringComparer.Ordinal);
        var rolesFrom = cursor.RolesFrom;
        await foreach (var page in QueryPagesAsync(connection, kind, Changes, all: true, cancellationToken).ConfigureAwait(false))
        {
            var records = new List<CrmRecord>(page.Rows.Count);
            var deleted = new List<string>();
            foreach (var (record, isDeleted) in page.Rows)
            {
                if (watermark.HasSeen(record.Id, record.LastModified))
                {
                    continue;
                }

                seenThisRead.Add(record.Id);
                if (isDeleted)
                {
                    deleted.Add(record.Id);
                }
                else
                {
                    records.Add(record);
                }
            }

            watermark = watermark.Advance(page.Rows.Select(r => (r.Record.Id, r.Record.LastModified)));
            if (page.Done)
            {
                // Everything changed before this read began has been seen: a quiet kind's cursor moves
                // on too (like a full read's), rather than falling behind the deletions window.
                watermark = Later(watermark, now);
            }

            var last = page.Done && kind != CrmRecordKind.Opportunity;
            yield return new CrmRecordPage
            {
                Kind = kind,
                Records = records,
                DeletedIds = deleted,
                Cursor = new SalesforceCursor(false, rolesFrom, null, watermark, rolesFrom).Encode(),
                IsLastPage = last,
            };
        }

        if (kind != CrmRecordKind.Opportunity)
        {
            yield break;
        }

        // A contact role or team member added or removed does not touch its opportunity's
        // SystemModstamp: read the opportunities whose roles or members changed since the last read.
        var changed = new HashSet<string>(StringComparer.Ordinal);
        var childObjects = TeamMembers(connection) ? new[] { "OpportunityContactRole", "OpportunityTeamMember" } : ["OpportunityContactRole"];
        foreach (var child in childObjects)
        {
            var soql = $"SELECT OpportunityId FROM {child} WHERE SystemModstamp >= {Soql.DateTime(rolesFrom - _options.ChangeOverlap)}";
            await foreach (var page in QueryRowsAsync(connection, soql, all: true, r => SalesforceRecords.String(r, "OpportunityId"), cancellationToken).ConfigureAwait(false))
            {
                foreach (var id in page)
                {
                    if (id is not null && !seenThisRead.Contains(id))
                    {
                        changed.Add(id);
                    }
                }
            }
        }

        var ids = changed.Order(StringComparer.Ordinal).ToList();
        var finalCursor = new SalesforceCursor(false, now, null, watermark, now).Encode();
        var interim = new SalesforceCursor(false, rolesFrom, null, watermark, rolesFrom).Encode();
        for (var offset = 0; offset < ids.Count; offset += IdsPerQuery)
        {
            var chunk = ids.Skip(offset).Take(IdsPerQuery);
            var soql = $"SELECT {SalesforceRecords.Fields(kind, TeamMembers(connection))} FROM Opportunity WHERE Id IN {Soql.List(chunk)}";
            var records = new List<CrmRecord>();
            await foreach (var page in QueryRowsAsync(connection, soql, all: false, r => SalesforceRecords.Map(kind, r).Record, cancellationToken).ConfigureAwait(false))
            {
                records.AddRange(page);
            }

            var done = offset + IdsPerQuery >= ids.Count;
            yield return new CrmRecordPage { Kind = kind, Records = records, Cursor = done ? finalCursor : interim, IsLastPage = done };
        }

        if (ids.Count == 0)
        {
            yield return new CrmRecordPage { Kind = kind, Cursor = finalCursor, IsLastPage = true };
        }
    }

    private static CrmChangeWatermark Later(CrmChangeWatermark watermark, DateTimeOffset at) => at > watermark.Timestamp ? new CrmChangeWatermark(at) : watermark;

    private bool TeamMembers(CrmConnectionContext connection) => _options.ReadOpportunityTeamMembers && !_noTeamMembers.ContainsKey(connection.ConnectionId);

    /// <summary>
    /// Runs a query and follows nextRecordsUrl. When the locator is lost (the session was renewed, or it
    /// expired), the query is built again by <paramref name="soql"/> (from the caller's cursor) and restarts.
    /// </summary>
    private async IAsyncEnumerable<Page<(CrmRecord Record, bool IsDeleted)>> QueryPagesAsync(CrmConnectionContext connection, CrmRecordKind kind, Func<string> soql, bool all, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? next = null;
        var restarts = 0;
        while (true)
        {
            Page<(CrmRecord Record, bool IsDeleted)> page;
            try
            {
                page = await FetchAsync(connection, next, soql, all, row => SalesforceRecords.Map(kind, row), cancellationToken).ConfigureAwait(false);
                restarts = 0;
            }
            catch (SessionRenewedException) when (restarts < 3)
            {
                restarts++;
                Log.QueryRestarted(_logger, kind, connection.TenantId, connection.ConnectionId, "the session was renewed");
                next = null;
                continue;
            }
            catch (CrmException ex) when (ex.Kind == CrmErrorKind.CursorExpired && next is not null && restarts < 3)
            {
                restarts++;
                Log.QueryRestarted(_logger, kind, connection.TenantId, connection.ConnectionId, "the query locator expired");
                next = null;
                continue;
            }
            catch (CrmException ex) when (ex.Kind == CrmErrorKind.InvalidRequest && kind == CrmRecordKind.Opportunity && TeamMembers(connection)
                && ex.Message.Contains("OpportunityTeamMember", StringComparison.OrdinalIgnoreCase))
            {
                _noTeamMembers[connection.ConnectionId] = true;
                Log.NoOpportunityTeams(_logger, connection.TenantId, connection.ConnectionId);
                next = null;
                continue;
            }

            yield return page;
            if (page.Done)
            {
                yield break;
            }

            next = page.NextRecordsUrl;
        }
    }

    /// <summary>
    /// Rows of a small query (lookups, id lists), all pages. A lost locator restarts the query from the
    /// top, so a row may come twice: callers collect into sets keyed by id.
    /// </summary>
    private async IAsyncEnumerable<List<T>> QueryRowsAsync<T>(CrmConnectionContext connection, string soql, bool all, Func<JsonElement, T> map, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? next = null;
        var restarts = 0;
        while (true)
        {
            Page<T> page;
            try
            {
                page = await FetchAsync(connection, next, () => soql, all, map, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when ((ex is SessionRenewedException || ex is CrmException { Kind: CrmErrorKind.CursorExpired }) && next is not null && restarts++ < 3)
            {
                next = null;
                continue;
            }

            yield return page.Rows;
            if (page.Done)
            {
                yield break;
            }

            next = page.NextRecordsUrl;
        }
    }

    private async Task<Page<T>> FetchAsync<T>(CrmConnectionContext connection, string? next, Func<string> soql, bool all, Func<JsonElement, T> map, CancellationToken cancellationToken)
    {
        var operation = next is null ? (all ? "queryAll" : "query") : "queryMore";
        HttpRequestMessage Build(SalesforceSession session)
        {
            Uri uri;
            if (next is null)
            {
                uri = DataUri(session, (all ? "queryAll" : "query") + "?q=" + Uri.EscapeDataString(soql()));
            }
            else if (next.StartsWith("/services/data/", StringComparison.Ordinal) && !next.Contains("//", StringComparison.Ordinal))
            {
                // Only ever a path on the session's own instance: the token never goes to another host.
                uri = new Uri(session.InstanceUrl, next);
            }
            else
            {
                throw new CrmException(CrmErrorKind.ProviderError, "Salesforce returned a nextRecordsUrl that is not a path on the instance.") { System = CrmSystem.Salesforce, Operation = operation };
            }

            var request = new HttpRequestMessage(HttpMethod.Get, uri);
            request.Headers.TryAddWithoutValidation("Sforce-Query-Options", "batchSize=" + _options.PageSize.ToString(System.Globalization.CultureInfo.InvariantCulture));
            return request;
        }

        using var response = await SendAsync(connection, Build, operation, sessionBound: next is not null, cancellationToken).ConfigureAwait(false);
        using var document = await ReadJsonAsync(response, operation, cancellationToken).ConfigureAwait(false);
        try
        {
            var root = document.RootElement;
            var done = root.GetProperty("done").GetBoolean();
            var total = root.TryGetProperty("totalSize", out var t) && t.ValueKind == JsonValueKind.Number ? t.GetInt64() : 0;
            var nextUrl = done ? null : root.GetProperty("nextRecordsUrl").GetString() ?? throw new JsonException("nextRecordsUrl is missing.");
            var records = root.GetProperty("records");
            var rows = new List<T>(records.GetArrayLength());
            foreach (var row in records.EnumerateArray())
            {
                rows.Add(map(row));
            }

            return new Page<T>(rows, done, nextUrl, total, FirstOfQuery: next is null);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw SalesforceHttp.Malformed(operation, ex);
        }
    }

    /// <summary>One page of a query's result; <paramref name="TotalSize"/> counts the whole result of the query that <paramref name="FirstOfQuery"/> began.</summary>
    private sealed record Page<T>(List<T> Rows, bool Done, string? NextRecordsUrl, long TotalSize, bool FirstOfQuery);
}
