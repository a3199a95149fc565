using System.CommandLine;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Shian.Accounts;

namespace Shian.Cli;

/// <summary><c>shian apikey create|list|revoke</c>: machine access for an account's integrations.</summary>
public static class ApiKeyCommands
{
    public static Command Create(CliConsole console)
    {
        var db = CliDatabase.Option();
        var user = new Option<string>("--user") { Description = "账户登录名 / the account's login name", Required = true };
        var scope = new Option<string[]>("--scope") { Description = "权限范围，可重复 / scope, repeatable: " + string.Join(", ", ApiScopes.All), Required = true, AllowMultipleArgumentsPerToken = true };
        scope.AcceptOnlyFromAmong([.. ApiScopes.All]);
        var name = new Option<string?>("--name") { Description = "用途名称 / a name for the key (default: cli-<time>)" };
        var business = new Option<string?>("--business")
        {
            Description = "绑定到该账户经营的一个主体（统一社会信用代码） / bind the key to one business the account operates (credit code)",
        };

        var create = new Command("create", "创建密钥，最后一行输出密钥 / create a key; the key is printed on the last line") { user, scope, name, business, db };
        create.SetAction(async parse =>
        {
            await using var database = await CliDatabase.OpenAsync(parse.GetValue(db), console, CliOpen.Existing);
            if (database is null)
            {
                return ShianCli.Failed;
            }
            var owner = await database.Users.FindByNameAsync(parse.GetValue(user)!);
            if (owner is null)
            {
                console.Error(Words.Format("Cli.AccountNotFound", parse.GetValue(user)));
                return ShianCli.Failed;
            }
            var now = database.Clock.GetUtcNow().UtcDateTime;
            var label = parse.GetValue(name) ?? "cli-" + now.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
            var outcome = await ApiKeyIssue.IssueAsync(database.Db, new(owner.Id, label, parse.GetValue(scope)!, parse.GetValue(business)), ApiScopes.All, now);
            if (outcome is not { Key: { } key, Secret: { } secret })
            {
                console.Error(Words.Of(outcome.Problem!));
                return ShianCli.Failed;
            }
            await database.Db.SaveChangesAsync();
            var bound = parse.GetValue(business) is { Length: > 0 } code ? Words.Format("Cli.ApiKeyBound", code) : "";
            console.Out(Words.Format("Cli.ApiKeyCreated", owner.UserName, label, key.Scopes, bound));
            console.Out(secret);
            return ShianCli.Ok;
        });

        var listUser = new Option<string?>("--user") { Description = "只列出该账户的密钥 / only this account's keys" };
        var list = new Command("list", "列出密钥（不显示密钥本身） / list keys (never the secrets)") { listUser, db };
        list.SetAction(async parse =>
        {
            await using var database = await CliDatabase.OpenAsync(parse.GetValue(db), console, CliOpen.ReadOnly);
            if (database is null)
            {
                return ShianCli.Failed;
            }
            var filter = parse.GetValue(listUser);
            var keys = await database.Db.ApiKeys.AsNoTracking()
                .Join(database.Db.Users, k => k.UserId, u => u.Id, (k, u) => new { u.UserName, k.Name, k.Hint, k.Scopes, k.RevokedAt })
                .Where(k => filter == null || k.UserName == filter)
                .OrderBy(k => k.UserName).ThenBy(k => k.Name)
                .ToListAsync();
            foreach (var k in keys)
            {
                console.Out($"{k.UserName}\t{k.Name}\t{k.Hint}…\t{k.Scopes}\t{(k.RevokedAt is null ? "active" : "revoked")}");
            }
            return ShianCli.Ok;
        });

        var revokeUser = new Option<string>("--user") { Description = "账户登录名 / the account's login name", Required = true };
        var revokeName = new Option<string>("--name") { Description = "密钥名称 / the key's name", Required = true };
        var revoke = new Command("revoke", "吊销密钥 / revoke a key") { revokeUser, revokeName, db };
        revoke.SetAction(async parse =>
        {
            await using var database = await CliDatabase.OpenAsync(parse.GetValue(db), console, CliOpen.Existing);
            if (database is null)
            {
                return ShianCli.Failed;
            }
            var owner = await database.Users.FindByNameAsync(parse.GetValue(revokeUser)!);
            var label = parse.GetValue(revokeName);
            var key = owner is null ? null : await database.Db.ApiKeys.FirstOrDefaultAsync(k => k.UserId == owner.Id && k.Name == label && k.RevokedAt == null);
            if (key is null)
            {
                console.Error(Words.Format("Cli.ApiKeyNotFound", label));
                return ShianCli.Failed;
            }
            key.Revoke(database.Clock.GetUtcNow().UtcDateTime);
            await database.Db.SaveChangesAsync();
            console.Out(Words.Format("Cli.ApiKeyRevoked", label));
            return ShianCli.Ok;
        });

        return new Command("apikey", "API 密钥 / API keys") { create, list, revoke };
    }
}
