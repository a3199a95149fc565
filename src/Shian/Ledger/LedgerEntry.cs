using System.Buffers.Binary;
using System.Text;

namespace Shian.Ledger;

/// <summary>
/// One leaf of the transparency log: a record another module vouches for (a captured EPCIS event, a produce
/// certificate), by kind and reference, with the bytes that were logged. Append-only: nothing updates or deletes a row;
/// <c>shian ledger verify</c> notices if anyone does.
/// </summary>
public sealed class LedgerEntry
{
    public const int KindMaxLength = 40;
    public const int ReferenceMaxLength = 200;

    /// <summary>The leaf's position in the tree, from 0, without gaps.</summary>
    public long Index { get; set; }
    public string Kind { get; set; } = "";
    public string Reference { get; set; } = "";

    /// <summary>What the caller logged (e.g. a SHA-256 digest of the event as captured; the log keeps it as given).</summary>
    public byte[] Data { get; set; } = [];

    /// <summary>SHA-256(0x00 ‖ <see cref="LeafInput"/>), RFC 9162 §2.1.1.</summary>
    public byte[] LeafHash { get; set; } = [];
    public DateTime AppendedAt { get; set; }

    /// <summary>
    /// The bytes the leaf hash covers, so that the kind and reference cannot be swapped between rows unnoticed:
    /// u16 length ‖ kind (UTF-8) ‖ u16 length ‖ reference (UTF-8) ‖ u32 length ‖ data, lengths big-endian.
    /// </summary>
    public static byte[] LeafInput(string kind, string reference, ReadOnlySpan<byte> data)
    {
        var k = Encoding.UTF8.GetBytes(kind);
        var r = Encoding.UTF8.GetBytes(reference);
        var buffer = new byte[2 + k.Length + 2 + r.Length + 4 + data.Length];
        var span = buffer.AsSpan();
        BinaryPrimitives.WriteUInt16BigEndian(span, (ushort)k.Length);
        k.CopyTo(span[2..]);
        span = span[(2 + k.Length)..];
        BinaryPrimitives.WriteUInt16BigEndian(span, (ushort)r.Length);
        r.CopyTo(span[2..]);
        span = span[(2 + r.Length)..];
        BinaryPrimitives.WriteUInt32BigEndian(span, (uint)data.Length);
        data.CopyTo(span[4..]);
        return buffer;
    }

    public static byte[] ComputeLeafHash(string kind, string reference, ReadOnlySpan<byte> data) =>
        MerkleTree.LeafHash(LeafInput(kind, reference, data));
}

/// <summary>
/// The hash of a complete subtree of 2^Level leaves (Level ≥ 1; leaves are in <see cref="LedgerEntry"/>), written as
/// the append completes it, so proofs read O(log n) rows. <see cref="Position"/> packs (Level, Index) in one key.
/// </summary>
public sealed class LedgerNode
{
    public long Position { get; set; }
    public byte[] Hash { get; set; } = [];

    public int Level => (int)(Position >>> 56);
    public long Index => Position & ((1L << 56) - 1);

    public static long PositionOf(int level, long index) => ((long)level << 56) | index;
    public static long PositionOf(MerkleTree.Subtree s) => PositionOf(s.Level, s.Index);
}

/// <summary>
/// A signed tree head (RFC 9162 §4.10 in spirit): the log's size and root at a moment, signed with the log's ECDSA
/// P-256 key over <see cref="SignedInput"/>. One is written after every append.
/// </summary>
public sealed class SignedTreeHead
{
    public long TreeSize { get; set; }
    public byte[] RootHash { get; set; } = [];
    public DateTime Timestamp { get; set; }

    /// <summary>ECDSA P-256 with SHA-256 over <see cref="SignedInput"/>, DER-encoded (RFC 3279), as Certificate Transparency does.</summary>
    public byte[] Signature { get; set; } = [];

    /// <summary>Base64 of SHA-256 of the signing key's SubjectPublicKeyInfo (the "log ID").</summary>
    public string KeyId { get; set; } = "";

    public const string SignatureContext = "shian-ledger-sth-v1";

    /// <summary>
    /// The signed bytes: ASCII "shian-ledger-sth-v1" ‖ 0x00 ‖ timestamp (u64, milliseconds since 1970-01-01 UTC) ‖
    /// tree size (u64) ‖ u8 hash length (32) ‖ root hash; integers big-endian.
    /// </summary>
    public static byte[] SignedInput(long treeSize, ReadOnlySpan<byte> rootHash, DateTime timestamp)
    {
        var context = Encoding.ASCII.GetBytes(SignatureContext);
        var buffer = new byte[context.Length + 1 + 8 + 8 + 1 + rootHash.Length];
        context.CopyTo(buffer, 0);
        var span = buffer.AsSpan(context.Length + 1);
        BinaryPrimitives.WriteUInt64BigEndian(span, (ulong)Milliseconds(timestamp));
        BinaryPrimitives.WriteUInt64BigEndian(span[8..], (ulong)treeSize);
        span[16] = (byte)rootHash.Length;
        rootHash.CopyTo(span[17..]);
        return buffer;
    }

    public static long Milliseconds(DateTime utc) => (utc.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMillisecond;

    public byte[] SignedBytes() => SignedInput(TreeSize, RootHash, Timestamp);
}
