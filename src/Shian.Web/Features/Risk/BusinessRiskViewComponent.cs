using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Shian.Common;
using Shian.Data;
using Shian.Registry;
using Shian.Risk;
using Shian.Web.Infrastructure;

namespace Shian.Web.Features.Risk;

/// <summary>
/// The risk section of the business page: current grade, required inspections, grade history and the dynamic factors
/// that count now. A component so that the registry page needs one line for it; the page has already checked scope.
/// </summary>
public class BusinessRiskViewComponent(ShianDb db, IAuthorizationService authorization, TimeProvider clock) : ViewComponent
{
    public sealed record Model(Guid BusinessId, RiskGrade? Current, int? RequiredInspections, IReadOnlyList<RiskGrade> History,
        IReadOnlyList<RiskFactor> Factors, bool CanAddFactor);

    public async Task<IViewComponentResult> InvokeAsync(Guid businessId, BusinessCategory category)
    {
        var today = ShianTime.LocalDate(ShianTime.UtcNow(clock));
        var sheets = await RiskSheetSet.LoadAsync(db, today);
        var history = await db.RiskGrades.AsNoTracking().Where(g => g.BusinessId == businessId)
            .OrderByDescending(g => g.GradedAt).Take(50).ToListAsync();
        var current = history.FirstOrDefault(g => g.SupersededAt is null);
        var since = sheets.For(category)?.WindowStart(today) ?? today.AddYears(-1);
        var factors = await db.RiskFactors.AsNoTracking().Where(f => f.BusinessId == businessId && f.Date >= since)
            .OrderByDescending(f => f.Date).ThenByDescending(f => f.RecordedAt).ToListAsync();
        var canAdd = (await authorization.AuthorizeAsync(UserClaimsPrincipal, Policies.Office)).Succeeded;
        return View("/Features/Risk/_BusinessRisk.cshtml", new Model(businessId, current,
            current is null ? null : sheets.RequiredInspections(current.Grade, category), history, factors, canAdd));
    }
}
