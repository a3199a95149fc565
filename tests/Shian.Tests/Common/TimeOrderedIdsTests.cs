using Shian.Common;

namespace Shian.Tests.Common;

public sealed class TimeOrderedIdsTests
{
    [Fact]
    public void A_batch_is_unique_version_7_and_sorts_in_the_order_made_as_text_and_as_uuid_bytes()
    {
        var ids = TimeOrderedIds.Next(5000);
        Assert.Equal(5000, ids.Distinct().Count());
        Assert.All(ids, id => Assert.Equal(7, id.Version));
        Assert.All(ids, id => Assert.Equal(0b10, id.Variant >> 2));
        // SQLite stores GUIDs as text, PostgreSQL's uuid compares the big-endian bytes: both orders must be the batch's.
        Assert.Equal(ids.Select(i => i.ToString()), ids.Select(i => i.ToString()).Order(StringComparer.Ordinal));
        Assert.Equal(ids, ids.OrderBy(i => Convert.ToHexString(i.ToByteArray(bigEndian: true)), StringComparer.Ordinal));
        // Two batches do not overlap.
        Assert.Empty(TimeOrderedIds.Next(5000).Intersect(ids));
    }
}
