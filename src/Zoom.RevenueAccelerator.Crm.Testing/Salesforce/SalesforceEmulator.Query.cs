using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Zoom.RevenueAccelerator.Crm.Testing.Salesforce;

/// <summary>The query resources: query, queryAll, queryMore (session-bound locators), sObject retrieve and the deleted-records window.</summary>
public sealed partial class SalesforceEmulator
{
    private Response Query(HttpContext context, Session session, string version, string soql, bool all)
    {
        if (string.IsNullOrWhiteSpace(soql))
        {
            return Error(400, "MALFORMED_QUERY", "A query string has to be specified");
        }

        var query = SoqlParser.Parse(soql);
        var batch = _options.DefaultBatchSize;
        var header = context.Request.Headers["Sforce-Query-Options"].ToString();
        if (header.StartsWith("batchSize=", StringComparison.OrdinalIgnoreCase) && int.TryParse(header.AsSpan(10), NumberStyles.None, CultureInfo.InvariantCulture, out var requested))
        {
            batch = Math.Clamp(requested, 200, 2000);
        }

        lock (_org.Gate)
        {
            var target = _org.Schema.Find(query.From);
            if (target is null)
            {
                return Error(400, "INVALID_TYPE", $"sObject type '{query.From}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name.");
            }

            SoqlEvaluator.Validate(_org.Schema, query, target);
            IEnumerable<SfRecord> rows = _org.All(target).Where(r => (all || !r.IsDeleted) && SoqlEvaluator.Matches(query.Where, r));
            var ordered = rows.Order(new RecordOrder(query.OrderBy)).ToList();
            if (query.Limit is { } limit && ordered.Count > limit)
            {
                ordered.RemoveRange(limit, ordered.Count - limit);
            }

            var children = query.Children.Select(child =>
            {
                var (childObject, foreignKey) = target.Children[child.From];
                var childType = _org.Schema.Find(childObject)!;
                var byParent = _org.All(childType).Where(r => !r.IsDeleted && SoqlEvaluator.Matches(child.Where, r))
                    .GroupBy(r => (string)r.Get(foreignKey)!, StringComparer.OrdinalIgnoreCase)
                    .ToDictionary(g => g.Key, g => g.OrderBy(r => r.Id, StringComparer.Ordinal).ToList(), StringComparer.OrdinalIgnoreCase);
                return new ChildResult(child, childType, byParent);
            }).ToList();

            var locator = new Locator(session.Token, version, query, target, ordered, children, batch) { LastUsed = _time.GetUtcNow() };
            return Page(locator, 0);
        }
    }

    private Response QueryMore(Session session, string locatorAndOffset)
    {
        var dash = locatorAndOffset.LastIndexOf('-');
        lock (_org.Gate)
        {
            if (dash <= 0 || !int.TryParse(locatorAndOffset.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var offset)
                || !_locators.TryGetValue(locatorAndOffset[..dash], out var locator)
                || !string.Equals(locator.Token, session.Token, StringComparison.Ordinal)
                || _time.GetUtcNow() - locator.LastUsed > _options.LocatorIdleTimeout
                || offset > locator.Rows.Count)
            {
                return Error(400, "INVALID_QUERY_LOCATOR", "invalid query locator");
            }

            locator.LastUsed = _time.GetUtcNow();
            return Page(locator, offset);
        }
    }

    private Response Page(Locator locator, int offset)
    {
        var end = Math.Min(locator.Rows.Count, offset + locator.BatchSize);
        var done = end >= locator.Rows.Count;
        if (!done && locator.Id is null)
        {
            locator.Id = "01gEM" + (++_locatorCounter).ToString("D10", CultureInfo.InvariantCulture) + "AAA";
            _locators[locator.Id] = locator;
            var open = _locators.Values.Where(l => l.Token == locator.Token).OrderBy(l => l.Created).ToList();
            foreach (var stale in open.Take(Math.Max(0, open.Count - _options.MaxOpenLocators)))
            {
                _locators.Remove(stale.Id!);
            }
        }
        else if (done && locator.Id is not null)
        {
            _locators.Remove(locator.Id);
        }

        return Json(200, w =>
        {
            w.WriteStartObject();
            w.WriteNumber("totalSize", locator.Rows.Count);
            w.WriteBoolean("done", done);
            if (!done)
            {
                w.WriteString("nextRecordsUrl", $"/services/data/{locator.Version}/query/{locator.Id}-{end}");
            }

            w.WriteStartArray("records");
            for (var i = offset; i < end; i++)
            {
                WriteRecord(w, locator.Version, locator.Rows[i], locator.Fields, locator.Children);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    /// <summary>Writes one record; <paramref name="fields"/> are canonical names (resolved once per query).</summary>
    private static void WriteRecord(Utf8JsonWriter w, string version, SfRecord record, IReadOnlyList<string> fields, IReadOnlyList<ChildResult> children)
    {
        w.WriteStartObject();
        w.WriteStartObject("attributes");
        w.WriteString("type", record.Type.Name);
        w.WriteString("url", $"/services/data/{version}/sobjects/{record.Type.Name}/{record.Id}");
        w.WriteEndObject();
        foreach (var name in fields)
        {
            w.WritePropertyName(name);
            WriteValue(w, record.Get(name));
        }

        foreach (var child in children)
        {
            w.WritePropertyName(child.Query.From);
            if (!child.ByParent.TryGetValue(record.Id, out var rows) || rows.Count == 0)
            {
                w.WriteNullValue();
                continue;
            }

            w.WriteStartObject();
            w.WriteNumber("totalSize", rows.Count);
            w.WriteBoolean("done", true);
            w.WriteStartArray("records");
            foreach (var row in rows)
            {
                WriteRecord(w, version, row, child.Fields, []);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter w, object? value)
    {
        switch (value)
        {
            case null: w.WriteNullValue(); break;
            case string s: w.WriteStringValue(s); break;
            case bool b: w.WriteBooleanValue(b); break;
            case decimal d: w.WriteNumberValue(d); break;
            case DateTimeOffset at: w.WriteStringValue(FormatDateTime(at)); break;
            case DateOnly date: w.WriteStringValue(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)); break;
            default: w.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture)); break;
        }
    }

    private static string FormatDateTime(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff", CultureInfo.InvariantCulture) + "+0000";

    private Response Deleted(HttpContext context, string typeName)
    {
        lock (_org.Gate)
        {
            if (_org.Schema.Find(typeName) is not { } type)
            {
                return Error(404, "NOT_FOUND", "The requested resource does not exist");
            }

            if (!DateTimeOffset.TryParse(context.Request.Query["start"], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var start)
                || !DateTimeOffset.TryParse(context.Request.Query["end"], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var end))
            {
                return Error(400, "INVALID_REPLICATION_DATE", "start and end are required ISO 8601 date-times");
            }

            var now = _time.GetUtcNow();
            var earliest = now - TimeSpan.FromDays(15);
            var deleted = _org.All(type).Where(r => r.IsDeleted && (DateTimeOffset)r.Get("SystemModstamp")! >= start && (DateTimeOffset)r.Get("SystemModstamp")! <= end).ToList();
            return Json(200, w =>
            {
                w.WriteStartObject();
                w.WriteStartArray("deletedRecords");
                foreach (var r in deleted)
                {
                    w.WriteStartObject();
                    w.WriteString("id", r.Id);
                    w.WriteString("deletedDate", FormatDateTime((DateTimeOffset)r.Get("SystemModstamp")!));
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteString("earliestDateAvailable", FormatDateTime(earliest));
                w.WriteString("latestDateCovered", FormatDateTime(end < now ? end : now));
                w.WriteEndObject();
            });
        }
    }

    private Response Retrieve(string version, string typeName, string id)
    {
        lock (_org.Gate)
        {
            if (_org.Schema.Find(typeName) is not { } type || _org.Get(id) is not { IsDeleted: false } record || record.Type != type)
            {
                return Error(404, "NOT_FOUND", "The requested resource does not exist");
            }

            return Json(200, w => WriteRecord(w, version, record, type.Fields.Keys.ToArray(), []));
        }
    }
}
