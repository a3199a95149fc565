using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Shian.Assessment;
using Shian.Data;
using Shian.Web.Infrastructure;

namespace Shian.Web.Features.Assessment;

/// <summary>
/// 评议考核: the schemes by which the office scores townships and units, and their rounds. Staff outside the office see
/// the published rounds only.
/// </summary>
[Authorize(Policy = Policies.Staff)]
public class IndexModel(ShianDb db, IAuthorizationService authorization, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed record SchemeRow(Guid Id, string Name, int Year, AssessedSubjects Subjects, int Criteria, decimal Points, IReadOnlyList<RoundLink> Rounds);

    public sealed record RoundLink(Guid Id, string Period, RoundStatus Status);

    public sealed record PlanChoice(Guid Id, int Year, string Title);

    public sealed class NewScheme
    {
        [Display(Name = "Assessment.Plan")]
        public Guid PlanId { get; set; }

        [Display(Name = "Assessment.Name")]
        public string Name { get; set; } = "";

        [Display(Name = "Assessment.Subjects")]
        public AssessedSubjects Subjects { get; set; }
    }

    public IReadOnlyList<SchemeRow> Schemes { get; private set; } = [];
    public IReadOnlyList<PlanChoice> Plans { get; private set; } = [];
    public bool IsOffice { get; private set; }

    [BindProperty] public NewScheme Input { get; set; } = new();

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadAsync();
        if (!IsOffice)
        {
            return Forbid();
        }
        var name = Input.Name.Trim();
        if (name.Length is 0 or > 100)
        {
            ModelState.AddModelError("Input.Name", l["Validation.Required", l["Assessment.Name"]]);
        }
        if (Plans.All(p => p.Id != Input.PlanId))
        {
            ModelState.AddModelError("Input.PlanId", l["Validation.Invalid", l["Assessment.Plan"]]);
        }
        if (!Enum.IsDefined(Input.Subjects))
        {
            ModelState.AddModelError("Input.Subjects", l["Validation.Invalid", l["Assessment.Subjects"]]);
        }
        if (await db.AssessmentSchemes.AnyAsync(s => s.PlanId == Input.PlanId && s.Name == name))
        {
            ModelState.AddModelError("Input.Name", l["Assessment.NameTaken", name]);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var scheme = new AssessmentScheme { PlanId = Input.PlanId, Name = name, Subjects = Input.Subjects };
        db.AssessmentSchemes.Add(scheme);
        await db.SaveChangesAsync();
        return Redirect(AssessmentRoutes.Scheme(scheme.Id));
    }

    private async Task LoadAsync()
    {
        IsOffice = (await authorization.AuthorizeAsync(User, Policies.Office)).Succeeded;
        Plans = await db.Plans.AsNoTracking().OrderByDescending(p => p.Year).Select(p => new PlanChoice(p.Id, p.Year, p.Title)).ToListAsync();
        var office = IsOffice;
        Schemes = await db.AssessmentSchemes.AsNoTracking()
            .Join(db.Plans, s => s.PlanId, p => p.Id, (s, p) => new { Scheme = s, p.Year })
            .OrderByDescending(x => x.Year).ThenBy(x => x.Scheme.Name)
            .Select(x => new SchemeRow(x.Scheme.Id, x.Scheme.Name, x.Year, x.Scheme.Subjects, x.Scheme.Criteria.Count, x.Scheme.Criteria.Sum(c => c.Points),
                db.AssessmentRounds.Where(r => r.SchemeId == x.Scheme.Id && (office || r.Status == RoundStatus.Published))
                    .OrderBy(r => r.Period).Select(r => new RoundLink(r.Id, r.Period, r.Status)).ToList()))
            .ToListAsync();
        if (!office)
        {
            Schemes = Schemes.Where(s => s.Rounds.Count > 0).ToList();
        }
    }
}
