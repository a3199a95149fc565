using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Shian.Data;
using Shian.Organization;
using Shian.Registry;
using Shian.Web.Infrastructure;

namespace Shian.Web.Features.Registry;

/// <summary>主体档案: every business this user may see, searched and filtered, paged, exported to Excel.</summary>
[Authorize(Policy = Policies.Supervision)]
public class IndexModel(ShianDb db, CurrentUser user, IAuthorizationService authorization, TimeProvider clock, IStringLocalizer<SharedResource> l,
    Shian.Complaints.ComplaintSettings complaintSettings) : PageModel
{
    private const int PageSize = 50;

    public sealed record Row(Guid Id, string Name, string CreditCode, bool CodeOverridden, string Township, BusinessCategory Category, string Subtype,
        BusinessScale Scale, BusinessStatus Status, string Tags);

    /// <summary>Name or credit code, in part.</summary>
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? Township { get; set; }
    [BindProperty(SupportsGet = true)] public BusinessCategory? Category { get; set; }
    [BindProperty(SupportsGet = true)] public BusinessStatus? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? Tag { get; set; }

    /// <summary>The current risk grade (风险等级), for the links of the risk distribution.</summary>
    [BindProperty(SupportsGet = true)] public Shian.Risk.RiskLevel? Grade { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<Township> Townships { get; private set; } = [];
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
    public bool CanEdit { get; private set; }

    /// <summary>The businesses of this page on the serious-violation list today.</summary>
    public IReadOnlySet<Guid> Listed { get; private set; } = new HashSet<Guid>();

    /// <summary>Of the rows shown, those with repeated complaints and reports in twelve months, with their count.</summary>
    public IReadOnlyDictionary<Guid, int> RepeatedComplaints { get; private set; } = new Dictionary<Guid, int>();

    public async Task OnGetAsync()
    {
        var query = await FilteredAsync();
        Total = await query.CountAsync();
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        Rows = await Project(query.OrderBy(b => b.Name).Skip((PageNumber - 1) * PageSize).Take(PageSize)).ToListAsync();
        CanEdit = (await authorization.AuthorizeAsync(User, Policies.RegistryEdit)).Succeeded;
        Listed = await Shian.Credit.CreditFlags.ListedAmongAsync(db, Rows.Select(r => r.Id).ToList(), Shian.Common.ShianTime.LocalDate(Shian.Common.ShianTime.UtcNow(clock)));
        RepeatedComplaints = await Shian.Complaints.RepeatedComplaints.AmongAsync(db, Rows.Select(r => r.Id).ToList(),
            Shian.Common.ShianTime.LocalDate(Shian.Common.ShianTime.UtcNow(clock)), complaintSettings.RepeatedThreshold);
    }

    /// <summary>The whole filtered list as a workbook, with names people read rather than codes.</summary>
    public async Task<IActionResult> OnGetExportAsync()
    {
        var columns = BusinessInput.Columns.All.Where(c => c is not (BusinessInput.Columns.CreditCodeOverride or BusinessInput.Columns.Latitude or BusinessInput.Columns.Longitude)).ToList();
        var full = await (await FilteredAsync()).OrderBy(b => b.Name)
            .Select(b => new { b.Name, b.CreditCode, b.LegalRepresentative, b.Address, b.TownshipId, b.Subtype, b.Scale, b.ContactName, b.ContactPhone, b.Status, b.Tags })
            .ToListAsync();
        var townships = Townships.ToDictionary(t => t.Id, t => t.Name);
        // The register exports in the import's own columns (so a corrected export can be imported again): its headers are the
        // importer's column names, not worded per language.
        var rows = full.Select(b => (IReadOnlyList<object?>)
        [
            b.Name, b.CreditCode, b.LegalRepresentative, b.Address, townships.GetValueOrDefault(b.TownshipId), BusinessTypes.FindSubtype(b.Subtype)?.Name ?? b.Subtype,
            BusinessInput.ScaleName(b.Scale), b.ContactName, b.ContactPhone, BusinessInput.StatusName(b.Status),
            string.Join("、", b.Tags.Split('|', StringSplitOptions.RemoveEmptyEntries).Select(t => BusinessTypes.FindTag(t)?.Name ?? t)),
        ]);
        return Export.Of(rows).Columns(columns, c => c, (row, _, i) => row[i]).Xlsx(l, $"{l["Registry.Title"]}.xlsx", l["Registry.Title"]);
    }

    /// <summary>The address of another page of the same filtered list.</summary>
    public string LinkTo(int page, string? handler = null) => RegistryRoutes.Businesses + QueryString.Create(new Dictionary<string, string?>
    {
        ["q"] = Q, ["township"] = Township?.ToString(), ["category"] = Category?.ToString(), ["status"] = Status?.ToString(), ["tag"] = Tag, ["grade"] = Grade?.ToString(),
        ["page"] = handler is null ? page.ToString(System.Globalization.CultureInfo.InvariantCulture) : null, ["handler"] = handler,
    }.Where(p => !string.IsNullOrEmpty(p.Value)));

    private async Task<IQueryable<Business>> FilteredAsync()
    {
        var scope = await user.ScopeAsync();
        Townships = await db.Townships.AsNoTracking().Where(t => t.Active).OrderBy(t => t.Code).ToListAsync();
        if (scope.Level == Shian.Accounts.AccessLevel.Township)
        {
            Townships = Townships.Where(t => t.Id == scope.TownshipId).ToList();
        }
        var query = db.Businesses.AsNoTracking().VisibleTo(scope);
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var term = Q.Trim();
            var code = CreditCode.Normalize(term);
            query = query.Where(b => b.Name.Contains(term) || b.CreditCode.Contains(code));
        }
        if (Township is { } township)
        {
            query = query.Where(b => b.TownshipId == township);
        }
        if (Category is { } category)
        {
            query = query.Where(b => b.Category == category);
        }
        if (Status is { } status)
        {
            query = query.Where(b => b.Status == status);
        }
        if (!string.IsNullOrWhiteSpace(Tag))
        {
            var marker = "|" + Tag.Trim() + "|";
            query = query.Where(b => b.Tags.Contains(marker));
        }
        if (Grade is { } grade)
        {
            query = query.Where(b => db.RiskGrades.Any(g => g.BusinessId == b.Id && g.SupersededAt == null && g.Grade == grade));
        }
        return query;
    }

    private IQueryable<Row> Project(IQueryable<Business> query) => query
        .Join(db.Townships, b => b.TownshipId, t => t.Id, (b, t) => new Row(b.Id, b.Name, b.CreditCode, b.CreditCodeOverride != "", t.Name, b.Category, b.Subtype, b.Scale, b.Status, b.Tags));
}
