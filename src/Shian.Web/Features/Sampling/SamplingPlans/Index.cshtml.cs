using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Shian.Common;
using Shian.Data;
using Shian.Sampling;
using Shian.Web.Infrastructure;

namespace Shian.Web.Features.Sampling;

/// <summary>抽检监测: the sampling plans of a year with their quota and the batches sampled so far.</summary>
[Authorize(Policy = Policies.Staff)]
public class IndexModel(ShianDb db, TimeProvider clock) : PageModel
{
    public sealed record Row(Guid Id, string Title, SamplingKind Kind, int Population, decimal PerThousand, int Quota, int Sampled, bool Mismatched);

    public int Year { get; private set; }
    public IReadOnlyList<int> Years { get; private set; } = [];
    public IReadOnlyList<Row> Plans { get; private set; } = [];

    /// <summary>The office edits the sampling plans.</summary>
    public bool IsOffice { get; private set; }

    public async Task OnGetAsync(int? year)
    {
        IsOffice = await HttpContext.MeetsAsync(Policies.Office);
        Year = year is >= 2000 and <= 2100 ? year.Value : ShianTime.LocalDate(clock.GetUtcNow().UtcDateTime).Year;
        var plans = await db.SamplingPlans.AsNoTracking().Include(p => p.Allocations)
            .Where(p => p.Year == Year).OrderBy(p => p.Kind).ThenBy(p => p.Name).ToListAsync();
        var rows = new List<Row>();
        foreach (var p in plans)
        {
            rows.Add(new Row(p.Id, p.Title, p.Kind, p.Population, p.PerThousand, p.Quota,
                (await SamplingPlanProgress.LoadAsync(db, p, HttpContext.RequestAborted)).Total, p.Mismatches().Count > 0));
        }
        Plans = rows;
        Years = (await db.SamplingPlans.Select(p => p.Year).Distinct().ToListAsync()).Append(Year).Distinct().OrderDescending().ToList();
    }

    /// <summary>The year's plans as an .xlsx workbook, in the reader's language.</summary>
    public async Task<IActionResult> OnGetExportAsync(int? year, [FromServices] Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> l)
    {
        await OnGetAsync(year);
        return Export.Of(Plans)
            .Column("Sampling.Export.Plan", p => p.Title).Column("Sampling.Kind", p => l.Term(p.Kind)).Column("Sampling.Population", p => p.Population)
            .Column("Sampling.PerThousand", p => p.PerThousand).Column("Sampling.Quota", p => p.Quota).Column("Sampling.Export.Sampled", p => p.Sampled)
            .Xlsx(l, $"{l["Sampling.Plan"].Value}-{Year}.xlsx", l["Sampling.Plan"]);
    }
}
