using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shian.Demo;

namespace Shian.Cli;

/// <summary><c>shian db migrate</c> and <c>shian demo seed</c>.</summary>
public static class DbCommands
{
    public static Command Create(CliConsole console)
    {
        var db = CliDatabase.Option();
        var migrate = new Command("migrate", "创建数据库或升级到本程序的结构 / create the database or upgrade its schema") { db };
        migrate.SetAction(async parse =>
        {
            await using var database = await CliDatabase.OpenAsync(parse.GetValue(db), console, CliOpen.Create);
            if (database is null)
            {
                return ShianCli.Failed;
            }
            var applied = await database.Db.Database.GetAppliedMigrationsAsync();
            console.Out(Words.Format("Cli.DatabaseReady", database.Settings.Describe(), applied.LastOrDefault()));
            return ShianCli.Ok;
        });
        return new Command("db", "数据库 / database") { migrate };
    }
}

public static class DemoCommands
{
    public static Command Create(CliConsole console)
    {
        var db = CliDatabase.Option();
        var seed = new Command("seed", "加载演示辖区和每个角色一个账户 / load the demo district and one account per role") { db };
        seed.SetAction(async parse =>
        {
            await using var database = await CliDatabase.OpenAsync(parse.GetValue(db), console, CliOpen.Create);
            if (database is null)
            {
                return ShianCli.Failed;
            }
            var result = await DemoSeeder.SeedAsync(database.Db, database.Users, database.Clock);
            foreach (var error in result.Errors)
            {
                console.Error(error);
            }
            console.Out(Words.Format(result.JurisdictionCreated ? "Cli.DemoLoaded" : "Cli.DemoPresent"));
            if (result.Errors.Count == 0 && await DemoWork.SeedAsync(database.Db, database.Clock))
            {
                console.Out(Words.Format("Cli.DemoWorkLoaded"));
            }
            console.Out(result.UsersCreated.Count > 0
                ? Words.Format("Cli.DemoAccountsCreated", string.Join(", ", result.UsersCreated), DemoSeeder.Password)
                : Words.Format("Cli.DemoAccountsPresent"));
            return result.Errors.Count == 0 ? ShianCli.Ok : ShianCli.Failed;
        });
        return new Command("demo", "演示数据 / demo data") { seed };
    }
}
