namespace Zoom.RevenueAccelerator.Crm.Abstractions.Tests;

public sealed class CrmChangeWatermarkTests
{
    private static readonly DateTimeOffset T = new(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Advancing_keeps_the_ids_at_the_latest_timestamp_only()
    {
        var start = new CrmChangeWatermark(T);

        var next = start.Advance([("a", T), ("b", T.AddSeconds(1)), ("c", T.AddSeconds(1))]).Advance([("d", T.AddSeconds(1))]);

        Assert.Equal(T.AddSeconds(1), next.Timestamp);
        Assert.Equal(["b", "c", "d"], next.IdsAtTimestamp);
        Assert.True(next.HasSeen("c", T.AddSeconds(1)));
        Assert.False(next.HasSeen("e", T.AddSeconds(1))); // same timestamp, not delivered yet
        Assert.False(next.HasSeen("a", T)); // older: may be a late commit; delivered again, harmlessly
        Assert.Equal(T.AddSeconds(1).AddMinutes(-5), next.QueryFrom(TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public void It_round_trips_through_its_cursor_text_and_refuses_other_text()
    {
        var watermark = new CrmChangeWatermark(T.ToOffset(TimeSpan.FromHours(2)), ["003B", "003A", "003A"]);

        Assert.True(CrmChangeWatermark.TryParse(watermark.Encode(), out var parsed));
        Assert.Equal(T, parsed!.Timestamp);
        Assert.Equal(["003A", "003B"], parsed.IdsAtTimestamp);
        Assert.False(CrmChangeWatermark.TryParse("inc:12", out _));
        Assert.False(CrmChangeWatermark.TryParse("wm1:notanumber:x", out _));
        Assert.False(CrmChangeWatermark.TryParse(null, out _));
    }
}
