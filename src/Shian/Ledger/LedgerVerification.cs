using Microsoft.EntityFrameworkCore;
using Shian.Common;
using Shian.Data;

namespace Shian.Ledger;

/// <summary>
/// Checks the whole log from its stored rows (<c>shian ledger verify</c> and the staff page): every leaf hash against
/// its entry's kind, reference and data, indexes without gaps, every stored subtree hash against the tree rebuilt from
/// the leaves (and no extra ones), every signed tree head's root and signature, and the consistency proof between
/// consecutive tree heads. Streams the entries in order; memory stays O(log n) plus one batch.
/// </summary>
public static class LedgerVerification
{
    public sealed record Result(long Entries, long Nodes, int TreeHeads, Problem? Failure, long? FailedEntry, long? FailedTreeHead, byte[]? Root)
    {
        public bool Ok => Failure is null;
    }

    private const int Batch = 4096;

    public static async Task<Result> VerifyAsync(ShianDb db, byte[] publicKeyInfo, CancellationToken ct = default)
    {
        var heads = await db.SignedTreeHeads.AsNoTracking().OrderBy(h => h.TreeSize).ToListAsync(ct);
        var nodeCount = await db.LedgerNodes.LongCountAsync(ct);
        var headAt = 0;
        var stack = new List<(MerkleTree.Subtree Tree, byte[] Hash)>();
        var pending = new Dictionary<long, (byte[] Hash, long Entry)>();
        long expectedNodes = 0;
        long count = 0;
        Result Fail(Problem message, long? entry = null, long? head = null) => new(count, nodeCount, heads.Count, message, entry, head, null);

        async Task<Result?> CheckNodesAsync()
        {
            if (pending.Count == 0)
            {
                return null;
            }
            var keys = pending.Keys.ToList();
            var stored = await db.LedgerNodes.AsNoTracking().Where(n => keys.Contains(n.Position)).ToDictionaryAsync(n => n.Position, n => n.Hash, ct);
            foreach (var (position, (hash, entry)) in pending.OrderBy(p => p.Value.Entry))
            {
                var node = new LedgerNode { Position = position };
                if (!stored.TryGetValue(position, out var found))
                {
                    return Fail(new Problem("Ledger.SubtreeMissing", node.Level, node.Index, entry), entry);
                }
                if (!found.AsSpan().SequenceEqual(hash))
                {
                    return Fail(new Problem("Ledger.SubtreeMismatch", node.Level, node.Index, entry), entry);
                }
            }
            pending.Clear();
            return null;
        }

        byte[] Root()
        {
            if (stack.Count == 0)
            {
                return MerkleTree.EmptyRoot;
            }
            var root = stack[^1].Hash;
            for (var i = stack.Count - 2; i >= 0; i--)
            {
                root = MerkleTree.NodeHash(stack[i].Hash, root);
            }
            return root;
        }

        Result? CheckHead(SignedTreeHead head)
        {
            if (!head.RootHash.AsSpan().SequenceEqual(Root()))
            {
                return Fail(new Problem("Ledger.RootMismatch", head.TreeSize), head: head.TreeSize);
            }
            if (!LedgerKey.Verify(publicKeyInfo, head.SignedBytes(), head.Signature))
            {
                return Fail(new Problem("Ledger.SignatureInvalid", head.TreeSize), head: head.TreeSize);
            }
            return null;
        }

        // Read in pages (keyset on Index): PostgreSQL cannot run the node queries while a reader is open on the connection.
        var from = -1L;
        while (true)
        {
            var page = await db.LedgerEntries.AsNoTracking().Where(e => e.Index > from).OrderBy(e => e.Index).Take(Batch).ToListAsync(ct);
            if (page.Count == 0)
            {
                break;
            }
            from = page[^1].Index;
            foreach (var entry in page)
            {
                if (entry.Index != count)
                {
                    return Fail(new Problem("Ledger.EntryMissing", count, entry.Index), count);
                }
                var leaf = LedgerEntry.ComputeLeafHash(entry.Kind, entry.Reference, entry.Data);
                if (!leaf.AsSpan().SequenceEqual(entry.LeafHash))
                {
                    return Fail(new Problem("Ledger.LeafMismatch", entry.Index, entry.Kind, entry.Reference), entry.Index);
                }
                stack.Add((new MerkleTree.Subtree(0, entry.Index), leaf));
                while (stack.Count >= 2 && stack[^1].Tree.Level == stack[^2].Tree.Level)
                {
                    var parent = new MerkleTree.Subtree(stack[^2].Tree.Level + 1, stack[^2].Tree.Index >> 1);
                    var hash = MerkleTree.NodeHash(stack[^2].Hash, stack[^1].Hash);
                    stack.RemoveRange(stack.Count - 2, 2);
                    stack.Add((parent, hash));
                    pending[LedgerNode.PositionOf(parent)] = (hash, entry.Index);
                    expectedNodes++;
                }
                count++;
                if (headAt < heads.Count && heads[headAt].TreeSize == count && await CheckNodesAsync() is { } badBefore)
                {
                    return badBefore; // report in log order: the subtrees below a head before the head
                }
                while (headAt < heads.Count && heads[headAt].TreeSize == count)
                {
                    if (CheckHead(heads[headAt]) is { } bad)
                    {
                        return bad;
                    }
                    headAt++;
                }
                if (pending.Count >= Batch && await CheckNodesAsync() is { } badNode)
                {
                    return badNode;
                }
            }
        }
        if (await CheckNodesAsync() is { } lastBad)
        {
            return lastBad;
        }
        if (headAt < heads.Count)
        {
            var head = heads[headAt];
            return Fail(new Problem("Ledger.HeadBeyondEntries", head.TreeSize, count), head: head.TreeSize);
        }
        if (nodeCount != expectedNodes)
        {
            return Fail(new Problem("Ledger.SubtreeRowCount", nodeCount, expectedNodes));
        }
        if (count > 0 && (heads.Count == 0 || heads[^1].TreeSize != count))
        {
            return Fail(new Problem("Ledger.TailUnsigned", count - (heads.Count == 0 ? 0 : heads[^1].TreeSize)), count - 1);
        }
        // Consistency between consecutive heads, by the RFC's proof and verification (what an outside monitor would do).
        for (var i = 1; i < heads.Count; i++)
        {
            var proof = await TransparencyLog.ConsistencyAsync(db, heads[i - 1].TreeSize, heads[i].TreeSize, ct);
            if (proof is null || !MerkleTree.VerifyConsistency(heads[i - 1].TreeSize, heads[i].TreeSize, heads[i - 1].RootHash, heads[i].RootHash, proof.Path))
            {
                return Fail(new Problem("Ledger.HeadsInconsistent", heads[i - 1].TreeSize, heads[i].TreeSize), head: heads[i].TreeSize);
            }
        }
        return new Result(count, nodeCount, heads.Count, null, null, null, Root());
    }
}
