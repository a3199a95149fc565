using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Shian.Common;
using Shian.Credit;
using Shian.Data;
using Shian.Risk;
using Shian.Web.Infrastructure;

namespace Shian.Web.Features.Credit;

/// <summary>
/// 红黑榜规则: every stored version in plain Chinese — in force, scheduled, superseded — and the office's form for a new
/// version taking effect from a month. A month whose list is approved keeps the rules it was approved under.
/// </summary>
[Authorize(Policy = Policies.Office)]
public class RedBlackRulesModel(ShianDb db, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public enum VersionState
    {
        InForce,    // 现行
        Scheduled,  // 待生效
        Superseded, // 已停用
    }

    public sealed record VersionRow(RedBlackRules Rules, VersionState State, DateTime CreatedAt);

    public sealed class RulesInput
    {
        /// <summary>yyyy-MM.</summary>
        public string? EffectiveMonth { get; set; }
        public int? WindowMonths { get; set; }
        public RiskLevel? RedMaxGrade { get; set; }
        public int? RedMinInspections { get; set; }
        public int? BlackMinNonConforming { get; set; }
        public bool BlackIfSeriousViolator { get; set; }
        public int? BlackMinPenalties { get; set; }
        public int? BlackMinFailedSamples { get; set; }
    }

    public IReadOnlyList<VersionRow> Versions { get; private set; } = [];
    public DateOnly? LastApprovedMonth { get; private set; }

    [BindProperty] public RulesInput Input { get; set; } = new();

    public async Task OnGetAsync()
    {
        await LoadAsync();
        var today = ShianTime.LocalDate(ShianTime.UtcNow(clock));
        var current = await RedBlackRuleRecord.InForceAsync(db, today);
        var next = new DateOnly(today.Year, today.Month, 1).AddMonths(1);
        if (LastApprovedMonth is { } approved && approved >= next)
        {
            next = approved.AddMonths(1);
        }
        Input = new RulesInput
        {
            EffectiveMonth = next.ToString("yyyy-MM", CultureInfo.InvariantCulture), WindowMonths = current.WindowMonths, RedMaxGrade = current.RedMaxGrade,
            RedMinInspections = current.RedMinInspections, BlackMinNonConforming = current.BlackMinNonConforming,
            BlackIfSeriousViolator = current.BlackIfSeriousViolator, BlackMinPenalties = current.BlackMinPenalties,
            BlackMinFailedSamples = current.BlackMinFailedSamples,
        };
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadAsync();
        DateOnly? month = null;
        if (DateOnly.TryParseExact((Input.EffectiveMonth ?? "").Trim() + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var m))
        {
            month = m;
        }
        else if (!string.IsNullOrWhiteSpace(Input.EffectiveMonth))
        {
            ModelState.AddProblem("Input.EffectiveMonth", new Problem("RedBlack.EffectiveMonthFormat"), l);
        }
        var version = Versions.Count == 0 ? 1 : Versions.Max(v => v.Rules.Version) + 1;
        var (rules, errors) = RedBlackRules.Issue(version, month, LastApprovedMonth, Input.WindowMonths, Input.RedMaxGrade, Input.RedMinInspections,
            Input.BlackMinNonConforming, Input.BlackIfSeriousViolator, Input.BlackMinPenalties, Input.BlackMinFailedSamples);
        foreach (var (field, error) in errors)
        {
            var key = "Input." + (field == nameof(RedBlackRules.EffectiveFrom) ? nameof(RulesInput.EffectiveMonth) : field);
            // A value that did not bind (letters in a number) already has its message on the field.
            if (ModelState[key] is not { Errors.Count: > 0 })
            {
                ModelState.AddProblem(key, error, l);
            }
        }
        if (!ModelState.IsValid || rules is null)
        {
            return Page();
        }
        db.RedBlackRules.Add(RedBlackRuleRecord.From(rules, ShianTime.UtcNow(clock)));
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        return Redirect(CreditRoutes.RedBlackRules);
    }

    private async Task LoadAsync()
    {
        var today = ShianTime.LocalDate(ShianTime.UtcNow(clock));
        var records = await db.RedBlackRules.AsNoTracking().OrderByDescending(r => r.Version).ToListAsync();
        var inForce = records.Where(r => r.EffectiveFrom <= today).Select(r => (int?)r.Version).FirstOrDefault();
        Versions = records.Select(r => new VersionRow(r.Read(),
            r.EffectiveFrom > today ? VersionState.Scheduled : r.Version == inForce ? VersionState.InForce : VersionState.Superseded, r.CreatedAt)).ToList();
        LastApprovedMonth = await db.RedBlackLists.AsNoTracking().Where(x => x.Status == RedBlackListStatus.Published)
            .OrderByDescending(x => x.Month).Select(x => (DateOnly?)x.Month).FirstOrDefaultAsync();
    }
}
