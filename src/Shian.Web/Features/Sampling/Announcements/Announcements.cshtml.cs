using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Shian.Accounts;
using Shian.Data;
using Shian.Sampling;
using Shian.Web.Infrastructure;

namespace Shian.Web.Features.Sampling;

/// <summary>
/// 抽检信息公告: the drafts, published and withdrawn announcements. The office sees all; a department those it drafted.
/// </summary>
[Authorize(Policy = Policies.SamplingPublish)]
public class AnnouncementsModel(ShianDb db, CurrentUser user) : PageModel
{
    public sealed record Row(Guid Id, string Title, SamplingKind Kind, DateOnly From, DateOnly To, AnnouncementStatus Status, string? Number,
        DateOnly? PublishedOn, int Samples, int Failed, string CreatedBy);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var scope = await user.ScopeAsync();
        Rows = await Visible(db, scope).OrderByDescending(a => a.CreatedAt)
            .Select(a => new Row(a.Id, a.Title, a.Kind, a.PeriodFrom, a.PeriodTo, a.Status, a.Number, a.PublishedOn, a.Entries.Count,
                db.Samples.Count(s => s.Conclusion == SampleConclusion.Failed && a.Entries.Any(e => e.SampleId == s.Id)), a.CreatedBy))
            .ToListAsync();
    }

    /// <summary>The announcements a user may open: all for the office, a department's own for its users.</summary>
    public static IQueryable<SamplingAnnouncement> Visible(ShianDb db, AccessScope scope) => scope.Level switch
    {
        AccessLevel.Jurisdiction => db.SamplingAnnouncements,
        AccessLevel.Unit when scope.UnitId is { } unit => db.SamplingAnnouncements.Where(a => a.UnitId == unit),
        _ => db.SamplingAnnouncements.Where(a => false),
    };
}
