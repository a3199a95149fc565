using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Shian.Accounts;
using Shian.Common;
using Shian.Data;
using Shian.Sampling;
using Shian.Web.Infrastructure;

namespace Shian.Web.Features.Sampling;

/// <summary>
/// 食品分类: the category tree (大类/亚类/品种/细类). Staff read it; the office adds sub-categories, renames them and
/// deactivates or reactivates them. The 33 top-level categories come from the sampling rules and are not changed here.
/// </summary>
[Authorize(Policy = Policies.Staff)]
public class CategoriesModel(ShianDb db, IStringLocalizer<SharedResource> l) : PageModel
{
    public IReadOnlyList<FoodCategory> All { get; private set; } = [];
    public bool CanEdit { get; private set; }

    [BindProperty] public Guid? ParentId { get; set; }
    [BindProperty] public string? Code { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public Guid? Id { get; set; }

    /// <summary>The children of a category (or the top level for null), by code.</summary>
    public IEnumerable<FoodCategory> ChildrenOf(Guid? parent) =>
        All.Where(c => c.ParentId == parent).OrderBy(c => parent is null ? c.SamplingOrder : 0).ThenBy(c => c.Code, StringComparer.Ordinal);

    /// <summary>The tree depth first: each category followed by its children.</summary>
    public IEnumerable<FoodCategory> Tree(Guid? parent = null)
    {
        foreach (var c in ChildrenOf(parent))
        {
            yield return c;
            foreach (var d in Tree(c.Id))
            {
                yield return d;
            }
        }
    }

    public async Task OnGetAsync() => await LoadAsync();

    /// <summary>The tree, depth first, as an .xlsx workbook with column names in the user's language.</summary>
    public async Task<IActionResult> OnGetExportAsync([FromServices] Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> l)
    {
        await LoadAsync();
        var codes = All.ToDictionary(c => c.Id, c => c.Code);
        string YesNo(bool b) => b ? l["Common.Yes"].Value : l["Common.No"].Value;
        return Export.Of(Tree())
            .Column("Sampling.Code", c => c.Code).Column("Registry.Name", c => c.Name).Column("Sampling.Level", c => FoodCategory.LevelName(c.Level))
            .Column("Sampling.Export.ParentCode", c => c.ParentId is { } p ? codes.GetValueOrDefault(p) : "").Column("Sampling.Export.ScCode", c => c.ScProductionCode)
            .Column("SampleResults.Agricultural", c => YesNo(c.IsAgricultural)).Column("Common.Active", c => YesNo(c.Active))
            .Xlsx(l, $"{l["Sampling.Categories"].Value}.xlsx", l["Sampling.Categories"]);
    }

    public async Task<IActionResult> OnPostAddAsync()
    {
        await LoadAsync();
        if (!CanEdit) return Forbid();
        ModelState.Clear();
        var parent = All.FirstOrDefault(c => c.Id == ParentId && c.Active);
        var code = (Code ?? "").Trim();
        var name = (Name ?? "").Trim();
        foreach (var (field, problem) in FoodCategory.ValidateChild(parent, code, name, All.Select(c => c.Code)))
        {
            ModelState.AddProblem(field, problem, l);
        }
        if (!ModelState.IsValid) return Page();
        db.FoodCategories.Add(parent!.Child(code, name));
        await db.SaveChangesAsync();
        return Redirect($"{SamplingRoutes.Categories}?saved=1");
    }

    public async Task<IActionResult> OnPostRenameAsync()
    {
        await LoadAsync();
        if (!CanEdit) return Forbid();
        ModelState.Clear();
        var category = await SubcategoryAsync();
        if (category is null) return NotFound();
        var name = (Name ?? "").Trim();
        if (FoodCategory.ValidateName(name) is { } bad)
        {
            ModelState.AddProblem(nameof(Name), bad, l);
            return Page();
        }
        category.Name = name;
        await db.SaveChangesAsync();
        return Redirect($"{SamplingRoutes.Categories}?saved=1");
    }

    public async Task<IActionResult> OnPostToggleAsync()
    {
        await LoadAsync();
        if (!CanEdit) return Forbid();
        var category = await SubcategoryAsync();
        if (category is null) return NotFound();
        category.Active = !category.Active;
        await db.SaveChangesAsync();
        return Redirect($"{SamplingRoutes.Categories}?saved=1");
    }

    // Only sub-categories are changed here: the top level is the rules' list.
    private Task<FoodCategory?> SubcategoryAsync() => db.FoodCategories.FirstOrDefaultAsync(c => c.Id == Id && c.Level > 1);

    private async Task LoadAsync()
    {
        All = await db.FoodCategories.AsNoTracking().ToListAsync();
        CanEdit = await HttpContext.MeetsAsync(Policies.Office);
    }
}
