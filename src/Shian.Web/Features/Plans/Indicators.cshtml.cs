using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Shian.Common;
using Shian.Data;
using Shian.Plans;
using Shian.Web.Infrastructure;

namespace Shian.Web.Features.Plans;

/// <summary>
/// 指标: every target of a plan with its owning unit, latest value, trend and status (met / at risk / missed). The owning
/// unit (or the office) reports values of reported targets, with evidence; computed ones come from Shian's own data.
/// </summary>
[Authorize(Policy = Policies.Staff)]
[RequestFormLimits(MultipartBodyLengthLimit = RequestLimits.MaxBodyBytes)]
public class IndicatorsModel(ShianDb db, CurrentUser user, IAuthorizationService authorization, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed record Row(Guid Id, int Task, string Subject, string Target, IndicatorKind Kind, string? Metric, Guid? OwnerId, string? Owner,
        IReadOnlyList<decimal> Trend, IndicatorStatus Status, bool CanReport, decimal? TownshipLatest,
        IReadOnlyList<TaskModel.FileLink> Evidence, DateOnly? ComputedAsOf);

    /// <summary>The signed-in township officer's township: they report their own values for the townships' tasks.</summary>
    public string? MyTownship { get; private set; }

    private Guid? _township;

    public Plan? Header { get; private set; }
    public IReadOnlyList<Row> Rows { get; private set; } = [];

    [BindProperty] public Guid IndicatorId { get; set; }
    [BindProperty] public string? Value { get; set; }
    [BindProperty] public DateOnly? AsOf { get; set; }
    [BindProperty] public string? Evidence { get; set; }
    [BindProperty] public List<IFormFile> Files { get; set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        var row = Rows.FirstOrDefault(r => r.Id == IndicatorId);
        if (row is null || !row.CanReport)
        {
            return Forbid();
        }
        var today = ShianTime.LocalDate(clock.GetUtcNow().UtcDateTime);
        if (!decimal.TryParse(Value, NumberStyles.Number, CultureInfo.InvariantCulture, out var value))
        {
            ModelState.AddModelError(nameof(Value), l["Indicator.ValueInvalid", Value ?? ""]);
        }
        if (AsOf is not { } asOf || asOf.Year != Header!.Year && asOf.Year != Header.Year + 1 || asOf > today)
        {
            ModelState.AddModelError(nameof(AsOf), l["Indicator.AsOfInvalid", Header!.Year]);
        }
        if (string.IsNullOrWhiteSpace(Evidence))
        {
            ModelState.AddModelError(nameof(Evidence), l["Validation.Required", l["Indicator.Evidence"]]);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var reported = new IndicatorValue
        {
            IndicatorId = IndicatorId, UnitId = _township is null ? row.OwnerId ?? (await user.WorkingUnitAsync()) ?? Guid.Empty : (await user.WorkingUnitAsync())!.Value,
            TownshipId = _township, AsOf = AsOf!.Value, Value = value,
            Evidence = Evidence!.Trim(), SubmittedBy = user.Name, SubmittedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.IndicatorValues.Add(reported);
        var files = await Uploads.ReadAsync(Files, FileOwners.IndicatorValue, reported.Id, user.Name, reported.SubmittedAt,
            ModelState, l, nameof(Files), HttpContext.RequestAborted);
        if (!ModelState.IsValid)
        {
            db.ChangeTracker.Clear(); // the value and its evidence are stored together or not at all
            return Page();
        }
        db.StoredFiles.AddRange(files);
        await db.SaveChangesAsync();
        return Redirect(PlansRoutes.Indicators(id));
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        Header = await db.Plans.AsNoTracking().Where(p => p.Id == id).Select(p => new Plan { Id = p.Id, Year = p.Year, Title = p.Title }).FirstOrDefaultAsync();
        if (Header is null)
        {
            return false;
        }
        var today = ShianTime.LocalDate(clock.GetUtcNow().UtcDateTime);
        var office = (await authorization.AuthorizeAsync(User, Policies.Office)).Succeeded;
        var myUnit = await user.WorkingUnitAsync();
        var scope = await user.ScopeAsync();
        _township = scope.Level == Shian.Accounts.AccessLevel.Township ? scope.TownshipId : null;
        MyTownship = _township is null ? null : await db.Townships.Where(t => t.Id == _township).Select(t => t.Name).FirstOrDefaultAsync();
        // Tasks of the collective 各乡镇街: each township reports its own value for their targets.
        var townshipTasks = await db.TaskResponsibilities.Where(r => r.Unit!.Kind == Shian.Organization.UnitKind.Townships).Select(r => r.TaskId).Distinct().ToListAsync();
        var units = await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Name);
        var standings = await IndicatorStanding.LoadAsync(db, id, Header.Year, today);
        var ids = standings.Select(s => s.Indicator.Id).ToList();
        var ownValues = _township is null ? [] : await db.IndicatorValues.AsNoTracking()
            .Where(v => ids.Contains(v.IndicatorId) && v.TownshipId == _township).ToListAsync();
        // The evidence files of each target's latest district value.
        var latestIds = standings.Where(s => s.LatestValueId is not null).Select(s => s.LatestValueId!.Value).ToList();
        var evidence = (await db.StoredFiles.AsNoTracking().Where(f => f.OwnerKind == FileOwners.IndicatorValue && latestIds.Contains(f.OwnerId))
                .Select(f => new TaskModel.FileLink(f.Id, f.OwnerId, f.FileName, f.Length)).ToListAsync())
            .ToLookup(f => f.OwnerId);
        // A township officer also sees each computed target measured on their own township's records.
        var townshipComputed = new Dictionary<string, decimal?>();
        if (_township is not null && IndicatorStanding.MeasuredOn(Header.Year, today) is { } measuredOn)
        {
            foreach (var metric in standings.Where(s => s.ComputedAsOf is not null).Select(s => s.Indicator.Metric!).Distinct())
            {
                townshipComputed[metric] = await Metrics.ComputeAsync(db, scope, metric, measuredOn, HttpContext.RequestAborted);
            }
        }
        Rows = standings.Select(x =>
        {
            var i = x.Indicator;
            var canReport = i.Kind == IndicatorKind.Reported && (_township is not null
                ? townshipTasks.Contains(i.TaskId)
                : office || (myUnit is not null && myUnit == i.OwnerUnitId));
            var townshipLatest = x.ComputedAsOf is not null
                ? townshipComputed.GetValueOrDefault(i.Metric!) is { } own ? Math.Round(own, 2) : null
                : ownValues.Where(v => v.IndicatorId == i.Id)
                    .OrderBy(v => v.AsOf).ThenBy(v => v.SubmittedAt).Select(v => (decimal?)v.Value).LastOrDefault();
            return new Row(i.Id, x.Task, i.Subject, i.Target, i.Kind, i.Metric, i.OwnerUnitId,
                i.OwnerUnitId is { } o && units.TryGetValue(o, out var n) ? n : null, x.Trend, x.Status, canReport, townshipLatest,
                x.LatestValueId is { } latest ? evidence[latest].ToList() : [], x.ComputedAsOf);
        }).ToList();
        AsOf ??= today.Year == Header.Year ? today : new DateOnly(Header.Year, 12, 31);
        return true;
    }
}
