namespace Shian.Common;

/// <summary>
/// Row ids for a batch of thousands (the events of one EPCIS document and their identifiers): one version-7 GUID and
/// its successors, with the last six bytes counted up. They sort in the order they were made, in SQLite's text and
/// PostgreSQL's uuid order alike, and cost one random draw for the batch instead of one system call each.
/// </summary>
public static class TimeOrderedIds
{
    public static Guid[] Next(int count)
    {
        var ids = new Guid[count];
        if (count == 0)
        {
            return ids;
        }
        Span<byte> bytes = stackalloc byte[16];
        Guid.CreateVersion7().TryWriteBytes(bytes, bigEndian: true, out _);
        // Bytes 10–15 (the node field, the last 12 hex digits) as a counter; the version and variant bits stay as drawn.
        var counter = (ulong)bytes[10] << 40 | (ulong)bytes[11] << 32 | (ulong)bytes[12] << 24 | (ulong)bytes[13] << 16 | (ulong)bytes[14] << 8 | bytes[15];
        // Start low enough that the batch never wraps around (it would break the order, not uniqueness).
        counter = Math.Min(counter, (1UL << 48) - (ulong)count);
        for (var i = 0; i < count; i++, counter++)
        {
            for (var b = 0; b < 6; b++)
            {
                bytes[15 - b] = (byte)(counter >> (8 * b));
            }
            ids[i] = new Guid(bytes, bigEndian: true);
        }
        return ids;
    }
}
