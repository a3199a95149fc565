using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Shian.Audit;
using Shian.Common;
using Shian.Data;
using Shian.Web.Infrastructure;

namespace Shian.Web.Features.Audit;

/// <summary>审计日志: the append-only trail of every change, filtered and paged, with a check of its hash chain.</summary>
[Authorize(Policy = Policies.Admin)]
public class IndexModel(ShianDb db) : PageModel
{
    private const int PageSize = 50;

    [BindProperty(SupportsGet = true)] public string? Entity { get; set; }
    [BindProperty(SupportsGet = true)] public AuditAction? Action { get; set; }
    [BindProperty(SupportsGet = true)] public string? Actor { get; set; }
    [BindProperty(SupportsGet = true)] public string? EntityId { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<string> Entities { get; private set; } = [];
    public IReadOnlyList<AuditEntry> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
    public AuditTrail.Verification? Verification { get; private set; }

    public Task OnGetAsync() => LoadAsync();

    public async Task<IActionResult> OnPostVerifyAsync()
    {
        Verification = await db.VerifyAuditTrailAsync(ct: HttpContext.RequestAborted);
        await LoadAsync();
        return Page();
    }

    /// <summary>The address of another page of the same filtered list.</summary>
    public string LinkTo(int page) => AuditRoutes.Trail + QueryString.Create(new Dictionary<string, string?>
    {
        ["entity"] = Entity, ["action"] = Action?.ToString(), ["actor"] = Actor, ["entityId"] = EntityId,
        ["from"] = From?.ToString("yyyy-MM-dd"), ["to"] = To?.ToString("yyyy-MM-dd"), ["page"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
    }.Where(p => !string.IsNullOrEmpty(p.Value)));

    private async Task LoadAsync()
    {
        Entities = await db.AuditEntries.Select(a => a.Entity).Distinct().OrderBy(e => e).ToListAsync();
        var query = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Entity))
        {
            query = query.Where(a => a.Entity == Entity);
        }
        if (Action is { } action)
        {
            query = query.Where(a => a.Action == action);
        }
        if (!string.IsNullOrWhiteSpace(Actor))
        {
            query = query.Where(a => a.Actor.Contains(Actor.Trim()));
        }
        if (!string.IsNullOrWhiteSpace(EntityId))
        {
            query = query.Where(a => a.EntityId == EntityId.Trim());
        }
        // Dates are China dates: a day runs from 00:00 to 24:00 Asia/Shanghai.
        if (From is { } from)
        {
            var start = TimeZoneInfo.ConvertTimeToUtc(from.ToDateTime(TimeOnly.MinValue), ShianTime.Zone);
            query = query.Where(a => a.At >= start);
        }
        if (To is { } to)
        {
            var end = TimeZoneInfo.ConvertTimeToUtc(to.AddDays(1).ToDateTime(TimeOnly.MinValue), ShianTime.Zone);
            query = query.Where(a => a.At < end);
        }
        Total = await query.CountAsync();
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        Rows = await query.OrderByDescending(a => a.Sequence).Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync();
    }
}
