using System.Security.Cryptography;
using Shian.Ledger;

namespace Shian.Tests.Ledger;

public class MerkleTreeTests
{
    // The leaves of the Certificate Transparency reference tests; the expected hashes below were computed with a separate
    // Python implementation of RFC 9162 §2.1 (hashlib), not with this code.
    private static readonly byte[][] Data =
        [.. new[] { "", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f" }.Select(Convert.FromHexString)];

    private static readonly string[] Roots =
    [
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ];

    private static List<byte[]> Leaves(int n) => [.. Data.Take(n).Select(d => MerkleTree.LeafHash(d))];

    /// <summary>Complete-subtree hashes computed by the definition, as a store would hold them.</summary>
    private static Func<MerkleTree.Subtree, byte[]> Store(List<byte[]> leaves) =>
        s => MerkleTree.RootOf(leaves.GetRange((int)s.Start, (int)s.Size));

    private static string Hex(byte[] b) => Convert.ToHexStringLower(b);

    [Fact]
    public void Roots_of_one_to_eight_leaves_match_the_reference_values()
    {
        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Hex(MerkleTree.RootOf([])));
        for (var n = 1; n <= 8; n++)
        {
            Assert.Equal(Roots[n - 1], Hex(MerkleTree.RootOf(Leaves(n))));
            Assert.Equal(Roots[n - 1], Hex(MerkleTree.Root(n, Store(Leaves(n)))));
        }
    }

    [Fact]
    public void Proofs_match_the_reference_audit_paths()
    {
        Assert.Equal(
            ["96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7", "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e", "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"],
            MerkleTree.InclusionProof(0, 8, Store(Leaves(8))).Select(Hex));
        Assert.Equal(
            ["bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b", "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f", "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"],
            MerkleTree.InclusionProof(5, 7, Store(Leaves(7))).Select(Hex));
        Assert.Equal(
            ["0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7", "07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7", "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125", "837dbb152e9b079010717e84e865da4ebc0fa198a806d59d31bf15accef22d0e"],
            MerkleTree.ConsistencyProof(3, 7, Store(Leaves(7))).Select(Hex));
    }

    [Fact]
    public void Every_inclusion_proof_of_the_seven_leaf_tree_verifies_and_a_flipped_bit_fails()
    {
        var leaves = Leaves(7);
        var root = Convert.FromHexString(Roots[6]);
        for (var m = 0; m < 7; m++)
        {
            var path = MerkleTree.InclusionProof(m, 7, Store(leaves));
            Assert.True(MerkleTree.VerifyInclusion(m, 7, leaves[m], path, root), $"leaf {m}");
            Assert.False(MerkleTree.VerifyInclusion(m, 7, Flip(leaves[m], 0), path, root));
            Assert.False(MerkleTree.VerifyInclusion(m, 7, leaves[m], path, Flip(root, 31)));
            Assert.False(MerkleTree.VerifyInclusion((m + 1) % 7, 7, leaves[m], path, root));
            for (var i = 0; i < path.Count; i++)
            {
                var bad = path.ToList();
                bad[i] = Flip(bad[i], i * 7 % 32);
                Assert.False(MerkleTree.VerifyInclusion(m, 7, leaves[m], bad, root), $"leaf {m}, path element {i} altered");
            }
            Assert.False(MerkleTree.VerifyInclusion(m, 7, leaves[m], [.. path, root], root));
            if (path.Count > 0)
            {
                Assert.False(MerkleTree.VerifyInclusion(m, 7, leaves[m], path.Take(path.Count - 1).ToList(), root));
            }
        }
    }

    [Fact]
    public void Every_consistency_proof_between_sizes_up_to_eight_verifies_and_a_flipped_bit_fails()
    {
        var leaves = Leaves(8);
        for (var n = 1; n <= 8; n++)
        {
            for (var m = 1; m < n; m++)
            {
                var proof = MerkleTree.ConsistencyProof(m, n, Store(leaves));
                var first = Convert.FromHexString(Roots[m - 1]);
                var second = Convert.FromHexString(Roots[n - 1]);
                Assert.True(MerkleTree.VerifyConsistency(m, n, first, second, proof), $"{m} → {n}");
                Assert.False(MerkleTree.VerifyConsistency(m, n, Flip(first, 5), second, proof));
                Assert.False(MerkleTree.VerifyConsistency(m, n, first, Flip(second, 5), proof));
                for (var i = 0; i < proof.Count; i++)
                {
                    var bad = proof.ToList();
                    bad[i] = Flip(bad[i], 17);
                    Assert.False(MerkleTree.VerifyConsistency(m, n, first, second, bad), $"{m} → {n}, element {i} altered");
                }
                Assert.False(MerkleTree.VerifyConsistency(m, n, first, second, []));
            }
            Assert.True(MerkleTree.VerifyConsistency(n, n, Convert.FromHexString(Roots[n - 1]), Convert.FromHexString(Roots[n - 1]), []));
        }
    }

    [Fact]
    public void Proofs_from_complete_subtrees_equal_the_definition_on_a_larger_irregular_tree()
    {
        var leaves = Enumerable.Range(0, 77).Select(i => MerkleTree.LeafHash(BitConverter.GetBytes(i))).ToList();
        for (var n = 1; n <= leaves.Count; n += 5)
        {
            var tree = leaves.Take(n).ToList();
            var root = MerkleTree.RootOf(tree);
            for (var m = 0; m < n; m++)
            {
                var path = MerkleTree.InclusionProof(m, n, Store(tree));
                Assert.Equal(Path(m, tree).Select(Hex), path.Select(Hex));
                Assert.True(MerkleTree.VerifyInclusion(m, n, tree[m], path, root));
            }
            for (var m = 1; m < n; m++)
            {
                var proof = MerkleTree.ConsistencyProof(m, n, Store(tree));
                Assert.Equal(SubProof(m, tree, true).Select(Hex), proof.Select(Hex));
                Assert.True(MerkleTree.VerifyConsistency(m, n, MerkleTree.RootOf(tree.Take(m).ToList()), root, proof));
            }
        }
    }

    [Fact]
    public void Decompose_gives_the_complete_subtrees_of_a_tree_largest_first()
    {
        var parts = new List<MerkleTree.Subtree>();
        MerkleTree.Decompose(0, 13, parts);
        Assert.Equal([new(3, 0), new(2, 2), new(0, 12)], parts);
        Assert.Equal(4, MerkleTree.Split(5));
        Assert.Equal(4, MerkleTree.Split(8));
        Assert.Equal(1, MerkleTree.Split(2));
    }

    // RFC 9162 §2.1.3.1 and §2.1.4.1 written straight from the text, over the leaf list.
    private static List<byte[]> Path(int m, List<byte[]> d)
    {
        if (d.Count <= 1)
        {
            return [];
        }
        var k = (int)MerkleTree.Split(d.Count);
        return m < k
            ? [.. Path(m, d[..k]), MerkleTree.RootOf(d[k..])]
            : [.. Path(m - k, d[k..]), MerkleTree.RootOf(d[..k])];
    }

    private static List<byte[]> SubProof(int m, List<byte[]> d, bool b)
    {
        var n = d.Count;
        if (m == n)
        {
            return b ? [] : [MerkleTree.RootOf(d)];
        }
        var k = (int)MerkleTree.Split(n);
        return m <= k
            ? [.. SubProof(m, d[..k], b), MerkleTree.RootOf(d[k..])]
            : [.. SubProof(m - k, d[k..], false), MerkleTree.RootOf(d[..k])];
    }

    private static byte[] Flip(byte[] hash, int bit)
    {
        var copy = hash.ToArray();
        copy[bit / 8 % copy.Length] ^= (byte)(1 << (bit % 8));
        return copy;
    }

    [Fact]
    public void A_tree_head_signature_verifies_with_the_public_key_and_fails_when_any_field_changes()
    {
        var folder = Directory.CreateTempSubdirectory("trace-ledger-key-").FullName;
        try
        {
            var path = Path_(folder);
            var key = LedgerKey.Open(path, create: true)!;
            Assert.True(File.Exists(path));
            Assert.Equal(key.KeyId, LedgerKey.Open(path, create: false)!.KeyId);
            var at = new DateTime(2026, 11, 29, 4, 0, 0, 123, DateTimeKind.Utc);
            var root = Convert.FromHexString(Roots[6]);
            var head = new SignedTreeHead { TreeSize = 7, RootHash = root, Timestamp = at };
            head.Signature = key.Sign(head.SignedBytes());
            var publicKey = LedgerKey.PublicKeyInfoFromPem(key.PublicKeyPem);
            Assert.True(LedgerKey.Verify(publicKey, head.SignedBytes(), head.Signature));
            Assert.False(LedgerKey.Verify(publicKey, SignedTreeHead.SignedInput(8, root, at), head.Signature));
            Assert.False(LedgerKey.Verify(publicKey, SignedTreeHead.SignedInput(7, Flip(root, 3), at), head.Signature));
            Assert.False(LedgerKey.Verify(publicKey, SignedTreeHead.SignedInput(7, root, at.AddMilliseconds(1)), head.Signature));
            using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            Assert.False(LedgerKey.Verify(other.ExportSubjectPublicKeyInfo(), head.SignedBytes(), head.Signature));
            // The serialization is fixed: context, 0, u64 ms, u64 size, u8 32, root.
            var bytes = head.SignedBytes();
            Assert.Equal(19 + 1 + 8 + 8 + 1 + 32, bytes.Length);
            Assert.Equal("shian-ledger-sth-v1", System.Text.Encoding.ASCII.GetString(bytes, 0, 19));
            Assert.Equal("00" + SignedTreeHead.Milliseconds(at).ToString("x16") + "0000000000000007" + "20" + Roots[6], Hex(bytes[19..]));
            Assert.Equal("EC", key.PublicJwk()["kty"]);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string Path_(string folder) => System.IO.Path.Combine(folder, "key.pem");

    [Fact]
    public void A_leaf_covers_kind_and_reference_so_they_cannot_be_swapped()
    {
        var data = "event"u8.ToArray();
        Assert.NotEqual(Hex(LedgerEntry.ComputeLeafHash("epcis-event", "a", data)), Hex(LedgerEntry.ComputeLeafHash("epcis-event", "b", data)));
        Assert.NotEqual(Hex(LedgerEntry.ComputeLeafHash("ab", "c", data)), Hex(LedgerEntry.ComputeLeafHash("a", "bc", data)));
        Assert.Equal(Hex(SHA256.HashData([0, 0, 1, (byte)'k', 0, 1, (byte)'r', 0, 0, 0, 1, (byte)'d'])), Hex(LedgerEntry.ComputeLeafHash("k", "r", "d"u8)));
    }
}
