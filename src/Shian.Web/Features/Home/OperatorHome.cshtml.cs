using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Shian.Common;
using Shian.Credit;
using Shian.Data;
using Shian.Inspections;
using Shian.Registry;
using Shian.Web.Infrastructure;

namespace Shian.Web.Features.Home;

/// <summary>我的企业: an operator's home. Lists only the businesses linked to this account, with their licences.</summary>
[Authorize(Policy = Policies.Operator)]
public class OperatorHomeModel(ShianDb db, CurrentUser user, TimeProvider clock) : PageModel
{
    public sealed record Mine(Business Business, IReadOnlyList<Licence> Licences);

    public string DisplayName { get; private set; } = "";
    public IReadOnlyList<Mine> Businesses { get; private set; } = [];
    public DateOnly Today { get; private set; }

    /// <summary>Submitted inspections of the operator's businesses, newest first, to read and sign for (签收).</summary>
    public IReadOnlyList<Inspection> Inspections { get; private set; } = [];

    /// <summary>Those of the operator's businesses on the serious-violation list today: flagged, with the way to ask for early removal.</summary>
    public IReadOnlySet<Guid> Listed { get; private set; } = new HashSet<Guid>();

    /// <summary>The latest notices to the operator's businesses (a failed sample …), newest first.</summary>
    public IReadOnlyList<Notice> Notices { get; private set; } = [];

    public int UnreadCount { get; private set; }

    /// <summary>Complaints against its businesses that the handler released to it: the substance, never who made them.</summary>
    public sealed record ReleasedComplaint(Guid Id, Shian.Complaints.ComplaintKind Kind, DateOnly ReceivedOn, string BusinessName, string Description,
        Shian.Complaints.ComplaintStatus Status);

    public IReadOnlyList<ReleasedComplaint> Complaints { get; private set; } = [];

    public async Task OnGetAsync()
    {
        DisplayName = user.Principal.FindFirst(ShianClaims.DisplayName)?.Value ?? user.Name;
        Today = ShianTime.LocalDate(clock.GetUtcNow().UtcDateTime);
        var businesses = await db.Businesses.AsNoTracking().VisibleTo(await user.ScopeAsync()).OrderBy(b => b.Name).ToListAsync();
        var ids = businesses.Select(b => b.Id).ToList();
        var licences = (await db.Licences.AsNoTracking().Where(l => ids.Contains(l.BusinessId)).ToListAsync()).ToLookup(l => l.BusinessId);
        Inspections = await db.Inspections.AsNoTracking().VisibleTo(await user.ScopeAsync()).Where(i => i.Status == InspectionStatus.Submitted)
            .OrderByDescending(i => i.StartedAt).Take(50).ToListAsync();
        var mine = (await user.ScopeAsync()).BusinessIds.ToList();
        var notices = db.Notices.AsNoTracking().Where(n => n.BusinessId != null && mine.Contains(n.BusinessId.Value));
        UnreadCount = await notices.CountAsync(n => n.ReadAt == null);
        Notices = await notices.OrderByDescending(n => n.CreatedAt).Take(20).ToListAsync();
        Complaints = await Shian.Complaints.ComplaintScope.VisibleTo(db.Complaints.AsNoTracking(), await user.ScopeAsync())
            .OrderByDescending(c => c.ReceivedAt).Take(20)
            .Select(c => new ReleasedComplaint(c.Id, c.Kind, c.ReceivedOn, c.BusinessName, c.Description, c.Status)).ToListAsync();
        Listed = await CreditFlags.ListedAmongAsync(db, ids, Today);
        Businesses = businesses.Select(b => new Mine(b, licences[b.Id].OrderByDescending(l => l.IssuedOn).ToList())).ToList();
    }
}
