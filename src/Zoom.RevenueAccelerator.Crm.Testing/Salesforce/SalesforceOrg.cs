using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Zoom.RevenueAccelerator.Crm.Testing.Salesforce;

/// <summary>The emulated org's records, with soft deletes (the recycle bin) and SystemModstamp kept by the org's clock.</summary>
internal sealed class SalesforceOrg
{
    private readonly Dictionary<string, Dictionary<string, SfRecord>> _records = new(StringComparer.OrdinalIgnoreCase);
    private readonly TimeProvider _time;
    private long _nextId = 900_000_000_000;

    public SalesforceOrg(SalesforceSchema schema, TimeProvider time)
    {
        Schema = schema;
        _time = time;
        foreach (var obj in schema.Objects)
        {
            _records[obj.Name] = new Dictionary<string, SfRecord>(StringComparer.OrdinalIgnoreCase);
        }
    }

    public object Gate { get; } = new();

    public SalesforceSchema Schema { get; }

    public IEnumerable<SfRecord> All(SfObject type) => _records[type.Name].Values;

    public SfRecord? Get(string id)
    {
        var type = Schema.ForId(id);
        return type is null ? null : _records[type.Name].GetValueOrDefault(id);
    }

    public int Count => _records.Values.Sum(r => r.Values.Count(v => !v.IsDeleted));

    public SfRecord Insert(SfObject type, IReadOnlyDictionary<string, object?> fields, DateTimeOffset? stamp = null)
    {
        var at = stamp ?? Now();
        var values = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in fields)
        {
            values[type.Canonical(name)] = value;
        }

        if (values.GetValueOrDefault("Id") is not string id)
        {
            id = type.KeyPrefix + (_nextId++).ToString("D12", CultureInfo.InvariantCulture) + "AAA";
            values["Id"] = id;
        }

        foreach (var (field, fieldType) in type.Fields)
        {
            values.TryAdd(field, fieldType == SfFieldType.Boolean ? false : null);
        }

        values["IsDeleted"] = false;
        values["CreatedDate"] ??= at;
        values["LastModifiedDate"] = at;
        values["SystemModstamp"] = at;
        Derive(type, values);
        var record = new SfRecord(type, values);
        _records[type.Name][id] = record;
        return record;
    }

    public SfRecord Update(SfRecord existing, IReadOnlyDictionary<string, object?> fields)
    {
        var at = Now();
        var values = new Dictionary<string, object?>(existing.Fields, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in fields)
        {
            values[existing.Type.Canonical(name)] = value;
        }

        values["LastModifiedDate"] = at;
        values["SystemModstamp"] = at;
        Derive(existing.Type, values);
        var record = new SfRecord(existing.Type, values);
        _records[existing.Type.Name][existing.Id] = record;
        return record;
    }

    /// <summary>Moves a record to the recycle bin: queryAll still returns it, with IsDeleted = true.</summary>
    public bool SoftDelete(string id)
    {
        if (Get(id) is not { IsDeleted: false } existing)
        {
            return false;
        }

        Update(existing, new Dictionary<string, object?> { ["IsDeleted"] = true });
        return true;
    }

    /// <summary>Empties the record from the recycle bin: no API returns it any more.</summary>
    public bool Purge(string id)
    {
        var type = Schema.ForId(id);
        return type is not null && _records[type.Name].Remove(id);
    }

    private DateTimeOffset Now()
    {
        // Salesforce keeps whole milliseconds.
        var now = _time.GetUtcNow();
        return new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
    }

    private static void Derive(SfObject type, Dictionary<string, object?> values)
    {
        if (type.Name is "Contact" or "Lead" or "User" && values.ContainsKey("LastName"))
        {
            values["Name"] = string.Join(' ', new[] { values.GetValueOrDefault("FirstName") as string, values.GetValueOrDefault("LastName") as string }.Where(s => !string.IsNullOrEmpty(s)));
        }

        if (type.Name == "Opportunity" && values.GetValueOrDefault("StageName") is string stage)
        {
            values["IsClosed"] = stage.StartsWith("Closed", StringComparison.OrdinalIgnoreCase);
            values["IsWon"] = string.Equals(stage, "Closed Won", StringComparison.OrdinalIgnoreCase);
        }
    }
}
