using System.Numerics;
using System.Security.Cryptography;

namespace Shian.Ledger;

/// <summary>
/// The Merkle tree of RFC 9162 §2.1 (Certificate Transparency 2.0), with SHA-256: a leaf hash is SHA-256(0x00 ‖ data),
/// an interior node SHA-256(0x01 ‖ left ‖ right), and a tree of n leaves splits at the largest power of two smaller
/// than n. Inclusion proofs (§2.1.3) and consistency proofs (§2.1.4) are generated over a source of the hashes of
/// complete subtrees (<see cref="Subtree"/>: an aligned run of 2^level leaves), so a store that keeps those hashes as it
/// appends answers any proof with O(log n) reads and no rehashing of leaves. Pure and side-effect free.
/// </summary>
public static class MerkleTree
{
    public const int HashSize = 32;

    /// <summary>A complete subtree: the 2^Level leaves starting at Index × 2^Level. Level 0 is a leaf.</summary>
    public readonly record struct Subtree(int Level, long Index)
    {
        public long Start => Index << Level;
        public long Size => 1L << Level;
    }

    public static byte[] EmptyRoot { get; } = SHA256.HashData([]);

    public static byte[] LeafHash(ReadOnlySpan<byte> data)
    {
        var buffer = data.Length <= 1024 ? stackalloc byte[data.Length + 1] : new byte[data.Length + 1];
        buffer[0] = 0x00;
        data.CopyTo(buffer[1..]);
        return SHA256.HashData(buffer);
    }

    public static byte[] NodeHash(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        Span<byte> buffer = stackalloc byte[1 + 2 * HashSize];
        buffer[0] = 0x01;
        left.CopyTo(buffer[1..]);
        right.CopyTo(buffer[(1 + HashSize)..]);
        return SHA256.HashData(buffer);
    }

    /// <summary>The largest power of two strictly smaller than n (n ≥ 2), the split point k of §2.1.1.</summary>
    public static long Split(long n) => 1L << (63 - BitOperations.LeadingZeroCount((ulong)(n - 1)));

    /// <summary>MTH of a whole list of leaf hashes, by the definition (for tests and small trees).</summary>
    public static byte[] RootOf(IReadOnlyList<byte[]> leafHashes) => leafHashes.Count == 0 ? EmptyRoot : RootOf(leafHashes, 0, leafHashes.Count);

    private static byte[] RootOf(IReadOnlyList<byte[]> leaves, int start, int size)
    {
        if (size == 1)
        {
            return leaves[start];
        }
        var k = (int)Split(size);
        return NodeHash(RootOf(leaves, start, k), RootOf(leaves, start + k, size - k));
    }

    /// <summary>
    /// The complete subtrees whose hashes MTH(D[start:start+size]) is made of (start a multiple of the subtree sizes, as
    /// every range of the RFC's recursion is): the binary decomposition of the range, largest first.
    /// </summary>
    public static void Decompose(long start, long size, List<Subtree> into)
    {
        while (size > 0)
        {
            var level = 63 - BitOperations.LeadingZeroCount((ulong)size);
            if (size != 1L << level || start % size != 0)
            {
                // Not complete: the left part is the split's complete subtree, the right the rest.
                var k = Split(size);
                if (start % k != 0)
                {
                    throw new ArgumentException($"range [{start}, {start + size}) is not a subtree of the RFC 9162 recursion");
                }
                level = BitOperations.TrailingZeroCount((ulong)k);
                into.Add(new Subtree(level, start >> level));
                start += k;
                size -= k;
                continue;
            }
            into.Add(new Subtree(level, start >> level));
            return;
        }
    }

    /// <summary>MTH(D[start:start+size]) from the hashes of complete subtrees.</summary>
    public static byte[] Range(long start, long size, Func<Subtree, byte[]> hashOf)
    {
        var parts = new List<Subtree>();
        Decompose(start, size, parts);
        var acc = hashOf(parts[^1]);
        for (var i = parts.Count - 2; i >= 0; i--)
        {
            acc = NodeHash(hashOf(parts[i]), acc);
        }
        return acc;
    }

    /// <summary>The root of a tree of n leaves: MTH(D[0:n]).</summary>
    public static byte[] Root(long n, Func<Subtree, byte[]> hashOf) => n == 0 ? EmptyRoot : Range(0, n, hashOf);

    /// <summary>The ranges (start, size) whose MTH make up PATH(m, D[0:n]) of §2.1.3.1, in proof order (leaf upwards).</summary>
    public static List<(long Start, long Size)> InclusionRanges(long m, long n)
    {
        if (n < 1 || m < 0 || m >= n)
        {
            throw new ArgumentOutOfRangeException(nameof(m), $"leaf {m} is not in a tree of {n}");
        }
        var ranges = new List<(long, long)>();
        Path(m, 0, n, ranges);
        return ranges;
    }

    private static void Path(long m, long start, long n, List<(long, long)> into)
    {
        if (n == 1)
        {
            return;
        }
        var k = Split(n);
        if (m < k)
        {
            Path(m, start, k, into);
            into.Add((start + k, n - k));
        }
        else
        {
            Path(m - k, start + k, n - k, into);
            into.Add((start, k));
        }
    }

    /// <summary>The ranges whose MTH make up PROOF(m, D[0:n]) of §2.1.4.1 (0 &lt; m &lt; n), in proof order.</summary>
    public static List<(long Start, long Size)> ConsistencyRanges(long m, long n)
    {
        if (m < 1 || m >= n)
        {
            throw new ArgumentOutOfRangeException(nameof(m), $"no consistency proof between sizes {m} and {n}");
        }
        var ranges = new List<(long, long)>();
        SubProof(m, 0, n, true, ranges);
        return ranges;
    }

    private static void SubProof(long m, long start, long n, bool b, List<(long, long)> into)
    {
        if (m == n)
        {
            if (!b)
            {
                into.Add((start, n));
            }
            return;
        }
        var k = Split(n);
        if (m <= k)
        {
            SubProof(m, start, k, b, into);
            into.Add((start + k, n - k));
        }
        else
        {
            SubProof(m - k, start + k, n - k, false, into);
            into.Add((start, k));
        }
    }

    /// <summary>Every complete subtree a proof of these ranges reads (to fetch them all at once).</summary>
    public static HashSet<Subtree> Needed(IEnumerable<(long Start, long Size)> ranges)
    {
        var parts = new List<Subtree>();
        foreach (var (start, size) in ranges)
        {
            Decompose(start, size, parts);
        }
        return [.. parts];
    }

    public static List<byte[]> InclusionProof(long m, long n, Func<Subtree, byte[]> hashOf) =>
        [.. InclusionRanges(m, n).Select(r => Range(r.Start, r.Size, hashOf))];

    public static List<byte[]> ConsistencyProof(long m, long n, Func<Subtree, byte[]> hashOf) =>
        [.. ConsistencyRanges(m, n).Select(r => Range(r.Start, r.Size, hashOf))];

    /// <summary>The verification algorithm of RFC 9162 §2.1.3.2.</summary>
    public static bool VerifyInclusion(long leafIndex, long treeSize, ReadOnlySpan<byte> leafHash, IReadOnlyList<byte[]> path, ReadOnlySpan<byte> root)
    {
        if (leafIndex < 0 || leafIndex >= treeSize)
        {
            return false;
        }
        var fn = leafIndex;
        var sn = treeSize - 1;
        var r = leafHash.ToArray();
        foreach (var p in path)
        {
            if (p.Length != HashSize || sn == 0)
            {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn)
            {
                r = NodeHash(p, r);
                if ((fn & 1) == 0)
                {
                    while ((fn & 1) == 0 && fn != 0)
                    {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            }
            else
            {
                r = NodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && r.AsSpan().SequenceEqual(root);
    }

    /// <summary>The verification algorithm of RFC 9162 §2.1.4.2.</summary>
    public static bool VerifyConsistency(long firstSize, long secondSize, ReadOnlySpan<byte> firstRoot, ReadOnlySpan<byte> secondRoot, IReadOnlyList<byte[]> proof)
    {
        if (firstSize < 0 || firstSize > secondSize)
        {
            return false;
        }
        if (firstSize == secondSize)
        {
            return proof.Count == 0 && firstRoot.SequenceEqual(secondRoot);
        }
        if (firstSize == 0)
        {
            // Any tree is consistent with the empty one; the RFC defines no proof for it.
            return proof.Count == 0;
        }
        if (proof.Count == 0 || proof.Any(p => p.Length != HashSize))
        {
            return false;
        }
        var path = new List<byte[]>(proof);
        // 1. If first is an exact power of 2, prepend first_hash to the consistency_path array.
        if ((firstSize & (firstSize - 1)) == 0)
        {
            path.Insert(0, firstRoot.ToArray());
        }
        // 2-3.
        var fn = firstSize - 1;
        var sn = secondSize - 1;
        // 4. If LSB(fn) is set, right-shift both fn and sn equally until LSB(fn) is not set.
        while ((fn & 1) == 1)
        {
            fn >>= 1;
            sn >>= 1;
        }
        // 5.
        var fr = path[0];
        var sr = path[0];
        // 6.
        for (var i = 1; i < path.Count; i++)
        {
            var c = path[i];
            if (sn == 0)
            {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn)
            {
                fr = NodeHash(c, fr);
                sr = NodeHash(c, sr);
                if ((fn & 1) == 0)
                {
                    while ((fn & 1) == 0 && fn != 0)
                    {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            }
            else
            {
                sr = NodeHash(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        // 7.
        return sn == 0 && fr.AsSpan().SequenceEqual(firstRoot) && sr.AsSpan().SequenceEqual(secondRoot);
    }
}
