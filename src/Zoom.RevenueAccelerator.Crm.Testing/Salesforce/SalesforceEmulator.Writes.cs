using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace Zoom.RevenueAccelerator.Crm.Testing.Salesforce;

/// <summary>sObject create, update and upsert by external id, with the org's validation rules.</summary>
public sealed partial class SalesforceEmulator
{
    private Response Create(string typeName, JsonElement body)
    {
        lock (_org.Gate)
        {
            if (_org.Schema.Find(typeName) is not { } type)
            {
                return Error(404, "NOT_FOUND", "The requested resource does not exist");
            }

            if (!TryReadFields(type, body, creating: true, out var fields, out var error))
            {
                return error!;
            }

            if (Validate(type, fields, existing: null) is { } invalid)
            {
                return invalid;
            }

            var record = _org.Insert(type, fields);
            return Saved(201, record.Id, created: null);
        }
    }

    private Response UpdateRecord(string typeName, string id, JsonElement body)
    {
        lock (_org.Gate)
        {
            if (_org.Schema.Find(typeName) is not { } type || _org.Get(id) is not { } existing || existing.Type != type)
            {
                return Error(404, "NOT_FOUND", "Provided external ID field does not exist or is not accessible: " + id);
            }

            if (existing.IsDeleted)
            {
                return Error(404, "ENTITY_IS_DELETED", "entity is deleted");
            }

            if (!TryReadFields(type, body, creating: false, out var fields, out var error))
            {
                return error!;
            }

            if (Validate(type, fields, existing) is { } invalid)
            {
                return invalid;
            }

            _org.Update(existing, fields);
            return new Response(204, ReadOnlyMemory<byte>.Empty);
        }
    }

    private Response Upsert(string typeName, string field, string value, JsonElement body, bool updateOnly)
    {
        lock (_org.Gate)
        {
            if (_org.Schema.Find(typeName) is not { } type)
            {
                return Error(404, "NOT_FOUND", "The requested resource does not exist");
            }

            if (!type.Fields.ContainsKey(field) || !_externalIds.Contains(type.Name + "." + type.Canonical(field)))
            {
                return Error(404, "NOT_FOUND", $"Provided external ID field does not exist or is not accessible: {field}");
            }

            var canonical = type.Canonical(field);
            if (!TryReadFields(type, body, creating: true, out var fields, out var error))
            {
                return error!;
            }

            if (fields.Keys.Any(k => string.Equals(k, canonical, StringComparison.OrdinalIgnoreCase)))
            {
                return Error(400, "INVALID_FIELD", $"The {canonical} field should not be specified in the sobject data.");
            }

            var matches = _org.All(type).Where(r => !r.IsDeleted && string.Equals(r.Get(canonical) as string, value, StringComparison.OrdinalIgnoreCase)).ToList();
            if (matches.Count > 1)
            {
                return Json(300, w =>
                {
                    w.WriteStartArray();
                    foreach (var m in matches)
                    {
                        w.WriteStringValue($"/services/data/v{ApiVersion}/sobjects/{type.Name}/{m.Id}");
                    }

                    w.WriteEndArray();
                });
            }

            if (matches.Count == 1)
            {
                fields.Remove("TaskSubtype"); // set on create only; Salesforce ignores it here rather than fail the upsert
                if (Validate(type, fields, matches[0]) is { } invalid)
                {
                    return invalid;
                }

                _org.Update(matches[0], fields);
                return Saved(200, matches[0].Id, created: false);
            }

            if (updateOnly)
            {
                return Error(404, "NOT_FOUND", "The requested resource does not exist");
            }

            fields[canonical] = value;
            if (Validate(type, fields, existing: null) is { } refused)
            {
                return refused;
            }

            return Saved(201, _org.Insert(type, fields).Id, created: true);
        }
    }

    private Response? Validate(SfObject type, Dictionary<string, object?> fields, SfRecord? existing)
    {
        foreach (var (name, value) in fields)
        {
            if (value is string s && s.Length > (name == "Description" ? 32_000 : 255))
            {
                return Error(400, "STRING_TOO_LONG", $"{name}: data value too large: {s[..Math.Min(20, s.Length)]}... (max length={(name == "Description" ? 32_000 : 255)})", name);
            }
        }

        if (type.Name != "Task")
        {
            return null;
        }

        if (existing is not null && fields.ContainsKey("TaskSubtype"))
        {
            return Error(400, "INVALID_FIELD_FOR_INSERT_UPDATE", "Unable to create/update fields: TaskSubtype. Please check the security settings of this field and verify that it is read/write for your profile or permission set.", "TaskSubtype");
        }

        var who = fields.TryGetValue("WhoId", out var w) ? w as string : existing?.Get("WhoId") as string;
        var what = fields.TryGetValue("WhatId", out var x) ? x as string : existing?.Get("WhatId") as string;
        foreach (var (name, id, prefixes) in new[] { ("WhoId", who, new[] { "003", "00Q" }), ("WhatId", what, new[] { "001", "006" }) })
        {
            if (id is null)
            {
                continue;
            }

            if (id.Length is not (15 or 18))
            {
                return Error(400, "MALFORMED_ID", $"{name}: id value of incorrect type: {id}", name);
            }

            if (!prefixes.Contains(id[..3], StringComparer.Ordinal) || _org.Get(id) is not { IsDeleted: false })
            {
                return Error(400, "INVALID_CROSS_REFERENCE_KEY", $"{name}: id value of incorrect type: {id}", name);
            }
        }

        if (who is not null && who.StartsWith("00Q", StringComparison.Ordinal) && what is not null)
        {
            return Error(400, "FIELD_INTEGRITY_EXCEPTION", "Related To ID: You can't associate a task with a lead and a related record.", "WhatId");
        }

        return null;
    }

    private static bool TryReadFields(SfObject type, JsonElement body, bool creating, out Dictionary<string, object?> fields, out Response? error)
    {
        fields = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        error = null;
        if (body.ValueKind != JsonValueKind.Object)
        {
            error = Error(400, "JSON_PARSER_ERROR", "The request body must be a JSON object.");
            return false;
        }

        foreach (var property in body.EnumerateObject())
        {
            if (property.NameEquals("attributes"))
            {
                continue;
            }

            if (!type.Fields.TryGetValue(property.Name, out var fieldType))
            {
                error = Error(400, "INVALID_FIELD", $"No such column '{property.Name}' on sobject of type {type.Name}");
                return false;
            }

            if (fieldType is SfFieldType.Id && property.Name.Equals("Id", StringComparison.OrdinalIgnoreCase)
                || property.Name is "IsDeleted" or "CreatedDate" or "LastModifiedDate" or "SystemModstamp" or "IsClosed" or "IsWon")
            {
                error = Error(400, "INVALID_FIELD", creating ? $"The {property.Name} field should not be specified in the sobject data." : $"Unable to create/update fields: {property.Name}.");
                return false;
            }

            var value = property.Value;
            object? parsed = value.ValueKind switch
            {
                JsonValueKind.Null => null,
                JsonValueKind.True or JsonValueKind.False when fieldType == SfFieldType.Boolean => value.GetBoolean(),
                JsonValueKind.Number when fieldType == SfFieldType.Number => value.GetDecimal(),
                JsonValueKind.String when fieldType is SfFieldType.String or SfFieldType.Id => value.GetString(),
                JsonValueKind.String when fieldType == SfFieldType.Date && DateOnly.TryParseExact(value.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) => date,
                JsonValueKind.String when fieldType == SfFieldType.DateTime && DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) => at.ToUniversalTime(),
                _ => s_invalid,
            };
            if (ReferenceEquals(parsed, s_invalid))
            {
                error = Error(400, "JSON_PARSER_ERROR", $"Cannot deserialize instance of {fieldType.ToString().ToLowerInvariant()} from {value.ValueKind} value for field {property.Name}");
                return false;
            }

            fields[type.Canonical(property.Name)] = parsed;
        }

        return true;
    }

    private static readonly object s_invalid = new();

    private static async Task<JsonElement> ReadBodyAsync(HttpContext context)
    {
        using var document = await JsonDocument.ParseAsync(context.Request.Body).ConfigureAwait(false);
        return document.RootElement.Clone();
    }

    private static Response Saved(int status, string id, bool? created) => Json(status, w =>
    {
        w.WriteStartObject();
        w.WriteString("id", id);
        w.WriteBoolean("success", true);
        w.WriteStartArray("errors");
        w.WriteEndArray();
        if (created is { } c)
        {
            w.WriteBoolean("created", c);
        }

        w.WriteEndObject();
    });
}
