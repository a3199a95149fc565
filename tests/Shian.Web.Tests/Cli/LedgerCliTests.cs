using System.Text;
using Microsoft.EntityFrameworkCore;
using Shian.Cli;
using Shian.Data;
using Shian.Ledger;

namespace Shian.Web.Tests.Cli;

/// <summary><c>shian ledger verify</c> on a real database: intact, then each kind of tampering named.</summary>
public sealed class LedgerCliTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private (int ExitCode, string Out, string Error) Verify()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = ShianCli.Run(["ledger", "verify", "--db", _database.CliArgument], stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private ShianDb Open()
    {
        var options = new DbContextOptionsBuilder<ShianDb>();
        options.UseShianDatabase(_database.Settings);
        return new ShianDb(options.Options);
    }

    [Fact]
    public async Task Verify_passes_an_intact_log_and_names_the_first_tampered_entry_subtree_or_tree_head()
    {
        var stdout = new StringWriter();
        Assert.Equal(0, ShianCli.Run(["db", "migrate", "--db", _database.CliArgument], stdout, new StringWriter()));
        await using (var db = Open())
        {
            var n = 0;
            foreach (var size in new[] { 5, 1, 7, 20 })
            {
                var batch = Enumerable.Range(n, size).Select(i => ("epcis-event", $"urn:uuid:e-{i}", Encoding.UTF8.GetBytes($"event {i}"))).ToList();
                await TransparencyLog.AppendAsync(db, batch);
                n += size;
            }
        }
        var intact = Verify();
        Assert.True(intact.ExitCode == 0, intact.Error);
        Assert.Contains("存证日志完整：33 条记录", intact.Out);
        Assert.Contains("4 个签名树头", intact.Out);

        await using (var db = Open())
        {
            // Entry 9's data altered (as someone with the database would): its leaf no longer matches.
            await db.Database.ExecuteSqlRawAsync("UPDATE \"LedgerEntries\" SET \"Data\" = \"LeafHash\" WHERE \"Index\" = 9");
            var broken = Verify();
            Assert.Equal(1, broken.ExitCode);
            Assert.Contains("第 9 条记录（epcis-event urn:uuid:e-9）", broken.Error);

            // Data and leaf hash altered together: the leaf is consistent, the subtree above it is not.
            var forged = "forged"u8.ToArray();
            var leaf = LedgerEntry.ComputeLeafHash("epcis-event", "urn:uuid:e-9", forged);
            await db.Database.ExecuteSqlAsync($"UPDATE \"LedgerEntries\" SET \"Data\" = {forged}, \"LeafHash\" = {leaf} WHERE \"Index\" = 9");
            broken = Verify();
            Assert.Equal(1, broken.ExitCode);
            Assert.Contains("子树哈希不符（层 1，序号 4，于第 9 条记录）", broken.Error);

            // Put entry 9 back; then change a signed tree head's root: its signature check or root check names it.
            var original = Encoding.UTF8.GetBytes("event 9");
            var originalLeaf = LedgerEntry.ComputeLeafHash("epcis-event", "urn:uuid:e-9", original);
            await db.Database.ExecuteSqlAsync($"UPDATE \"LedgerEntries\" SET \"Data\" = {original}, \"LeafHash\" = {originalLeaf} WHERE \"Index\" = 9");
            Assert.Equal(0, Verify().ExitCode);
            var signature = await db.SignedTreeHeads.Where(h => h.TreeSize == 13).Select(h => h.Signature).SingleAsync();
            var otherSignature = await db.SignedTreeHeads.Where(h => h.TreeSize == 6).Select(h => h.Signature).SingleAsync();
            await db.Database.ExecuteSqlAsync($"UPDATE \"SignedTreeHeads\" SET \"Signature\" = {otherSignature} WHERE \"TreeSize\" = 13");
            broken = Verify();
            Assert.Equal(1, broken.ExitCode);
            Assert.Contains("树头（大小 13）签名无效", broken.Error);
            await db.Database.ExecuteSqlAsync($"UPDATE \"SignedTreeHeads\" SET \"Signature\" = {signature} WHERE \"TreeSize\" = 13");

            // An entry deleted leaves a gap.
            await db.Database.ExecuteSqlRawAsync("DELETE FROM \"LedgerEntries\" WHERE \"Index\" = 20");
            broken = Verify();
            Assert.Equal(1, broken.ExitCode);
            Assert.Contains("第 20 条记录缺失", broken.Error);
        }
    }

    [Fact]
    public async Task Verify_with_key_takes_the_logs_public_key_and_refuses_a_file_that_is_not_one()
    {
        Assert.Equal(0, ShianCli.Run(["db", "migrate", "--db", _database.CliArgument], new StringWriter(), new StringWriter()));
        string pem;
        await using (var db = Open())
        {
            await TransparencyLog.AppendAsync(db, [("epcis-event", "urn:uuid:k-1", "event"u8.ToArray())]);
            pem = LedgerKey.For(db).PublicKeyPem;
        }
        var folder = Directory.CreateTempSubdirectory("shian-ledger-key-").FullName;
        try
        {
            (int Code, string Out, string Error) VerifyWith(string file)
            {
                var stdout = new StringWriter();
                var stderr = new StringWriter();
                return (ShianCli.Run(["ledger", "verify", "--db", _database.CliArgument, "--key", file], stdout, stderr), stdout.ToString(), stderr.ToString());
            }

            // The public key as GET /ledger/key publishes it: an auditor without the private key verifies with it.
            var published = Path.Combine(folder, "ledger-public.pem");
            await File.WriteAllTextAsync(published, pem);
            var intact = VerifyWith(published);
            Assert.True(intact.Code == 0, intact.Error);
            Assert.Contains("存证日志完整：1 条记录", intact.Out);

            // Not a PEM file at all: a clear message, not a stack trace.
            var garbage = Path.Combine(folder, "notes.txt");
            await File.WriteAllTextAsync(garbage, "this is not a key");
            var refused = VerifyWith(garbage);
            Assert.Equal(1, refused.Code);
            Assert.Contains("无法读取密钥", refused.Error);
            Assert.Empty(refused.Out);

            // Someone else's key: the signed tree head does not verify with it.
            using var other = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
            var foreign = Path.Combine(folder, "foreign.pem");
            await File.WriteAllTextAsync(foreign, other.ExportSubjectPublicKeyInfoPem());
            var wrong = VerifyWith(foreign);
            Assert.Equal(1, wrong.Code);
            Assert.Contains("签名无效", wrong.Error);

            // A missing file.
            var missing = VerifyWith(Path.Combine(folder, "absent.pem"));
            Assert.Equal(1, missing.Code);
            Assert.Contains("无法读取密钥", missing.Error);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
