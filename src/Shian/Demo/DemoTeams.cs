using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Shian.Accounts;
using Shian.Data;
using Shian.Inspections;

namespace Shian.Demo;

/// <summary>
/// The demo district's inspection teams: every township gets inspectors of its own (four, unless it has them already)
/// and two teams of two, so that the demo schedule assigns its visits. The inspectors sign in with the demo password.
/// </summary>
public static class DemoTeams
{
    public const int InspectorsPerTownship = 4;

    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马", "罗"];
    private static readonly string[] GivenNames = ["伟", "芳", "娜", "敏", "静", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明", "超", "霞", "平", "刚"];

    /// <summary>Adds what is missing; returns the number of teams made.</summary>
    public static async Task<int> SeedAsync(ShianDb db, TimeProvider clock, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var role = await db.Roles.Where(r => r.Name == Roles.Inspector).Select(r => (Guid?)r.Id).FirstOrDefaultAsync(ct);
        if (role is not { } inspectorRole)
        {
            return 0;
        }
        var townships = await db.Townships.AsNoTracking().Where(t => t.Active).OrderBy(t => t.Code).ToListAsync(ct);
        var inspectors = (await db.Users.AsNoTracking()
                .Where(u => u.TownshipId != null && db.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == inspectorRole))
                .Select(u => new { u.Id, u.DisplayName, TownshipId = u.TownshipId!.Value, u.UserName })
                .ToListAsync(ct))
            .GroupBy(u => u.TownshipId).ToDictionary(g => g.Key, g => g.OrderBy(u => u.UserName, StringComparer.Ordinal).Select(u => (u.Id, u.DisplayName)).ToList());
        var withTeams = (await db.InspectionTeams.Where(t => t.TownshipId != null).Select(t => t.TownshipId!.Value).ToListAsync(ct)).ToHashSet();

        // One password hash for all: hashing is deliberately slow, and every demo account shares the password anyway.
        var hasher = new PasswordHasher<ShianUser>();
        string? hash = null;
        var made = 0;
        for (var i = 0; i < townships.Count; i++)
        {
            var township = townships[i];
            if (withTeams.Contains(township.Id))
            {
                continue;
            }
            var staff = inspectors.GetValueOrDefault(township.Id) ?? [];
            for (var n = staff.Count; n < InspectorsPerTownship; n++)
            {
                var userName = $"insp{township.Code}-{n + 1}";
                var name = $"{township.Name} {Surnames[(i * 7 + n * 3) % Surnames.Length]}{GivenNames[(i * 5 + n) % GivenNames.Length]}";
                var user = new ShianUser
                {
                    Id = Guid.CreateVersion7(), UserName = userName, NormalizedUserName = userName.ToUpperInvariant(), DisplayName = name,
                    TownshipId = township.Id, CreatedAt = now, SecurityStamp = Guid.NewGuid().ToString("N"), LockoutEnabled = true,
                };
                user.PasswordHash = hash ??= hasher.HashPassword(user, DemoSeeder.Password);
                db.Users.Add(user);
                db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = user.Id, RoleId = inspectorRole });
                staff.Add((user.Id, name));
            }
            var candidates = staff.Select(s => new InspectionTeam.Candidate(s.Id, s.DisplayName, township.Id, null, true)).ToList();
            string[] names = ["第一检查组", "第二检查组"];
            for (var team = 0; team < names.Length; team++)
            {
                var (created, errors) = InspectionTeam.Create(township.Id, null, names[team],
                    [staff[2 * team].Id, staff[2 * team + 1].Id], candidates, [], now);
                if (created is null)
                {
                    throw new InvalidOperationException($"Demo team for {township.Name}: " + string.Join("; ", errors.Select(e => e.Problem)));
                }
                db.InspectionTeams.Add(created);
                made++;
            }
        }
        await db.SaveChangesAsync(ct);
        return made;
    }
}
