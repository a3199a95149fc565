using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Shian.Data;
using Shian.KitchenVideo;
using Shian.Schools;
using Shian.Web.Infrastructure;

namespace Shian.Web.Features.KitchenVideo;

/// <summary>
/// 明厨亮灶接入情况: per township the catering businesses (caterers and canteens, not closed) by video status and the share
/// connected, the school canteens separately; the businesses of one status; the same as an .xlsx workbook. Staff see
/// their scope (a township officer their township).
/// </summary>
[Authorize(Policy = Policies.Staff)]
public class IndexModel(ShianDb db, CurrentUser user) : PageModel
{
    public const int ListLimit = 500;

    [BindProperty(SupportsGet = true)] public KitchenVideoStatus? Status { get; set; }

    public IReadOnlyList<KitchenVideoCoverage.TownshipRow> Rows { get; private set; } = [];
    public KitchenVideoCoverage.Tally Total { get; private set; } = KitchenVideoCoverage.Tally.Of([]);
    public KitchenVideoCoverage.Tally Schools { get; private set; } = KitchenVideoCoverage.Tally.Of([]);
    public IReadOnlyList<KitchenVideoCoverage.Entry> Listed { get; private set; } = [];
    public int ListedTotal { get; private set; }
    public IReadOnlyDictionary<Guid, string> TownshipNames { get; private set; } = new Dictionary<Guid, string>();

    public async Task OnGetAsync() => await LoadAsync(export: false);

    public async Task<IActionResult> OnGetExportAsync()
    {
        await LoadAsync(export: true);
        string? Pct(decimal? p) => p is { } v ? v.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) : null;
        var coverage = new ExcelExport.Sheet("接入情况",
            ["乡镇街道", "餐饮单位", "已接入", "申请中", "故障", "未接入", "接入率%", "学校食堂", "学校已接入", "学校接入率%"],
            Rows.Select(r => (IReadOnlyList<object?>)[TownshipNames.GetValueOrDefault(r.TownshipId), r.All.Total, r.All.Active, r.All.Pending, r.All.Degraded, r.All.None,
                Pct(r.All.Percent), r.Schools.Total, r.Schools.Active, Pct(r.Schools.Percent)]));
        var businesses = new ExcelExport.Sheet("经营者",
            ["名称", "统一社会信用代码", "乡镇街道", "学校食堂", "接入状态"],
            Listed.Select(e => (IReadOnlyList<object?>)[e.Business.Name, e.Business.CreditCode, TownshipNames.GetValueOrDefault(e.Business.TownshipId),
                SchoolCoverage.IsSchoolCanteen(e.Business) ? "是" : "否", KitchenVideoLink.Name(e.Status)]));
        return ExcelExport.File("kitchen-video.xlsx", coverage, businesses);
    }

    private async Task LoadAsync(bool export)
    {
        var scope = await user.ScopeAsync();
        // The tallies are counted in the database; businesses are read only for a list (one status) or the export.
        var counts = await KitchenVideoCoverage.CountsAsync(db, scope);
        var townships = await db.Townships.AsNoTracking().OrderBy(t => t.Code).Select(t => new { t.Id, t.Name }).ToListAsync();
        TownshipNames = townships.ToDictionary(t => t.Id, t => t.Name);
        var present = counts.Select(c => c.TownshipId).ToHashSet();
        Rows = KitchenVideoCoverage.ByTownship(counts, townships.Select(t => t.Id).Where(present.Contains));
        Total = KitchenVideoCoverage.TallyOf(counts);
        Schools = KitchenVideoCoverage.TallyOf(counts.Where(c => c.IsSchoolCanteen));
        IReadOnlyList<KitchenVideoCoverage.Entry> entries = export || Status is not null ? await KitchenVideoCoverage.EntriesAsync(db, scope, Status) : [];
        // Schools first, as the plan asks, then by name.
        var listed = entries
            .OrderByDescending(e => SchoolCoverage.IsSchoolCanteen(e.Business)).ThenBy(e => e.Business.Name, StringComparer.Ordinal).ToList();
        ListedTotal = listed.Count;
        // The page lists one status at a time; the export carries every business of the filter (all without one).
        Listed = export ? listed : Status is null ? [] : listed.Take(ListLimit).ToList();
    }
}
