using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Shian.Assessment;
using Shian.Common;
using Shian.Data;
using Shian.Web.Infrastructure;

namespace Shian.Web.Features.Assessment;

/// <summary>
/// A scheme's criteria and rounds. The office adds and removes criteria until a round is published, and scores a
/// period: the round's computed scores are filled at once, entered ones wait for the office.
/// </summary>
[Authorize(Policy = Policies.Office)]
public class SchemeModel(ShianDb db, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed record IndicatorChoice(Guid Id, int Task, string Subject, string Target);

    public sealed record CriterionRow(Guid Id, string Name, decimal Points, CriterionSource Source, string? Indicator);

    public sealed record RoundRow(Guid Id, string Period, RoundStatus Status, DateTime? PublishedAt);

    public sealed class NewCriterion
    {
        [Display(Name = "Assessment.CriterionName")]
        public string Name { get; set; } = "";

        [Display(Name = "Assessment.Points")]
        public string? Points { get; set; }

        [Display(Name = "Assessment.Source")]
        public CriterionSource Source { get; set; }

        [Display(Name = "Assessment.Indicator")]
        public Guid? IndicatorId { get; set; }
    }

    public AssessmentScheme? Scheme { get; private set; }
    public int Year { get; private set; }
    public IReadOnlyList<CriterionRow> Criteria { get; private set; } = [];
    public IReadOnlyList<RoundRow> Rounds { get; private set; } = [];
    public IReadOnlyList<IndicatorChoice> Indicators { get; private set; } = [];
    public IReadOnlyList<string> OpenPeriods { get; private set; } = [];
    public bool Locked => Rounds.Any(r => r.Status == RoundStatus.Published);

    [BindProperty] public NewCriterion Input { get; set; } = new();
    [BindProperty] public string? Period { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAddAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        if (Locked)
        {
            ModelState.AddModelError(string.Empty, l["Assessment.Locked"]);
            return Page();
        }
        var name = Input.Name.Trim();
        if (name.Length is 0 or > 200)
        {
            ModelState.AddModelError("Input.Name", l["Validation.Required", l["Assessment.CriterionName"]]);
        }
        if (!decimal.TryParse(Input.Points, NumberStyles.Number, CultureInfo.InvariantCulture, out var points) || points <= 0 || points > 100)
        {
            ModelState.AddModelError("Input.Points", l["Assessment.PointsInvalid", Input.Points ?? ""]);
        }
        if (!Enum.IsDefined(Input.Source))
        {
            ModelState.AddModelError("Input.Source", l["Validation.Invalid", l["Assessment.Source"]]);
        }
        if (Input.Source == CriterionSource.Indicator && Indicators.All(i => i.Id != Input.IndicatorId))
        {
            ModelState.AddModelError("Input.IndicatorId", l["Assessment.IndicatorRequired"]);
        }
        if (Scheme!.Criteria.Any(c => c.Name == name))
        {
            ModelState.AddModelError("Input.Name", l["Assessment.CriterionTaken", name]);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var scheme = await db.AssessmentSchemes.Include(s => s.Criteria).SingleAsync(s => s.Id == id);
        scheme.Criteria.Add(new AssessmentCriterion
        {
            Order = scheme.Criteria.Count == 0 ? 0 : scheme.Criteria.Max(c => c.Order) + 1, Name = name, Points = points, Source = Input.Source,
            IndicatorId = Input.Source == CriterionSource.Indicator ? Input.IndicatorId : null,
        });
        await db.SaveChangesAsync();
        return Redirect(AssessmentRoutes.Scheme(id));
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid id, Guid criterionId)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        if (Locked)
        {
            ModelState.AddModelError(string.Empty, l["Assessment.Locked"]);
            return Page();
        }
        var criterion = await db.AssessmentCriteria.FirstOrDefaultAsync(c => c.Id == criterionId && c.SchemeId == id);
        if (criterion is null)
        {
            return NotFound();
        }
        // Draft rounds lose that criterion's scores with it; published rounds cannot exist here (Locked).
        db.AssessmentScores.RemoveRange(db.AssessmentScores.Where(s => s.CriterionId == criterionId));
        db.AssessmentCriteria.Remove(criterion);
        await db.SaveChangesAsync();
        return Redirect(AssessmentRoutes.Scheme(id));
    }

    public async Task<IActionResult> OnPostScoreAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        var period = AssessmentCalculator.Periods(Year).FirstOrDefault(p => p.Name == Period);
        if (period.Name is null || !OpenPeriods.Contains(period.Name))
        {
            ModelState.AddModelError(nameof(Period), l["Validation.Invalid", l["Report.Period"]]);
        }
        if (Scheme!.Criteria.Count == 0)
        {
            ModelState.AddModelError(string.Empty, l["Assessment.NoCriteria"]);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var round = new AssessmentRound { SchemeId = id, Period = period.Name!, Start = period.Start, End = period.End };
        await AssessmentCalculator.ComputeAsync(db, Scheme, round, ShianTime.LocalDate(clock.GetUtcNow().UtcDateTime), HttpContext.RequestAborted);
        db.AssessmentRounds.Add(round);
        await db.SaveChangesAsync();
        return Redirect(AssessmentRoutes.Round(round.Id));
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        Scheme = await db.AssessmentSchemes.AsNoTracking().Include(s => s.Criteria).FirstOrDefaultAsync(s => s.Id == id);
        if (Scheme is null)
        {
            return false;
        }
        Scheme.Criteria.Sort((a, b) => a.Order.CompareTo(b.Order));
        Year = await db.Plans.Where(p => p.Id == Scheme.PlanId).Select(p => p.Year).SingleAsync();
        Indicators = (await db.PlanIndicators.AsNoTracking()
            .Join(db.PlanTasks.Where(t => t.PlanId == Scheme.PlanId), i => i.TaskId, t => t.Id, (i, t) => new { Indicator = i, t.Number })
            .ToListAsync())
            .OrderBy(x => x.Number).ThenBy(x => x.Indicator.Order)
            .Select(x => new IndicatorChoice(x.Indicator.Id, x.Number, x.Indicator.Subject, x.Indicator.Target))
            .ToList();
        Criteria = Scheme.Criteria.Select(c => new CriterionRow(c.Id, c.Name, c.Points, c.Source,
            Indicators.FirstOrDefault(i => i.Id == c.IndicatorId) is { } i ? $"{i.Task}. {i.Subject} {i.Target}" : null)).ToList();
        Rounds = await db.AssessmentRounds.AsNoTracking().Where(r => r.SchemeId == id).OrderBy(r => r.Period)
            .Select(r => new RoundRow(r.Id, r.Period, r.Status, r.PublishedAt)).ToListAsync();
        // A period can be scored once it has begun, and once per scheme.
        var today = ShianTime.LocalDate(clock.GetUtcNow().UtcDateTime);
        OpenPeriods = AssessmentCalculator.Periods(Year).Where(p => p.Start <= today && Rounds.All(r => r.Period != p.Name)).Select(p => p.Name).ToList();
        return true;
    }
}
