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

    public async Task<IActionResult> OnGetExportAsync([FromServices] Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> l)
    {
        await LoadAsync(export: true);
        string? Pct(decimal? p) => p is { } v ? v.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) : null;
        var coverage = Export.Of(Rows)
            .Column("Registry.Township", r => TownshipNames.GetValueOrDefault(r.TownshipId)).Column("KitchenVideo.Catering", r => r.All.Total)
            .Column("KitchenVideo.Export.Connected", r => r.All.Active).Column("KitchenVideo.Export.Pending", r => r.All.Pending)
            .Column("KitchenVideo.Export.Degraded", r => r.All.Degraded).Column("KitchenVideo.Export.None", r => r.All.None)
            .Column("KitchenVideo.Export.Rate", r => Pct(r.All.Percent)).Column("KitchenVideo.Export.SchoolCanteens", r => r.Schools.Total)
            .Column("KitchenVideo.Schools", r => r.Schools.Active).Column("KitchenVideo.Export.SchoolRate", r => Pct(r.Schools.Percent));
        var businesses = Export.Of(Listed)
            .Column("Registry.Name", e => e.Business.Name).Column("Registry.CreditCode", e => e.Business.CreditCode)
            .Column("Registry.Township", e => TownshipNames.GetValueOrDefault(e.Business.TownshipId))
            .Column("KitchenVideo.Export.SchoolCanteen", e => SchoolCoverage.IsSchoolCanteen(e.Business) ? l["Common.Yes"].Value : l["Common.No"].Value)
            .Column("KitchenVideo.Export.Link", e => KitchenVideoLink.Name(e.Status));
        return Export.Xlsx("kitchen-video.xlsx", coverage.Sheet(l, l["KitchenVideo.Export.Coverage"]), businesses.Sheet(l, l["KitchenVideo.Export.Businesses"]));
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
