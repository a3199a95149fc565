using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Shian.Common;
using Shian.Data;
using Shian.Grain;
using Shian.Web.Infrastructure;

namespace Shian.Web.Features.Grain;

/// <summary>
/// 单仓质量档案: one silo and its whole history — every half-yearly test with its values, limits and judgements, and the
/// disposals of grain over food-safety limits. Editors enter a test and, for a failing one, its disposal. A silo
/// outside the user's scope is not found.
/// </summary>
[Authorize(Policy = Policies.Grain)]
public class SiloModel(ShianDb db, CurrentUser user, TimeProvider clock, IAuthorizationService authorization, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed class TestInput
    {
        public DateOnly? TestDate { get; set; }
        public string? Laboratory { get; set; }
        public Dictionary<string, decimal?> Values { get; set; } = [];
    }

    public sealed class DisposalInput
    {
        public Guid Test { get; set; }
        public string? Method { get; set; }
        public DateOnly? Date { get; set; }
        public decimal? QuantityTonnes { get; set; }
        public string? Note { get; set; }
    }

    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty(SupportsGet = true)] public string? Saved { get; set; }
    [BindProperty] public TestInput Test { get; set; } = new();
    [BindProperty] public DisposalInput Disposal { get; set; } = new();

    public Silo Silo { get; private set; } = null!;
    public string Township { get; private set; } = "";
    public string? Owner { get; private set; }
    public IReadOnlyList<GrainTest> Tests { get; private set; } = [];
    public IReadOnlyList<GrainDisposal> Disposals { get; private set; } = [];
    public bool MayEdit { get; private set; }
    public DateOnly Today { get; private set; }

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public async Task<IActionResult> OnPostTestAsync()
    {
        if (!await LoadAsync()) return NotFound();
        if (!MayEdit) return Forbid();
        ModelState.Clear();
        var (test, errors) = GrainTest.Create(Silo, new GrainTest.Input(Test.TestDate, Test.Laboratory, Test.Values), Today, user.Name, ShianTime.UtcNow(clock));
        foreach (var (field, problem) in errors)
        {
            ModelState.AddProblem($"Test.{field}", problem, l);
        }
        if (test is not null && Tests.Any(t => t.HalfYearCode == test.HalfYearCode))
        {
            ModelState.AddProblem("Test.TestDate", GrainTest.Duplicate(test.HalfYear), l);
        }
        if (test is null || !ModelState.IsValid) return Page();
        db.GrainTests.Add(test);
        await db.SaveChangesAsync();
        return Redirect($"{GrainRoutes.Silo(Silo.Id)}?saved=1");
    }

    public async Task<IActionResult> OnPostDisposalAsync()
    {
        if (!await LoadAsync()) return NotFound();
        if (!MayEdit) return Forbid();
        var test = Tests.FirstOrDefault(t => t.Id == Disposal.Test);
        if (test is null) return NotFound();
        ModelState.Clear();
        var (disposal, errors) = GrainDisposal.Create(Silo, test, new GrainDisposal.Input(Disposal.Method, Disposal.Date, Disposal.QuantityTonnes, Disposal.Note),
            Today, user.Name, ShianTime.UtcNow(clock));
        foreach (var (field, problem) in errors)
        {
            ModelState.AddProblem(field.Length == 0 ? "" : $"Disposal.{field}", problem, l);
        }
        if (Disposals.Any(d => d.TestId == test.Id))
        {
            ModelState.AddProblem("", new Problem("Grain.DisposalAlreadyRecorded"), l);
        }
        if (disposal is null || !ModelState.IsValid) return Page();
        db.GrainDisposals.Add(disposal);
        await db.SaveChangesAsync();
        return Redirect($"{GrainRoutes.Silo(Silo.Id)}?saved=1");
    }

    public bool Flagged => Tests.Any(t => !t.SafetyPassed && Disposals.All(d => d.TestId != t.Id));

    private async Task<bool> LoadAsync()
    {
        var scope = await user.ScopeAsync();
        var silo = await db.Silos.AsNoTracking().VisibleTo(scope).FirstOrDefaultAsync(s => s.Id == Id);
        if (silo is null) return false;
        Silo = silo;
        MayEdit = (await GrainRights.ForAsync(User, user, authorization)).MayEdit(silo.UnitId); // a department: its unit's silos, not the office's
        Today = ShianTime.LocalDate(ShianTime.UtcNow(clock));
        Township = await db.Townships.Where(t => t.Id == silo.TownshipId).Select(t => t.Name).FirstOrDefaultAsync() ?? "";
        Owner = silo.UnitId is { } u ? await db.Units.Where(x => x.Id == u).Select(x => x.Name).FirstOrDefaultAsync() : null;
        Tests = await db.GrainTests.AsNoTracking().Include(t => t.Items).Where(t => t.SiloId == silo.Id).OrderByDescending(t => t.TestDate).ToListAsync();
        Disposals = await db.GrainDisposals.AsNoTracking().Where(d => d.SiloId == silo.Id).OrderByDescending(d => d.Date).ToListAsync();
        return true;
    }
}
