using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Shian.Credit;
using Shian.Data;

namespace Shian.Web.Public;

/// <summary>
/// 餐饮服务红黑榜 for the public: the latest published month's red and black lists (name, address, township, reason),
/// earlier published months selectable. Drafts are never shown, nor entries the office left off.
/// </summary>
[AllowAnonymous]
public class RedBlackModel(ShianDb db) : PageModel
{
    public IReadOnlyList<DateOnly> Months { get; private set; } = [];
    public DateOnly? Shown { get; private set; }
    public IReadOnlyList<RedBlackEntry> Entries { get; private set; } = [];

    /// <summary>yyyy-MM; the latest published month when absent or not published.</summary>
    public string? Month { get; set; }

    public async Task OnGetAsync(string? month)
    {
        var lists = await db.RedBlackLists.AsNoTracking().Where(x => x.Status == RedBlackListStatus.Published)
            .OrderByDescending(x => x.Month).Select(x => new { x.Id, x.Month }).ToListAsync();
        Months = lists.Select(x => x.Month).ToList();
        var chosen = DateOnly.TryParseExact((month ?? "") + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var m)
            ? lists.FirstOrDefault(x => x.Month == m) : null;
        chosen ??= lists.FirstOrDefault();
        if (chosen is null)
        {
            return;
        }
        Shown = chosen.Month;
        Entries = await db.RedBlackEntries.AsNoTracking().Where(e => e.ListId == chosen.Id && !e.Excluded)
            .OrderBy(e => e.Side).ThenBy(e => e.Township).ThenBy(e => e.BusinessName).ToListAsync();
    }
}
