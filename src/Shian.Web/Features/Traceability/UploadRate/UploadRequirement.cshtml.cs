using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Shian.Audit;
using Shian.Common;
using Shian.Data;
using Shian.Registry;
using Shian.Traceability;
using Shian.Web.Infrastructure;

namespace Shian.Web.Features.Traceability;

/// <summary>
/// Makes a business a trace node enterprise required to upload (or changes its frequency, or ends it): the business by
/// its credit code or exact name, how often, from and until when. A new requirement ends the business's open one the
/// day before it starts.
/// </summary>
[Authorize(Policy = Policies.TraceRequirements)]
public class UploadRequirementModel(ShianDb db, IAuditActor actor, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed class RequirementInput
    {
        public string? Business { get; set; }
        public ReportingFrequency? Frequency { get; set; }
        public DateOnly? From { get; set; }
        public DateOnly? To { get; set; }
    }

    [BindProperty] public RequirementInput Input { get; set; } = new();

    public void OnGet(string? business)
    {
        Input.Business = business ?? "";
        Input.Frequency = ReportingFrequency.Weekly;
        Input.From = ShianTime.LocalDate(ShianTime.UtcNow(clock));
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var now = ShianTime.UtcNow(clock);
        var term = (Input.Business ?? "").Trim(); // an empty field binds as null
        Business? business = null;
        if (term.Length > 0)
        {
            var code = CreditCode.Normalize(term);
            var found = await db.Businesses.AsNoTracking().Where(b => b.CreditCode == code || b.Name == term).Take(2).ToListAsync();
            if (found.Count == 1)
            {
                business = found[0];
            }
            else
            {
                ModelState.AddModelError("Input.Business", l[found.Count == 0 ? "Credit.BusinessNotFound" : "Credit.BusinessAmbiguous"]);
            }
        }
        // Fields the binder could not read (a date typed wrongly) are reported by it; the rest by the rules.
        foreach (var (field, problem) in TraceReportingRequirement.Validate(business?.Id, Input.Frequency, Input.From, Input.To))
        {
            var key = field == "BusinessId" ? "Input.Business" : $"Input.{field}";
            if (ModelState[key]?.Errors.Count is null or 0)
            {
                ModelState.AddProblem(key, problem, l);
            }
        }
        if (!ModelState.IsValid || business is null)
        {
            return Page();
        }
        var open = await db.TraceReportingRequirements.Where(r => r.BusinessId == business.Id && (r.To == null || r.To >= Input.From)).ToListAsync();
        foreach (var previous in open)
        {
            previous.To = previous.From >= Input.From ? previous.From : Input.From!.Value.AddDays(-1);
            if (previous.From >= Input.From)
            {
                db.TraceReportingRequirements.Remove(previous); // superseded before it began
            }
        }
        db.TraceReportingRequirements.Add(new TraceReportingRequirement
        {
            Id = Guid.NewGuid(), BusinessId = business.Id, Frequency = Input.Frequency!.Value, From = Input.From!.Value, To = Input.To,
            SetBy = actor.Name, SetAt = now,
        });
        await db.SaveChangesAsync();
        return Redirect(TraceabilityRoutes.UploadRate);
    }
}
