using Microsoft.EntityFrameworkCore;
using Shian.Data;
using Shian.Performance;

namespace Shian.Ledger;

/// <summary>
/// The platform's tamper-evident log (区块链存证, read as: records nobody can alter unnoticed), in the manner of
/// Certificate Transparency (RFC 9162): every appended record is a leaf of one Merkle tree; after each append the new
/// root is signed (<see cref="SignedTreeHead"/>); anyone can ask for a proof that a record is in the tree
/// (inclusion) and that a later tree extends an earlier one (consistency), and check both with the public key.
/// Complete-subtree hashes are stored as appends complete them (<see cref="LedgerNode"/>), so a proof reads O(log n)
/// rows and rehashes no leaves. Rows are written with <see cref="BulkInsert"/> (not audited row by row: the signed
/// tree head is the record of the append, and <c>shian ledger verify</c> checks everything).
/// </summary>
public static class TransparencyLog
{
    public sealed record Appended(long FirstIndex, int Count, SignedTreeHead TreeHead);

    public sealed record InclusionProof(long LeafIndex, long TreeSize, string Kind, string Reference, DateTime AppendedAt,
        byte[] LeafHash, IReadOnlyList<byte[]> AuditPath, byte[] RootHash, DateTime TreeHeadTimestamp, byte[] Signature, bool Verified);

    public sealed record ConsistencyProof(long First, long Second, byte[] FirstRoot, byte[] SecondRoot, IReadOnlyList<byte[]> Path, bool Verified);

    /// <summary>
    /// Appends records in one go, inside the caller's transaction if there is one (else in its own), and signs the new
    /// tree head. Concurrent appends are serialised (PostgreSQL: a transaction advisory lock; SQLite: one writer).
    /// </summary>
    public static async Task<Appended> AppendAsync(ShianDb db, IReadOnlyList<(string Kind, string Reference, byte[] Data)> entries,
        DateTime? at = null, CancellationToken ct = default)
    {
        foreach (var (kind, reference, data) in entries)
        {
            if (string.IsNullOrEmpty(kind) || kind.Length > LedgerEntry.KindMaxLength || string.IsNullOrEmpty(reference) || reference.Length > LedgerEntry.ReferenceMaxLength)
            {
                throw new ArgumentException($"ledger entry kind/reference must be 1–{LedgerEntry.KindMaxLength}/1–{LedgerEntry.ReferenceMaxLength} characters: '{kind}' '{reference}'");
            }
            ArgumentNullException.ThrowIfNull(data);
        }
        var key = LedgerKey.For(db);
        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        try
        {
            if (db.Database.IsNpgsql())
            {
                await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(7379616101)", ct); // one lock id for the log
            }
            var size = (await db.LedgerEntries.MaxAsync(e => (long?)e.Index, ct) ?? -1) + 1;
            var frontier = new List<MerkleTree.Subtree>();
            MerkleTree.Decompose(0, size, frontier);
            var known = await SubtreesAsync(db, frontier, ct);
            var stack = frontier.Select(s => (Tree: s, Hash: known[s])).ToList();

            var now = at ?? DateTime.UtcNow;
            now = new DateTime(now.Ticks - now.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);
            var rows = new List<LedgerEntry>(entries.Count);
            var nodes = new List<LedgerNode>(entries.Count);
            foreach (var (kind, reference, data) in entries)
            {
                var index = size + rows.Count;
                var leaf = LedgerEntry.ComputeLeafHash(kind, reference, data);
                rows.Add(new LedgerEntry { Index = index, Kind = kind, Reference = reference, Data = data, LeafHash = leaf, AppendedAt = now });
                stack.Add((new MerkleTree.Subtree(0, index), leaf));
                while (stack.Count >= 2 && stack[^1].Tree.Level == stack[^2].Tree.Level)
                {
                    var right = stack[^1];
                    var left = stack[^2];
                    var parent = new MerkleTree.Subtree(left.Tree.Level + 1, left.Tree.Index >> 1);
                    var hash = MerkleTree.NodeHash(left.Hash, right.Hash);
                    stack.RemoveRange(stack.Count - 2, 2);
                    stack.Add((parent, hash));
                    nodes.Add(new LedgerNode { Position = LedgerNode.PositionOf(parent), Hash = hash });
                }
            }
            var newSize = size + rows.Count;
            var root = MerkleTree.EmptyRoot;
            if (stack.Count > 0)
            {
                root = stack[^1].Hash;
                for (var i = stack.Count - 2; i >= 0; i--)
                {
                    root = MerkleTree.NodeHash(stack[i].Hash, root);
                }
            }
            var head = new SignedTreeHead { TreeSize = newSize, RootHash = root, Timestamp = now, KeyId = key.KeyId };
            head.Signature = key.Sign(head.SignedBytes());

            await BulkInsert.RunAsync(db, rows, ct);
            await BulkInsert.RunAsync(db, nodes, ct);
            if (rows.Count > 0)
            {
                await BulkInsert.RunAsync(db, [head], ct);
            }
            if (own is not null)
            {
                await own.CommitAsync(ct);
            }
            return new Appended(size, rows.Count, head);
        }
        finally
        {
            if (own is not null)
            {
                await own.DisposeAsync();
            }
        }
    }

    /// <summary>The hashes of complete subtrees, read in two queries (leaves from the entries, the rest from the nodes).</summary>
    public static async Task<Dictionary<MerkleTree.Subtree, byte[]>> SubtreesAsync(ShianDb db, IEnumerable<MerkleTree.Subtree> wanted, CancellationToken ct = default)
    {
        var list = wanted.Distinct().ToList();
        var result = new Dictionary<MerkleTree.Subtree, byte[]>(list.Count);
        var leaves = list.Where(s => s.Level == 0).Select(s => s.Index).ToList();
        if (leaves.Count > 0)
        {
            foreach (var row in await db.LedgerEntries.Where(e => leaves.Contains(e.Index)).Select(e => new { e.Index, e.LeafHash }).ToListAsync(ct))
            {
                result[new MerkleTree.Subtree(0, row.Index)] = row.LeafHash;
            }
        }
        var positions = list.Where(s => s.Level > 0).Select(LedgerNode.PositionOf).ToList();
        if (positions.Count > 0)
        {
            foreach (var node in await db.LedgerNodes.Where(n => positions.Contains(n.Position)).ToListAsync(ct))
            {
                result[new MerkleTree.Subtree(node.Level, node.Index)] = node.Hash;
            }
        }
        var missing = list.FirstOrDefault(s => !result.ContainsKey(s));
        if (list.Count != result.Count)
        {
            throw new InvalidOperationException($"The ledger lacks the subtree at level {missing.Level}, index {missing.Index}: run shian ledger verify.");
        }
        return result;
    }

    public static Task<SignedTreeHead?> LatestAsync(ShianDb db, CancellationToken ct = default) =>
        db.SignedTreeHeads.AsNoTracking().OrderByDescending(h => h.TreeSize).FirstOrDefaultAsync(ct);

    /// <summary>The proof that the latest record of this kind and reference is in the latest tree, or null if never logged.</summary>
    public static async Task<InclusionProof?> ProofForAsync(ShianDb db, string kind, string reference, CancellationToken ct = default)
    {
        var index = await db.LedgerEntries.Where(e => e.Kind == kind && e.Reference == reference)
            .OrderByDescending(e => e.Index).Select(e => (long?)e.Index).FirstOrDefaultAsync(ct);
        return index is null ? null : await ProofForIndexAsync(db, index.Value, ct);
    }

    /// <summary>The proof that entry <paramref name="index"/> is in the latest signed tree, or null if there is no such entry.</summary>
    public static async Task<InclusionProof?> ProofForIndexAsync(ShianDb db, long index, CancellationToken ct = default)
    {
        var entry = await db.LedgerEntries.AsNoTracking().FirstOrDefaultAsync(e => e.Index == index, ct);
        var head = await LatestAsync(db, ct);
        if (entry is null || head is null || head.TreeSize <= index)
        {
            return null;
        }
        var ranges = MerkleTree.InclusionRanges(index, head.TreeSize);
        var hashes = await SubtreesAsync(db, MerkleTree.Needed(ranges), ct);
        var path = ranges.Select(r => MerkleTree.Range(r.Start, r.Size, s => hashes[s])).ToList();
        var leaf = LedgerEntry.ComputeLeafHash(entry.Kind, entry.Reference, entry.Data);
        var verified = leaf.AsSpan().SequenceEqual(entry.LeafHash)
            && MerkleTree.VerifyInclusion(index, head.TreeSize, leaf, path, head.RootHash)
            && LedgerKey.For(db).Verify(head.SignedBytes(), head.Signature);
        return new InclusionProof(index, head.TreeSize, entry.Kind, entry.Reference, entry.AppendedAt, entry.LeafHash, path,
            head.RootHash, head.Timestamp, head.Signature, verified);
    }

    /// <summary>The root of the first <paramref name="size"/> leaves, from the stored subtrees.</summary>
    public static async Task<byte[]> RootAsync(ShianDb db, long size, CancellationToken ct = default)
    {
        var parts = new List<MerkleTree.Subtree>();
        MerkleTree.Decompose(0, size, parts);
        var hashes = await SubtreesAsync(db, parts, ct);
        return MerkleTree.Root(size, s => hashes[s]);
    }

    /// <summary>The proof that the tree of <paramref name="second"/> leaves extends that of <paramref name="first"/> (0 &lt; first ≤ second ≤ size).</summary>
    public static async Task<ConsistencyProof?> ConsistencyAsync(ShianDb db, long first, long second, CancellationToken ct = default)
    {
        var head = await LatestAsync(db, ct);
        if (head is null || first < 1 || first > second || second > head.TreeSize)
        {
            return null;
        }
        var ranges = first == second ? [] : MerkleTree.ConsistencyRanges(first, second);
        var parts = new List<MerkleTree.Subtree>();
        MerkleTree.Decompose(0, first, parts);
        MerkleTree.Decompose(0, second, parts);
        var hashes = await SubtreesAsync(db, MerkleTree.Needed(ranges).Concat(parts), ct);
        var path = ranges.Select(r => MerkleTree.Range(r.Start, r.Size, s => hashes[s])).ToList();
        var firstRoot = MerkleTree.Root(first, s => hashes[s]);
        var secondRoot = MerkleTree.Root(second, s => hashes[s]);
        return new ConsistencyProof(first, second, firstRoot, secondRoot, path,
            MerkleTree.VerifyConsistency(first, second, firstRoot, secondRoot, path));
    }
}
