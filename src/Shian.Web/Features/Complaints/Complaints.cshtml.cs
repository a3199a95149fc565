using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Shian.Accounts;
using Shian.Common;
using Shian.Complaints;
using Shian.Data;
using Shian.Web.Infrastructure;

namespace Shian.Web.Features.Complaints;

/// <summary>
/// 投诉举报: the complaints and reports a user may see (<see cref="ComplaintScope.VisibleTo"/>), newest first, filtered by
/// kind, status, the running clock (due soon, overdue), handling township or unit and text; each with the deadline that
/// runs now. The export writes the same rows and never the informant.
/// </summary>
[Authorize(Policy = Policies.Complaints)]
public class ComplaintsModel(ShianDb db, CurrentUser user, TimeProvider clock, ComplaintSettings settings) : PageModel
{
    public const int PageSize = 50;
    public const int ExportMax = 50_000;

    public sealed record Row(Guid Id, string TrackingCode, ComplaintKind Kind, ComplaintChannel Channel, DateOnly ReceivedOn, string BusinessName,
        string Handler, ComplaintStatus Status, DateOnly? Deadline, ClockState? Clock);

    public sealed record Option(Guid Id, string Name);

    [BindProperty(SupportsGet = true)] public ComplaintKind? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public ComplaintStatus? Status { get; set; }
    [BindProperty(SupportsGet = true, Name = "clock")] public ClockState? Clock { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? Township { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? Unit { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public IReadOnlyList<Option> Townships { get; private set; } = [];
    public IReadOnlyList<Option> Units { get; private set; } = [];
    public int Total { get; private set; }
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
    public bool CanEnter { get; private set; }
    public bool IsOperator { get; private set; }

    public async Task OnGetAsync()
    {
        var (query, today, calendar) = await FilterAsync();
        Total = await query.CountAsync();
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        var page = await query.OrderByDescending(c => c.ReceivedAt).Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync();
        var names = Townships.Concat(Units).ToDictionary(o => o.Id, o => o.Name);
        Rows = page.Select(c => ToRow(c, names, today, calendar)).ToList();
    }

    /// <summary>The filtered list as .xlsx: the substance and the clocks, never who complained.</summary>
    public async Task<IActionResult> OnGetExportAsync([FromServices] IStringLocalizer<SharedResource> l)
    {
        var (query, today, calendar) = await FilterAsync();
        var names = Townships.Concat(Units).ToDictionary(o => o.Id, o => o.Name);
        var rows = (await query.OrderByDescending(c => c.ReceivedAt).Take(ExportMax).ToListAsync())
            .Select(c => (Row: ToRow(c, names, today, calendar), c.BusinessCreditCode, c.Address, c.Description, c.HotlineTicket, c.Outcome)).ToList();
        return Export.Of(rows)
            .Column("Complaint.TrackingCode", x => TrackingCodes.Display(x.Row.TrackingCode)).Column("Complaint.Kind", x => l.Term(x.Row.Kind))
            .Column("Complaint.Channel", x => l.Term(x.Row.Channel)).Column("Complaint.Field.HotlineTicket", x => x.HotlineTicket)
            .Column("Complaint.ReceivedOn", x => Display.Date(x.Row.ReceivedOn)).Column("Complaint.Field.BusinessName", x => x.Row.BusinessName)
            .Column("Complaint.Field.BusinessCreditCode", x => x.BusinessCreditCode).Column("Complaint.Field.Address", x => x.Address)
            .Column("Complaint.Field.Description", x => x.Description).Column("Complaint.Handler", x => x.Row.Handler)
            .Column("Complaint.Status", x => l.Term(x.Row.Status)).Column("Complaint.Outcome", x => x.Outcome is { } o ? l.Term(o) : "")
            .Column("Complaint.Deadline", x => x.Row.Deadline is { } d ? Display.Date(d) : "").Column("Complaint.Clock", x => x.Row.Clock is { } s ? l.Term(s) : "")
            .Xlsx(l, $"{l["Nav.Complaints"].Value}.xlsx", l["Nav.Complaints"]);
    }

    /// <summary>This page with the current filters and another page number (or the export).</summary>
    public string LinkTo(int page, string? handler = null) => ComplaintsRoutes.Complaints + QueryString.Create(new Dictionary<string, string?>
    {
        ["handler"] = handler, ["kind"] = Kind?.ToString(), ["status"] = Status?.ToString(), ["clock"] = Clock?.ToString(),
        ["township"] = Township?.ToString(), ["unit"] = Unit?.ToString(), ["q"] = Q, ["page"] = handler is null && page > 1 ? page.ToString() : null,
    }.Where(p => p.Value is not null));

    private Row ToRow(Complaint c, IReadOnlyDictionary<Guid, string> names, DateOnly today, WorkingDayCalendar calendar)
    {
        var handler = (c.TownshipId ?? c.UnitId) is { } h && names.TryGetValue(h, out var name) ? name : "";
        var deadline = c.RunningDeadline;
        return new Row(c.Id, c.TrackingCode, c.Kind, c.Channel, c.ReceivedOn, c.BusinessName, handler, c.Status, deadline,
            deadline is { } d ? settings.Clocks.StateOf(d, today, calendar) : null);
    }

    private async Task<(IQueryable<Complaint> Query, DateOnly Today, WorkingDayCalendar Calendar)> FilterAsync()
    {
        var scope = await user.ScopeAsync();
        IsOperator = scope.Level == AccessLevel.OwnBusinesses;
        CanEnter = await HttpContext.MeetsAsync(Policies.ComplaintsHandle);
        Townships = await db.Townships.AsNoTracking().OrderBy(t => t.Name).Select(t => new Option(t.Id, t.Name)).ToListAsync();
        Units = await db.Units.AsNoTracking().Where(u => u.Active).OrderBy(u => u.Name).Select(u => new Option(u.Id, u.Name)).ToListAsync();
        var calendar = await db.LoadCalendarAsync();
        var today = ShianTime.LocalDate(ShianTime.UtcNow(clock));
        var query = db.Complaints.AsNoTracking().VisibleTo(scope);
        if (Kind is { } kind)
        {
            query = query.Where(c => c.Kind == kind);
        }
        if (Status is { } status)
        {
            query = query.Where(c => c.Status == status);
        }
        if (Township is { } township)
        {
            query = query.Where(c => c.TownshipId == township);
        }
        if (Unit is { } unit)
        {
            query = query.Where(c => c.UnitId == unit);
        }
        if ((Q ?? "").Trim() is { Length: > 0 } text)
        {
            var code = TrackingCodes.Normalize(text);
            query = query.Where(c => c.BusinessName.Contains(text) || c.Address.Contains(text) || c.Description.Contains(text)
                || c.TrackingCode == code || c.HotlineTicket == text);
        }
        if (Clock is { } state)
        {
            query = query.InClock(state, today, calendar, settings.Clocks);
        }
        return (query, today, calendar);
    }
}
