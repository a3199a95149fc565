using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Shian.Common;
using Shian.Data;
using Shian.Schools;

namespace Shian.Web.Features.Schools;

/// <summary>
/// The 陪餐记录 section of a school canteen's business page: this term's count and the last records. The business page
/// has already checked that the reader may see the business, and so its records.
/// </summary>
public class SchoolMealsViewComponent(ShianDb db, TimeProvider clock) : ViewComponent
{
    public sealed record Model(Guid BusinessId, SchoolTerm Term, int ThisTerm, bool Overdue, IReadOnlyList<SchoolMealRecord> Last);

    public async Task<IViewComponentResult> InvokeAsync(Guid businessId)
    {
        var today = ShianTime.LocalDate(ShianTime.UtcNow(clock));
        var term = SchoolTerm.Of(today);
        var records = db.SchoolMealRecords.AsNoTracking().Where(r => r.BusinessId == businessId);
        var count = await records.CountAsync(r => r.Date >= term.From && r.Date <= term.To);
        var last = await records.OrderByDescending(r => r.Date).ThenByDescending(r => r.Meal).Take(5).ToListAsync();
        return View("/Features/Schools/_SchoolMeals.cshtml",
            new Model(businessId, term, count, SchoolMealRecord.Overdue(last.FirstOrDefault()?.Date, today), last));
    }
}
