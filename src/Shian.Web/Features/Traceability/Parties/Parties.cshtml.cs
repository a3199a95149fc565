using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Shian.Data;
using Shian.Traceability;
using Shian.Web.Infrastructure;

namespace Shian.Web.Features.Traceability;

/// <summary>
/// 我的位置码: an operator registers the GLNs its EPCIS events name as locations, sources and destinations, so that
/// traces, recall scopes and the consumer page show its name instead of a number once the office has confirmed the claim
/// (<c>/trace/claims</c>); a GLN confirmed to a business is refused.
/// </summary>
[Authorize(Policy = Policies.Operator)]
public class PartiesModel(ShianDb db, CurrentUser user, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed record Row(Guid Id, string Key, string Name, string BusinessName, TraceClaimStatus Status, string RejectionReason);

    public sealed record BusinessOption(Guid Id, string Name);

    [BindProperty] public Guid BusinessId { get; set; }
    [BindProperty] public string? Gln { get; set; }
    [BindProperty] public string? Extension { get; set; }
    [BindProperty] public string? Name { get; set; }

    public IReadOnlyList<Row> Parties { get; private set; } = [];
    public IReadOnlyList<BusinessOption> Businesses { get; private set; } = [];

    public Task OnGetAsync() => LoadAsync();

    public async Task<IActionResult> OnPostAddAsync()
    {
        var own = (await user.ScopeAsync()).BusinessIds;
        if (!own.Contains(BusinessId))
        {
            ModelState.AddProblem(nameof(BusinessId), new("TraceParty.BusinessRequired"), l);
        }
        var (party, errors) = TraceParties.Create(BusinessId, Gln, Extension, Name);
        ModelState.AddProblems(errors, l);
        if (party is not null && await TraceClaims.PartyRefusalAsync(db, party.Key) is { } refusal)
        {
            ModelState.AddProblem(nameof(Gln), refusal, l);
        }
        else if (party is not null && await db.TraceParties.AnyAsync(p => p.Key == party.Key && p.BusinessId == party.BusinessId && p.Status == TraceClaimStatus.Pending))
        {
            ModelState.AddProblem(nameof(Gln), new("TraceClaim.GlnPending"), l);
        }
        if (!ModelState.IsValid || party is null)
        {
            await LoadAsync();
            return Page();
        }
        db.TraceParties.Add(party);
        await db.SaveChangesAsync();
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid partyId)
    {
        var own = (await user.ScopeAsync()).BusinessIds;
        var party = await db.TraceParties.FirstOrDefaultAsync(p => p.Id == partyId && own.Contains(p.BusinessId));
        if (party is null)
        {
            return NotFound();
        }
        db.TraceParties.Remove(party);
        await db.SaveChangesAsync();
        return RedirectToPage();
    }

    private async Task LoadAsync()
    {
        var own = (await user.ScopeAsync()).BusinessIds.ToList();
        Businesses = await db.Businesses.AsNoTracking().Where(b => own.Contains(b.Id)).OrderBy(b => b.Name)
            .Select(b => new BusinessOption(b.Id, b.Name)).ToListAsync();
        Parties = await (from p in db.TraceParties.AsNoTracking()
                         join b in db.Businesses.AsNoTracking() on p.BusinessId equals b.Id
                         where own.Contains(p.BusinessId)
                         orderby b.Name, p.Key
                         select new Row(p.Id, p.Key, p.Name, b.Name, p.Status, p.RejectionReason)).ToListAsync();
    }
}
