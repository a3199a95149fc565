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
                    console.Error(Words.Format("Cli.LedgerKeyMissing", LedgerKey.PathFor(database.Db)));
                    return ShianCli.Failed;
                }
            }
            catch (Exception e) when (e is IOException or ArgumentException or System.Security.Cryptography.CryptographicException or UnauthorizedAccessException)
            {
                console.Error(Words.Format("Cli.LedgerKeyUnreadable", e.Message));
                return ShianCli.Failed;
            }
            var result = await LedgerVerification.VerifyAsync(database.Db, publicKey);
            if (!result.Ok)
            {
                console.Error(Words.Format("Cli.LedgerFailed", Words.Of(result.Failure!)));
                return ShianCli.Failed;
            }
            var records = await Shian.Traceability.LoggedRecords.VerifyAsync(database.Db);
            if (!records.Ok)
            {
                console.Error(Words.Format("Cli.LoggedRecordsFailed", Words.Of(records.Failure!)));
                return ShianCli.Failed;
            }
            var root = result.Root is null ? "" : Convert.ToHexStringLower(result.Root);
            console.Out(Words.Format("Cli.LedgerIntact", result.Entries, result.Nodes, result.TreeHeads, root, records.Events, records.Certificates));
            return ShianCli.Ok;
        });
        return new Command("ledger", "存证日志 / transparency log") { verify };
    }
}
