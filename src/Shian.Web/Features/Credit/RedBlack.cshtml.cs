using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Shian.Audit;
using Shian.Common;
using Shian.Credit;
using Shian.Data;
using Shian.Web.Infrastructure;

namespace Shian.Web.Features.Credit;

/// <summary>
/// 餐饮服务红黑榜: the monthly lists, drafts and published. The office generates a month's draft from the rules in force
/// on the month's first day, recording their version (regenerating a draft replaces it; a published month stays as published).
/// </summary>
[Authorize(Policy = Policies.Supervision)]
public class RedBlackModel(ShianDb db, IAuthorizationService authorization, IAuditActor actor, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed record Row(Guid Id, DateOnly Month, RedBlackListStatus Status, int Red, int Black);

    public IReadOnlyList<Row> Lists { get; private set; } = [];
    public bool CanGenerate { get; private set; }
    public RedBlackRules Rules { get; private set; } = RedBlackRules.Default;

    /// <summary>yyyy-MM.</summary>
    [BindProperty] public string? Month { get; set; }

    public async Task OnGetAsync()
    {
        await LoadAsync();
        Month ??= ShianTime.LocalDate(ShianTime.UtcNow(clock)).AddMonths(-1).ToString("yyyy-MM", CultureInfo.InvariantCulture);
    }

    public async Task<IActionResult> OnPostGenerateAsync()
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.Office)).Succeeded)
        {
            return Forbid();
        }
        var now = ShianTime.UtcNow(clock);
        var today = ShianTime.LocalDate(now);
        await LoadAsync();
        if (!DateOnly.TryParseExact((Month ?? "").Trim() + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month))
        {
            ModelState.AddModelError(nameof(Month), l["Validation.Required", l["RedBlack.Month"]]);
            return Page();
        }
        if (month > today)
        {
            ModelState.AddModelError(nameof(Month), l["RedBlack.MonthInFuture"]);
            return Page();
        }
        var list = await RedBlackDraft.GenerateAsync(db, month, today, actor.Name, now, HttpContext.RequestAborted);
        if (list is null)
        {
            ModelState.AddModelError(nameof(Month), l["RedBlack.AlreadyPublished"]);
            return Page();
        }
        return Redirect(CreditRoutes.RedBlackList(list.Id));
    }

    private async Task LoadAsync()
    {
        CanGenerate = (await authorization.AuthorizeAsync(User, Policies.Office)).Succeeded;
        Rules = await RedBlackRuleRecord.InForceAsync(db, ShianTime.LocalDate(ShianTime.UtcNow(clock)));
        var counts = await db.RedBlackEntries.AsNoTracking().Where(e => !e.Excluded).GroupBy(e => new { e.ListId, e.Side })
            .Select(g => new { g.Key.ListId, g.Key.Side, Count = g.Count() }).ToListAsync();
        var lists = await db.RedBlackLists.AsNoTracking().OrderByDescending(x => x.Month).Take(120).ToListAsync();
        Lists = lists.Select(x => new Row(x.Id, x.Month, x.Status,
            counts.Where(c => c.ListId == x.Id && c.Side == RedBlackSide.Red).Sum(c => c.Count),
            counts.Where(c => c.ListId == x.Id && c.Side == RedBlackSide.Black).Sum(c => c.Count))).ToList();
    }
}
