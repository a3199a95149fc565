using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Shian.Accounts;
using Shian.Common;
using Shian.Data;
using Shian.Sampling;
using Shian.Web.Infrastructure;

namespace Shian.Web.Features.Sampling;

/// <summary>
/// One sampling plan: its quota and how it is shared out by food category, township and environment, with the batches
/// sampled against each. The office changes the population, rate and allocations here (平均分配 proposes an even split
/// per township without storing it); other staff read; a township's staff see only their own township's allocation.
/// Allocations that do not add up to the quota are shown as a warning, not refused; negative or non-numeric ones are.
/// </summary>
[Authorize(Policy = Policies.Staff)]
public class DetailModel(ShianDb db, CurrentUser user, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed record Line(string Key, string Label, int Batches, int Sampled);

    public SamplingPlan Plan { get; private set; } = null!;
    public bool CanEdit { get; private set; }
    public IReadOnlyList<Line> Categories { get; private set; } = [];
    public IReadOnlyList<Line> Townships { get; private set; } = [];
    public IReadOnlyList<Line> Environments { get; private set; } = [];
    public IReadOnlyList<(AllocationDimension Dimension, int Sum)> Mismatches { get; private set; } = [];
    public SamplingProgressResult Progress { get; private set; } = SamplingProgressResult.None;

    /// <summary>True for a township's staff: the township table holds their own row only, and sums are not shown.</summary>
    public bool OwnTownshipOnly { get; private set; }

    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string Population { get; set; } = "";
    [BindProperty] public string PerThousand { get; set; } = "";

    /// <summary>Batches as typed, by row key: c_{category id}, t_{township id}, e_{environment}.</summary>
    [BindProperty] public Dictionary<string, string> Batches { get; set; } = [];

    public string Entered(string key, int stored) => Batches.TryGetValue(key, out var typed) ? typed : stored.ToString(CultureInfo.InvariantCulture);

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id)) return NotFound();
        Name = Plan.Name;
        Population = Plan.Population.ToString(CultureInfo.InvariantCulture);
        PerThousand = Plan.PerThousand.ToString("0.###", CultureInfo.InvariantCulture);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (!CanEdit) return Forbid();
        ModelState.Clear();

        var population = 0;
        if (!int.TryParse((Population ?? "").Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out population))
        {
            ModelState.AddProblem(nameof(Population), new Problem("SamplingPlan.PopulationText"), l);
        }
        var rate = 0m;
        if (!decimal.TryParse((PerThousand ?? "").Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out rate) || decimal.Round(rate, 3) != rate)
        {
            ModelState.AddProblem(nameof(PerThousand), new Problem("SamplingPlan.PerThousandText"), l);
        }
        var rows = new Dictionary<AllocationDimension, List<(string Key, string Label, int Batches)>>();
        foreach (var (dimension, lines) in new[] { (AllocationDimension.Category, Categories), (AllocationDimension.Township, Townships), (AllocationDimension.Environment, Environments) })
        {
            var list = rows[dimension] = [];
            foreach (var line in lines)
            {
                var text = (Batches.GetValueOrDefault(line.Key) ?? "").Trim();
                if (text.Length == 0)
                {
                    list.Add((KeyOf(line.Key), line.Label, 0));
                }
                else if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) && n >= 0)
                {
                    list.Add((KeyOf(line.Key), line.Label, n));
                }
                else
                {
                    ModelState.AddProblem($"Batches[{line.Key}]", new Problem(n < 0 && text.StartsWith('-')
                        ? "SamplingPlan.BatchesNegative" : "SamplingPlan.BatchesNotWhole", line.Label), l);
                }
            }
        }
        if (!ModelState.IsValid) return Page();

        // Checked on a copy first: a refused plan leaves the tracked entity, and so the database, untouched.
        var draft = new SamplingPlan
        {
            Id = Plan.Id, Year = Plan.Year, Kind = Plan.Kind, Name = (Name ?? "").Trim(), Population = population, PerThousand = rate,
        };
        foreach (var (dimension, list) in rows)
        {
            if (draft.SetAllocations(dimension, list) is { } refused) ModelState.AddProblem("", refused, l);
        }
        foreach (var (field, problem) in draft.Validate())
        {
            ModelState.AddProblem(field, problem, l);
        }
        if (!ModelState.IsValid) return Page();

        Plan.Name = draft.Name;
        Plan.Population = draft.Population;
        Plan.PerThousand = draft.PerThousand;
        var wanted = draft.Allocations.ToDictionary(a => (a.Dimension, a.Key));
        foreach (var stale in Plan.Allocations.Where(a => !wanted.ContainsKey((a.Dimension, a.Key))).ToList())
        {
            Plan.Allocations.Remove(stale);
            db.SamplingAllocations.Remove(stale);
        }
        foreach (var (key, allocation) in wanted)
        {
            if (Plan.Allocations.FirstOrDefault(a => (a.Dimension, a.Key) == key) is { } kept)
            {
                kept.Batches = allocation.Batches;
            }
            else
            {
                Plan.Allocations.Add(allocation);
                db.SamplingAllocations.Add(allocation);
            }
        }
        await db.SaveChangesAsync();
        return Redirect($"{SamplingRoutes.Plan(id)}?saved=1");
    }

    /// <summary>平均分配: fills the township column with an even split of the quota; nothing is stored until 保存.</summary>
    public async Task<IActionResult> OnPostEvenSplitAsync(Guid id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (!CanEdit) return Forbid();
        ModelState.Clear();
        var shares = SamplingQuota.Even(Plan.Quota, Townships.Count);
        for (var i = 0; i < Townships.Count; i++)
        {
            Batches[Townships[i].Key] = shares[i].ToString(CultureInfo.InvariantCulture);
        }
        ViewData["Proposed"] = true;
        return Page();
    }

    /// <summary>The plan as an .xlsx workbook: the plan's figures and one sheet per dimension (what the reader may see).</summary>
    public async Task<IActionResult> OnGetExportAsync(Guid id)
    {
        if (!await LoadAsync(id)) return NotFound();
        ExcelExport.Sheet Lines(string name, IEnumerable<Line> lines) => Export.Of(lines)
            .Column("Sampling.Allocation", x => x.Label).Column("Sampling.Batches", x => x.Batches).Column("Sampling.Sampled", x => x.Sampled).Sheet(l, name);
        (string Key, object? Value)[] facts =
        [
            ("Sampling.Year", Plan.Year), ("Sampling.Kind", l["SamplingKind." + Plan.Kind].Value), ("Sampling.Population", Plan.Population),
            ("Sampling.PerThousand", Plan.PerThousand), ("Sampling.Quota", Plan.Quota), ("Sampling.Sampled", Progress.Total),
        ];
        return Export.Xlsx($"{Plan.Year}-{l["SamplingKind." + Plan.Kind]}.xlsx",
            Export.Of(facts).Column("Sampling.Item", f => l[f.Key].Value).Column("Sampling.Value", f => f.Value).Sheet(l, l["Sampling.Plan"]),
            Lines(l["Sampling.ByCategory"], Categories.Where(c => c.Batches > 0 || c.Sampled > 0)),
            Lines(l["Sampling.ByTownship"], Townships),
            Lines(l["Sampling.ByEnvironment"], Environments));
    }

    private static string KeyOf(string rowKey) => rowKey[2..];

    private async Task<bool> LoadAsync(Guid id)
    {
        var plan = await db.SamplingPlans.Include(p => p.Allocations).FirstOrDefaultAsync(p => p.Id == id);
        if (plan is null) return false;
        Plan = plan;
        CanEdit = await HttpContext.MeetsAsync(Policies.Office);
        var scope = await user.ScopeAsync();
        OwnTownshipOnly = scope.Level == AccessLevel.Township;

        Progress = await SamplingPlanProgress.LoadAsync(db, plan, HttpContext.RequestAborted);
        int Stored(AllocationDimension d, string key) => plan.Allocations.FirstOrDefault(a => a.Dimension == d && a.Key == key)?.Batches ?? 0;
        int Done(AllocationDimension d, string key) => Progress.For(SamplingAllocation.For(plan.Id, d, key, 0));

        var categories = await db.FoodCategories.AsNoTracking().Where(c => c.Level == 1)
            .OrderBy(c => c.SamplingOrder).Select(c => new { c.Id, c.Name, c.Active }).ToListAsync();
        Categories = categories
            .Where(c => c.Active || Stored(AllocationDimension.Category, c.Id.ToString()) > 0)
            .Select(c => new Line("c_" + c.Id, c.Name, Stored(AllocationDimension.Category, c.Id.ToString()), Done(AllocationDimension.Category, c.Id.ToString())))
            .ToList();
        var townships = await db.Townships.AsNoTracking().OrderBy(t => t.Code).Select(t => new { t.Id, t.Name, t.Active }).ToListAsync();
        Townships = townships
            .Where(t => (t.Active || Stored(AllocationDimension.Township, t.Id.ToString()) > 0) && (!OwnTownshipOnly || t.Id == scope.TownshipId))
            .Select(t => new Line("t_" + t.Id, t.Name, Stored(AllocationDimension.Township, t.Id.ToString()), Done(AllocationDimension.Township, t.Id.ToString())))
            .ToList();
        Environments = Enum.GetValues<SamplingEnvironment>()
            .Select(e => new Line("e_" + e, l["Sampling.Environment." + e], Stored(AllocationDimension.Environment, e.ToString()), Done(AllocationDimension.Environment, e.ToString())))
            .ToList();
        Mismatches = OwnTownshipOnly ? plan.Mismatches().Where(m => m.Dimension != AllocationDimension.Township).ToList() : plan.Mismatches();
        return true;
    }
}
