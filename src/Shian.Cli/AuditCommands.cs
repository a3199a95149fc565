using System.CommandLine;
using Shian.Data;

namespace Shian.Cli;

/// <summary><c>shian audit verify</c>: recomputes the audit trail's hash chain from the first row to the last.</summary>
public static class AuditCommands
{
    public static Command Create(CliConsole console)
    {
        var db = CliDatabase.Option();
        var verify = new Command("verify", "校验审计日志哈希链，完整则退出码为 0 / verify the audit hash chain; exit 0 when intact") { db };
        verify.SetAction(async parse =>
        {
            await using var database = await CliDatabase.OpenAsync(parse.GetValue(db), console, CliOpen.ReadOnly);
            if (database is null)
            {
                return ShianCli.Failed;
            }
            var result = await database.Db.VerifyAuditTrailAsync();
            if (result.Break is { } broken)
            {
                console.Error(Words.Format("Cli.AuditBroken", broken.Sequence, Words.Of(broken.Reason)));
                return ShianCli.Failed;
            }
            console.Out(Words.Format("Cli.AuditIntact", result.Rows, result.LastHash));
            return ShianCli.Ok;
        });
        return new Command("audit", "审计日志 / audit trail") { verify };
    }
}
