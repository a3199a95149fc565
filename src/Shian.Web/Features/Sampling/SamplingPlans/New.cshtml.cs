using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Shian.Common;
using Shian.Data;
using Shian.Sampling;
using Shian.Web.Infrastructure;

namespace Shian.Web.Features.Sampling;

/// <summary>
/// 新建抽检计划: year, kind, name, the population (the jurisdiction's for the year unless changed) and the batches per
/// 1,000 residents (4 unless changed). The quota follows; the allocations are entered on the plan's page.
/// </summary>
[Authorize(Policy = Policies.Office)]
public class NewModel(ShianDb db, CurrentUser user, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    // Numbers are bound as text so that a wrong entry gets our message naming the field, not MVC's.
    [BindProperty] public string Year { get; set; } = "";
    [BindProperty] public SamplingKind Kind { get; set; } = SamplingKind.Supervision;
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string Population { get; set; } = "";
    [BindProperty] public string PerThousand { get; set; } = "";

    public async Task OnGetAsync(int? year)
    {
        var y = year is >= 2000 and <= 2100 ? year.Value : ShianTime.LocalDate(clock.GetUtcNow().UtcDateTime).Year;
        Year = y.ToString(CultureInfo.InvariantCulture);
        Population = (await DefaultPopulationAsync(y))?.ToString(CultureInfo.InvariantCulture) ?? "";
        PerThousand = SamplingPlan.DefaultPerThousand.ToString("0.###", CultureInfo.InvariantCulture);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var badKind = ModelState[nameof(Kind)]?.Errors.Count > 0;
        ModelState.Clear();
        var plan = new SamplingPlan
        {
            Id = Guid.CreateVersion7(), Kind = badKind ? (SamplingKind)(-1) : Kind, Name = (Name ?? "").Trim(),
            CreatedAt = clock.GetUtcNow().UtcDateTime, CreatedBy = user.Name,
        };
        if (int.TryParse(Year?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var year))
        {
            plan.Year = year;
        }
        else
        {
            ModelState.AddProblem(nameof(Year), new Problem("SamplingPlan.YearText"), l);
        }
        var population = (Population ?? "").Trim();
        if (population.Length == 0 && plan.Year is >= 2000 and <= 2100 && await DefaultPopulationAsync(plan.Year) is { } known)
        {
            plan.Population = known;
        }
        else if (int.TryParse(population, NumberStyles.None, CultureInfo.InvariantCulture, out var people))
        {
            plan.Population = people;
        }
        else
        {
            ModelState.AddProblem(nameof(Population), new Problem("SamplingPlan.PopulationText"), l);
        }
        var rate = (PerThousand ?? "").Trim();
        if (rate.Length == 0)
        {
            plan.PerThousand = SamplingPlan.DefaultPerThousand;
        }
        else if (decimal.TryParse(rate, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var perThousand) && decimal.Round(perThousand, 3) == perThousand)
        {
            plan.PerThousand = perThousand;
        }
        else
        {
            ModelState.AddProblem(nameof(PerThousand), new Problem("SamplingPlan.PerThousandText"), l);
        }
        foreach (var (field, problem) in plan.Validate())
        {
            if (ModelState[field] is not { Errors.Count: > 0 })
            {
                ModelState.AddProblem(field, problem, l);
            }
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        db.SamplingPlans.Add(plan);
        await db.SaveChangesAsync();
        return Redirect($"{SamplingRoutes.Plan(plan.Id)}?saved=1");
    }

    private async Task<int?> DefaultPopulationAsync(int year)
    {
        var populations = await db.JurisdictionPopulations.AsNoTracking().ToListAsync();
        return new Shian.Organization.Jurisdiction { Populations = populations }.PopulationFor(year);
    }
}
