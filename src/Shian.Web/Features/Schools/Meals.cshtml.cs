using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Shian.Accounts;
using Shian.Common;
using Shian.Data;
using Shian.Registry;
using Shian.Schools;
using Shian.Web.Infrastructure;

namespace Shian.Web.Features.Schools;

/// <summary>
/// 陪餐记录: the records of school leaders eating with the pupils. The operator of a school canteen sees and enters
/// those of their own canteens; staff read those of the canteens they may see (the office and departments all, a
/// township's staff and inspectors their township's). A canteen outside one's scope is not found.
/// </summary>
[Authorize(Policy = Policies.SchoolMeals)]
public class MealsModel(ShianDb db, CurrentUser user, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed record Row(Guid Id, Guid BusinessId, DateOnly Date, SchoolMeal Meal, string PersonName, string PersonRole, string Findings, int Photos);

    public sealed class MealInput
    {
        public Guid Business { get; set; }
        public DateOnly? Date { get; set; }
        public SchoolMeal? Meal { get; set; }
        public string? PersonName { get; set; }
        public string? PersonRole { get; set; }
        public string? Dishes { get; set; }
        public string? Findings { get; set; }
    }

    /// <summary>Only this canteen's records (from the business page's link).</summary>
    [BindProperty(SupportsGet = true)] public Guid? Business { get; set; }

    [BindProperty] public MealInput Input { get; set; } = new();
    [BindProperty] public List<IFormFile> Photos { get; set; } = [];

    public IReadOnlyList<Business> Schools { get; private set; } = [];
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public bool MayAdd { get; private set; }
    public DateOnly Today { get; private set; }
    public SchoolTerm Term { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }
        Input.Date = Today;
        Input.Business = Business ?? Schools.FirstOrDefault()?.Id ?? Guid.Empty;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var scope = await user.ScopeAsync();
        if (scope.Level != AccessLevel.OwnBusinesses)
        {
            return Forbid(); // staff read the records; the school writes them
        }
        Business = null;
        if (!await LoadAsync())
        {
            return NotFound();
        }
        // A canteen that is not one of the operator's own is not found, whether it exists or not.
        var target = Schools.FirstOrDefault(s => s.Id == Input.Business);
        if (target is null)
        {
            return NotFound();
        }
        ModelState.Clear(); // the record's checks speak for every field
        var now = ShianTime.UtcNow(clock);
        var (record, errors) = SchoolMealRecord.Create(target.Id, target.TownshipId,
            new SchoolMealRecord.Input(Input.Date, Input.Meal, Input.PersonName, Input.PersonRole, Input.Dishes, Input.Findings), Today, user.Name, now);
        foreach (var (field, problem) in errors)
        {
            ModelState.AddProblem($"Input.{field}", problem, l);
        }
        if (record is not null && await db.SchoolMealRecords.AnyAsync(r => r.BusinessId == target.Id && r.Date == record.Date && r.Meal == record.Meal))
        {
            ModelState.AddProblem("Input.Date", SchoolMealRecord.Duplicate(record.Date, record.Meal), l);
        }
        var photos = new List<StoredFile>();
        var sent = Photos.Where(f => f.Length > 0 || f.FileName.Length > 0).ToList();
        if (sent.Count > StoredFile.MaxPerRecord)
        {
            ModelState.AddModelError(nameof(Photos), l["SchoolMeals.TooManyPhotos", StoredFile.MaxPerRecord]);
        }
        else
        {
            foreach (var upload in sent)
            {
                if (upload.Length > StoredFile.MaxBytes)
                {
                    ModelState.AddModelError(nameof(Photos), l["Schools.PhotoRefused", l.Word(StoredFile.TooLarge(Path.GetFileName(upload.FileName)))]);
                    continue;
                }
                using var buffer = new MemoryStream();
                await upload.CopyToAsync(buffer, HttpContext.RequestAborted);
                var (photo, error) = StoredFile.Photo(upload.FileName, buffer.ToArray(), FileOwners.SchoolMealPhoto, record?.Id ?? Guid.Empty, user.Name, now);
                if (photo is null)
                {
                    ModelState.AddModelError(nameof(Photos), l["Schools.PhotoRefused", l.Word(error!)]);
                }
                else
                {
                    photos.Add(photo);
                }
            }
        }
        if (record is null || !ModelState.IsValid)
        {
            return Page();
        }
        db.SchoolMealRecords.Add(record);
        db.StoredFiles.AddRange(photos);
        try
        {
            await db.SaveChangesAsync(); // the record and its photos together, audited
        }
        catch (DbUpdateException)
        {
            // The same meal sent twice at once: the unique index keeps one.
            db.ChangeTracker.Clear();
            if (!await db.SchoolMealRecords.AnyAsync(r => r.BusinessId == target.Id && r.Date == record.Date && r.Meal == record.Meal))
            {
                throw;
            }
            ModelState.AddProblem("Input.Date", SchoolMealRecord.Duplicate(record.Date, record.Meal), l);
            return Page();
        }
        return Redirect($"{SchoolsRoutes.Meal(record.Id)}?saved=1");
    }

    private async Task<bool> LoadAsync()
    {
        var scope = await user.ScopeAsync();
        Today = ShianTime.LocalDate(ShianTime.UtcNow(clock));
        Term = SchoolTerm.Of(Today);
        Schools = await db.Businesses.AsNoTracking().VisibleTo(scope)
            .Where(b => b.Category == BusinessCategory.Canteen && (b.Subtype == "school" || b.Subtype == "kindergarten") && b.Status != BusinessStatus.Closed)
            .OrderBy(b => b.Name).ToListAsync();
        if (Business is { } only && Schools.All(s => s.Id != only))
        {
            return false;
        }
        MayAdd = scope.Level == AccessLevel.OwnBusinesses && Schools.Count > 0;
        var records = db.SchoolMealRecords.AsNoTracking().VisibleTo(scope);
        if (Business is { } b)
        {
            records = records.Where(r => r.BusinessId == b);
        }
        var rows = await records.OrderByDescending(r => r.Date).ThenByDescending(r => r.Meal).Take(200)
            .Select(r => new { r.Id, r.BusinessId, r.Date, r.Meal, r.PersonName, r.PersonRole, r.Findings }).ToListAsync();
        var ids = rows.Select(r => r.Id).ToList(); // at most the 200 records shown
        var photoCounts = await db.StoredFiles.Where(f => f.OwnerKind == FileOwners.SchoolMealPhoto && ids.Contains(f.OwnerId))
            .GroupBy(f => f.OwnerId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        Rows = rows.Select(r => new Row(r.Id, r.BusinessId, r.Date, r.Meal, r.PersonName, r.PersonRole, r.Findings, photoCounts.GetValueOrDefault(r.Id))).ToList();
        var businessIds = rows.Select(r => r.BusinessId).Distinct().ToList();
        Names = await db.Businesses.Where(x => businessIds.Contains(x.Id)).ToDictionaryAsync(x => x.Id, x => x.Name);
        return true;
    }

    public IReadOnlyDictionary<Guid, string> Names { get; private set; } = new Dictionary<Guid, string>();
}
