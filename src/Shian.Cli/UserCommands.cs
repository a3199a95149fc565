using System.CommandLine;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Shian.Accounts;

namespace Shian.Cli;

/// <summary><c>shian users add NAME --role ROLE</c>: creates an account, as the administration page does.</summary>
public static class UserCommands
{
    public static Command Create(CliConsole console)
    {
        var db = CliDatabase.Option();
        var name = new Argument<string>("name") { Description = "登录名 / login name" };
        var role = new Option<string>("--role") { Description = "角色 / role: " + string.Join(", ", Roles.All), Required = true };
        role.AcceptOnlyFromAmong([.. Roles.All]);
        var password = new Option<string?>("--password") { Description = "密码；省略则生成并打印 / password; generated and printed when omitted" };
        var displayName = new Option<string?>("--display-name") { Description = "姓名 / full name" };
        var unit = new Option<string?>("--unit") { Description = "所属单位名称 / unit name (department staff, laboratories)" };
        var township = new Option<string?>("--township") { Description = "所属乡镇街道的代码或名称 / township code or name (township officers)" };

        var add = new Command("add", "新增账户 / add an account") { name, role, password, displayName, unit, township, db };
        add.SetAction(async parse =>
        {
            await using var database = await CliDatabase.OpenAsync(parse.GetValue(db), console, CliOpen.Existing);
            if (database is null)
            {
                return ShianCli.Failed;
            }
            var roleName = parse.GetValue(role)!;
            var unitName = parse.GetValue(unit);
            var townshipKey = parse.GetValue(township);

            Guid? unitId = null;
            if (unitName is not null)
            {
                unitId = await database.Db.Units.Where(u => u.Name == unitName || u.Aliases.Contains(unitName)).Select(u => (Guid?)u.Id).FirstOrDefaultAsync();
                if (unitId is null)
                {
                    console.Error(Words.Format("Cli.UnitNotFound", unitName));
                    return ShianCli.Failed;
                }
            }
            Guid? townshipId = null;
            if (townshipKey is not null)
            {
                townshipId = await database.Db.Townships.Where(t => t.Code == townshipKey || t.Name == townshipKey).Select(t => (Guid?)t.Id).FirstOrDefaultAsync();
                if (townshipId is null)
                {
                    console.Error(Words.Format("Cli.TownshipNotFound", townshipKey));
                    return ShianCli.Failed;
                }
            }
            switch (RoleAttachments.Missing(roleName, unitId, townshipId))
            {
                case "unit":
                    console.Error(Words.Format("Cli.RoleNeedsUnit", roleName));
                    return ShianCli.Failed;
                case "township":
                    console.Error(Words.Format("Cli.RoleNeedsTownship", roleName));
                    return ShianCli.Failed;
            }

            var generated = parse.GetValue(password) is null;
            var secret = parse.GetValue(password) ?? GeneratePassword();
            var user = new ShianUser
            {
                UserName = parse.GetValue(name)!.Trim(),
                DisplayName = parse.GetValue(displayName) ?? parse.GetValue(name)!,
                UnitId = unitId,
                TownshipId = townshipId,
                CreatedAt = database.Clock.GetUtcNow().UtcDateTime,
            };
            // The account and its role are stored together or not at all.
            await using var transaction = await database.Db.Database.BeginTransactionAsync();
            var result = await database.Users.CreateAsync(user, secret);
            if (result.Succeeded)
            {
                result = await database.Users.AddToRoleAsync(user, roleName);
            }
            if (!result.Succeeded)
            {
                await transaction.RollbackAsync();
                foreach (var error in result.Errors)
                {
                    console.Error($"{error.Code}: {error.Description}");
                }
                return ShianCli.Failed;
            }
            await transaction.CommitAsync();
            console.Out(Words.Format("Cli.AccountCreated", user.UserName, roleName));
            if (generated)
            {
                console.Out(Words.Format("Cli.InitialPassword", secret));
            }
            return ShianCli.Ok;
        });
        return new Command("users", "账户 / accounts") { add };
    }

    /// <summary>16 random characters with every class the password policy asks for.</summary>
    private static string GeneratePassword()
    {
        const string upper = "ABCDEFGHJKLMNPQRSTUVWXYZ", lower = "abcdefghijkmnopqrstuvwxyz", digits = "23456789", symbols = "!@#$%^&*-_=+";
        var all = upper + lower + digits + symbols;
        var chars = new[] { upper, lower, digits, symbols }.Select(set => set[RandomNumberGenerator.GetInt32(set.Length)])
            .Concat(Enumerable.Range(0, 12).Select(_ => all[RandomNumberGenerator.GetInt32(all.Length)]))
            .ToArray();
        RandomNumberGenerator.Shuffle(chars.AsSpan());
        return new string(chars);
    }
}
