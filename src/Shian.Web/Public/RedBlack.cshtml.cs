using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Shian.Credit;
using Shian.Data;
using Shian.Web.Infrastructure;

namespace Shian.Web.Public;

/// <summary>
/// 餐饮服务红黑榜 for the public: the latest published month's red and black lists (name, address, township, reason),
/// earlier published months selectable, and downloadable as a workbook of what is shown. Drafts are never shown, nor
/// entries the office left off.
/// </summary>
[AllowAnonymous]
public class RedBlackModel(ShianDb db, IStringLocalizer<SharedResource> l) : PageModel
{
    public IReadOnlyList<DateOnly> Months { get; private set; } = [];
    public DateOnly? Shown { get; private set; }
    public IReadOnlyList<RedBlackEntry> Entries { get; private set; } = [];

    /// <summary>yyyy-MM; the latest published month when absent or not published.</summary>
    public string? Month { get; set; }

    public Task OnGetAsync(string? month) => LoadAsync(month);

    /// <summary>
    /// A published month as a workbook: only what the page shows the public (side, name, address, reason), never a draft,
    /// an excluded entry or an internal field.
    /// </summary>
    public async Task<IActionResult> OnGetExportAsync(string? month)
    {
        await LoadAsync(month);
        if (Shown is not { } shown)
        {
            return NotFound();
        }
        return Export.Of(Entries)
            .Column("RedBlack.Side", e => l["RedBlack." + e.Side].Value).Column("Registry.Name", e => e.BusinessName)
            .Column("Registry.Address", e => e.Address).Column("RedBlack.Reason", e => e.Reason)
            .Xlsx(l, $"{l["RedBlack.PublicTitle"].Value} {shown:yyyy-MM}.xlsx", shown.ToString("yyyy-MM"));
    }

    private async Task LoadAsync(string? month)
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
