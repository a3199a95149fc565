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
public class IndicatorsModel(ShianDb db, CurrentUser user, IAuthorizationService authorization, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed record Row(Guid Id, int Task, string Subject, string Target, IndicatorKind Kind, string? Metric, Guid? OwnerId, string? Owner,
        IReadOnlyList<decimal> Trend, IndicatorStatus Status, bool CanReport);

    public Plan? Header { get; private set; }
    public IReadOnlyList<Row> Rows { get; private set; } = [];

    [BindProperty] public Guid IndicatorId { get; set; }
    [BindProperty] public string? Value { get; set; }
    [BindProperty] public DateOnly? AsOf { get; set; }
    [BindProperty] public string? Evidence { get; set; }

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
        db.IndicatorValues.Add(new IndicatorValue
        {
            IndicatorId = IndicatorId, UnitId = row.OwnerId ?? (await user.WorkingUnitAsync()) ?? Guid.Empty, AsOf = AsOf!.Value, Value = value,
            Evidence = Evidence!.Trim(), SubmittedBy = user.Name, SubmittedAt = clock.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync();
        return Redirect($"/plans/{id}/indicators");
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
        var units = await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Name);
        Rows = (await IndicatorStanding.LoadAsync(db, id, Header.Year, today)).Select(x =>
        {
            var i = x.Indicator;
            var canReport = i.Kind == IndicatorKind.Reported && (office || (myUnit is not null && myUnit == i.OwnerUnitId));
            return new Row(i.Id, x.Task, i.Subject, i.Target, i.Kind, i.Metric, i.OwnerUnitId,
                i.OwnerUnitId is { } o && units.TryGetValue(o, out var n) ? n : null, x.Trend, x.Status, canReport);
        }).ToList();
        AsOf ??= today.Year == Header.Year ? today : new DateOnly(Header.Year, 12, 31);
        return true;
    }
}
