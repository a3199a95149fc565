using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Shian.Data;
using Shian.Web.Infrastructure;

namespace Shian.Web.Features.Plans;

/// <summary>年度计划: the imported plans, newest year first.</summary>
[Authorize(Policy = Policies.Staff)]
public class IndexModel(ShianDb db, IAuthorizationService authorization) : PageModel
{
    public sealed record Row(Guid Id, int Year, string Title, string Issuer, DateOnly? IssuedDate, int Tasks, int Indicators, int Revision);

    public IReadOnlyList<Row> Plans { get; private set; } = [];
    public bool CanImport { get; private set; }

    public async Task OnGetAsync()
    {
        CanImport = (await authorization.AuthorizeAsync(User, Policies.Office)).Succeeded;
        Plans = await db.Plans.AsNoTracking()
            .OrderByDescending(p => p.Year)
            .Select(p => new Row(p.Id, p.Year, p.Title, p.Issuer, p.IssuedDate, p.Tasks.Count, p.Tasks.SelectMany(t => t.Indicators).Count(), p.Revision))
            .ToListAsync();
    }
}
