using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Zoom.RevenueAccelerator.Crm;

/// <summary>
/// A change-read position for CRMs whose change queries filter on a modification timestamp
/// (Salesforce <c>SystemModstamp</c>, Dataverse <c>modifiedon</c>, HubSpot <c>lastmodifieddate</c>).
/// </summary>
/// <remarks>
/// <para>
/// Reading "changed after the last timestamp seen" loses records: several records share a
/// timestamp and a page can end between them, and a transaction can commit after a later one
/// with an earlier timestamp. A connector using the watermark reads <b>inclusively</b> from
/// <see cref="QueryFrom"/> (the timestamp minus an overlap), ordered by timestamp then id, drops
/// the records <see cref="HasSeen"/> says the previous page already delivered, and stores
/// <see cref="Advance"/>'s result, <see cref="Encode"/>d, as the page's cursor. Records read again
/// inside the overlap are upserts by id, so the overlap costs a few records and never duplicates one.
/// </para>
/// </remarks>
public sealed record CrmChangeWatermark
{
    private const string Prefix = "wm1:";

    /// <summary>Initializes a new instance of the <see cref="CrmChangeWatermark"/> class.</summary>
    /// <param name="timestamp">The latest modification timestamp delivered.</param>
    /// <param name="idsAtTimestamp">The ids delivered with exactly that timestamp.</param>
    public CrmChangeWatermark(DateTimeOffset timestamp, IEnumerable<string>? idsAtTimestamp = null)
    {
        Timestamp = timestamp.ToUniversalTime();
        IdsAtTimestamp = (idsAtTimestamp ?? []).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
    }

    /// <summary>Gets the latest modification timestamp delivered.</summary>
    public DateTimeOffset Timestamp { get; }

    /// <summary>Gets the ids already delivered with exactly <see cref="Timestamp"/>.</summary>
    public IReadOnlyList<string> IdsAtTimestamp { get; }

    /// <summary>Gets where the next change query starts (inclusive): the timestamp minus an overlap.</summary>
    /// <param name="overlap">How far back to read again, for transactions that commit late; zero or more.</param>
    /// <returns>The inclusive lower bound of the next query.</returns>
    public DateTimeOffset QueryFrom(TimeSpan overlap) => Timestamp - (overlap < TimeSpan.Zero ? TimeSpan.Zero : overlap);

    /// <summary>Tells whether the previous page already delivered this version of a record.</summary>
    /// <param name="id">The record's id.</param>
    /// <param name="lastModified">Its modification timestamp.</param>
    /// <returns><see langword="true"/> to drop it from the page.</returns>
    public bool HasSeen(string id, DateTimeOffset lastModified) =>
        lastModified == Timestamp && IdsAtTimestamp.Contains(id, StringComparer.Ordinal);

    /// <summary>Moves the watermark past a page of delivered changes.</summary>
    /// <param name="delivered">The records' ids and modification timestamps.</param>
    /// <returns>The new watermark (this one when nothing newer was delivered).</returns>
    public CrmChangeWatermark Advance(IEnumerable<(string Id, DateTimeOffset LastModified)> delivered)
    {
        ArgumentNullException.ThrowIfNull(delivered);
        var latest = Timestamp;
        var ids = new HashSet<string>(IdsAtTimestamp, StringComparer.Ordinal);
        foreach (var (id, modified) in delivered)
        {
            var at = modified.ToUniversalTime();
            if (at > latest)
            {
                latest = at;
                ids.Clear();
            }

            if (at == latest)
            {
                ids.Add(id);
            }
        }

        return latest == Timestamp && ids.Count == IdsAtTimestamp.Count ? this : new CrmChangeWatermark(latest, ids);
    }

    /// <summary>Writes the watermark as an opaque cursor.</summary>
    /// <returns>The cursor text.</returns>
    public string Encode() =>
        Prefix + Timestamp.UtcTicks.ToString(CultureInfo.InvariantCulture) + ":" + string.Join('\u001f', IdsAtTimestamp);

    /// <summary>Reads a cursor written by <see cref="Encode"/>.</summary>
    /// <param name="cursor">The cursor text.</param>
    /// <param name="watermark">The watermark, when the text is one.</param>
    /// <returns><see langword="true"/> when the text is a watermark.</returns>
    public static bool TryParse(string? cursor, out CrmChangeWatermark? watermark)
    {
        watermark = null;
        if (cursor is null || !cursor.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = cursor.AsSpan(Prefix.Length);
        var colon = rest.IndexOf(':');
        if (colon <= 0 || !long.TryParse(rest[..colon], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) || ticks > DateTimeOffset.MaxValue.UtcTicks)
        {
            return false;
        }

        var ids = rest[(colon + 1)..].ToString();
        watermark = new CrmChangeWatermark(new DateTimeOffset(ticks, TimeSpan.Zero), ids.Length == 0 ? [] : ids.Split('\u001f'));
        return true;
    }
}
