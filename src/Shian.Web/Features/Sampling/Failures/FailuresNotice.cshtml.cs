using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Shian.Data;
using Shian.Sampling;
using Shian.Web.Infrastructure;

namespace Shian.Web.Features.Sampling;

/// <summary>
/// 不合格检验结论告知书: the printed notice an officer hands to the operator and has signed for, with the failed items, the
/// right to re-inspection or objection and its deadline, and the disposal deadline. Who may open the case may print it.
/// </summary>
[Authorize(Policy = Policies.SampleFailures)]
public class FailuresNoticeModel(ShianDb db, CurrentUser user) : PageModel
{
    public SampleFailure Case { get; private set; } = null!;
    public string Laboratory { get; private set; } = "";
    public string Issuer { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var scope = await user.ScopeAsync();
        if (await db.SampleFailures.AsNoTracking().VisibleTo(scope).FirstOrDefaultAsync(f => f.Id == id, HttpContext.RequestAborted) is not { } found)
        {
            return NotFound();
        }
        Case = found;
        var units = await db.Units.AsNoTracking().Where(u => u.Id == found.LaboratoryId || u.Id == found.SamplingUnitId)
            .ToDictionaryAsync(u => u.Id, u => u.Name, HttpContext.RequestAborted);
        Laboratory = units.GetValueOrDefault(found.LaboratoryId, "");
        Issuer = units.GetValueOrDefault(found.SamplingUnitId, "");
        return Page();
    }
}
