using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Shian.Accounts;
using Shian.Data;
using Shian.Organization;

namespace Shian.Demo;

/// <summary>
/// Loads the demo district (samples/demo, embedded) and one account per role, named after the role. Idempotent:
/// an existing jurisdiction or account is left as it is, so restarting keeps the data.
/// </summary>
public static class DemoSeeder
{
    /// <summary>The password of every demo account (printed in the README; change it on a real deployment).</summary>
    public const string Password = "Shian@2020demo";

    public sealed record Result(bool JurisdictionCreated, IReadOnlyList<string> UsersCreated, IReadOnlyList<string> Errors);

    public static async Task<Result> SeedAsync(ShianDb db, UserManager<ShianUser> users, TimeProvider clock, CancellationToken ct = default)
    {
        var created = false;
        var jurisdiction = await db.Jurisdictions.FirstOrDefaultAsync(ct);
        if (jurisdiction is null)
        {
            var read = DistrictFiles.ReadDemo();
            if (read.Jurisdiction is null)
            {
                return new Result(false, [], read.Errors);
            }
            jurisdiction = read.Jurisdiction;
            jurisdiction.Populations.Single(p => p.Year == 2020).Source = "第七次全国人口普查（2020-11-01）";
            db.Jurisdictions.Add(jurisdiction);
            await db.SaveChangesAsync(ct);
            created = true;
        }

        var units = await db.Units.Where(u => u.JurisdictionId == jurisdiction.Id).ToListAsync(ct);
        var townships = await db.Townships.Where(t => t.JurisdictionId == jurisdiction.Id).OrderBy(t => t.Code).ToListAsync(ct);
        Guid? UnitNamed(UnitKind kind, string name) =>
            (units.FirstOrDefault(u => u.Name == name) ?? units.FirstOrDefault(u => u.Kind == kind))?.Id;

        var accounts = new (string Name, string DisplayName, Guid? Unit, Guid? Township)[]
        {
            (Roles.Admin, "系统管理员", null, null),
            (Roles.Office, "区食安办 王主任", UnitNamed(UnitKind.Office, "区食安办"), null),
            (Roles.Department, "区市场监管局 李科长", UnitNamed(UnitKind.Department, "区市场监管局"), null),
            (Roles.Township, "文昌街道 赵干事", null, townships.FirstOrDefault(t => t.IsTownship)?.Id),
            (Roles.Inspector, "执法人员 张队员", UnitNamed(UnitKind.Department, "区市场监管局"), null),
            (Roles.Laboratory, "检验检测中心 陈检验员", UnitNamed(UnitKind.Laboratory, ""), null),
            (Roles.Operator, "演示经营者 刘老板", null, null),
        };

        var made = new List<string>();
        var errors = new List<string>();
        foreach (var (name, displayName, unit, township) in accounts)
        {
            if (await users.FindByNameAsync(name) is not null)
            {
                continue;
            }
            var user = new ShianUser
            {
                UserName = name,
                DisplayName = displayName,
                UnitId = unit,
                TownshipId = township,
                CreatedAt = clock.GetUtcNow().UtcDateTime,
            };
            var outcome = await users.CreateAsync(user, Password);
            if (outcome.Succeeded)
            {
                outcome = await users.AddToRoleAsync(user, name);
            }
            if (outcome.Succeeded)
            {
                made.Add(name);
            }
            else
            {
                errors.AddRange(outcome.Errors.Select(e => $"{name}: {e.Description}"));
            }
        }
        return new Result(created, made, errors);
    }
}
