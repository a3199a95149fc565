using System.CommandLine;
using Shian.Ledger;

namespace Shian.Cli;

/// <summary><c>shian ledger verify</c>: rebuilds the transparency log's Merkle tree from its entries and checks every stored hash and signed tree head.</summary>
public static class LedgerCommands
{
    public static Command Create(CliConsole console)
    {
        var db = CliDatabase.Option();
        var key = new Option<string?>("--key")
        {
            Description = "公钥或私钥 PEM 文件 / PEM file of the log's public (or private) key (default: the log's key file, see GET /ledger/key)",
        };
        var verify = new Command("verify", "校验存证日志（默克尔树、子树哈希、签名树头及其一致性），完整则退出码为 0 / verify the transparency log; exit 0 when intact") { db, key };
        verify.SetAction(async parse =>
        {
            await using var database = await CliDatabase.OpenAsync(parse.GetValue(db), console, CliOpen.ReadOnly);
            if (database is null)
            {
                return ShianCli.Failed;
            }
            byte[] publicKey;
            var keyFile = parse.GetValue(key);
            try
            {
                if (keyFile is not null)
                {
                    publicKey = LedgerKey.PublicKeyInfoFromPem(await File.ReadAllTextAsync(keyFile));
                }
                else if (LedgerKey.Open(LedgerKey.PathFor(database.Db), create: false) is { } found)
                {
                    publicKey = found.PublicKeyInfo;
                }
                else
                {
                    console.Error($"找不到存证签名密钥 {LedgerKey.PathFor(database.Db)}，请用 --key 指定公钥 / the log's key file was not found; give its public key with --key");
                    return ShianCli.Failed;
                }
            }
            catch (Exception e) when (e is IOException or ArgumentException or System.Security.Cryptography.CryptographicException or UnauthorizedAccessException)
            {
                console.Error($"无法读取密钥 / cannot read the key: {e.Message}");
                return ShianCli.Failed;
            }
            var result = await LedgerVerification.VerifyAsync(database.Db, publicKey);
            if (!result.Ok)
            {
                console.Error($"存证日志校验失败 / ledger verification failed: {Words.Of(result.Failure!)}");
                return ShianCli.Failed;
            }
            var records = await Shian.Traceability.LoggedRecords.VerifyAsync(database.Db);
            if (!records.Ok)
            {
                console.Error($"存证记录校验失败 / logged records verification failed: {Words.Of(records.Failure!)}");
                return ShianCli.Failed;
            }
            var root = result.Root is null ? "" : Convert.ToHexStringLower(result.Root);
            console.Out($"存证日志完整 / ledger intact: {result.Entries} entries, {result.Nodes} subtree hashes, {result.TreeHeads} signed tree heads, root {root}; {records.Events} events and {records.Certificates} certificates match their entries");
            return ShianCli.Ok;
        });
        return new Command("ledger", "存证日志 / transparency log") { verify };
    }
}
