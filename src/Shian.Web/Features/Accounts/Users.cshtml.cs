using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Shian.Data;
using Shian.Web.Infrastructure;

namespace Shian.Web.Features.Accounts;

/// <summary>用户管理: every account with its role, unit or township, and whether it is locked.</summary>
[Authorize(Policy = Policies.Admin)]
public class UsersModel(ShianDb db) : PageModel
{
    public sealed record Row(Guid Id, string UserName, string DisplayName, IReadOnlyList<string> Roles, string? Unit,
        string? Township, DateTimeOffset? LockedUntil, DateTime CreatedAt);

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Role { get; set; }

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var users = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var q = Q.Trim();
            users = users.Where(u => u.UserName!.Contains(q) || u.DisplayName.Contains(q));
        }
        if (!string.IsNullOrWhiteSpace(Role))
        {
            users = users.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Role)));
        }
        var rows = await users.OrderBy(u => u.UserName)
            .Select(u => new
            {
                u.Id, u.UserName, u.DisplayName, u.LockoutEnd, u.CreatedAt,
                Roles = db.UserRoles.Where(ur => ur.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToList(),
                Unit = db.Units.Where(x => x.Id == u.UnitId).Select(x => x.Name).FirstOrDefault(),
                Township = db.Townships.Where(x => x.Id == u.TownshipId).Select(x => x.Name).FirstOrDefault(),
            })
            .ToListAsync();
        Rows = rows.Select(u => new Row(u.Id, u.UserName!, u.DisplayName, u.Roles, u.Unit, u.Township, u.LockoutEnd, u.CreatedAt)).ToList();
    }
}
