using System.Globalization;
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
/// 起草公告: a kind and a period; the draft takes every reported sample (passed and failed) of that kind whose report came
/// out in the period, that the drafter may see and that no other draft or published announcement holds.
/// </summary>
[Authorize(Policy = Policies.SamplingPublish)]
public class AnnouncementsNewModel(ShianDb db, CurrentUser user, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed class InputModel
    {
        public string? Title { get; set; }
        public SamplingKind Kind { get; set; }
        public string? PeriodFrom { get; set; }
        public string? PeriodTo { get; set; }
    }

    [BindProperty] public InputModel Input { get; set; } = new();

    public void OnGet()
    {
        var today = ShianTime.LocalDate(ShianTime.UtcNow(clock));
        var quarter = new DateOnly(today.Year, (today.Month - 1) / 3 * 3 + 1, 1);
        Input.PeriodFrom = quarter.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Input.PeriodTo = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Input.Title = $"{today.Year}年食品安全监督抽检信息公告";
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var now = ShianTime.UtcNow(clock);
        var today = ShianTime.LocalDate(now);
        var title = (Input.Title ?? "").Trim();
        var from = ParseDate(Input.PeriodFrom);
        var to = ParseDate(Input.PeriodTo);
        var errors = SamplingAnnouncement.ValidateDraft(title, from, to, today);
        if (!Enum.IsDefined(Input.Kind))
        {
            errors.Add((nameof(InputModel.Kind), new Problem("SamplingAnnouncement.KindRequired")));
        }
        var scope = await user.ScopeAsync();
        List<Guid> samples = [];
        if (errors.Count == 0)
        {
            samples = await SamplingPublication.Announceable(db, db.Samples.AsNoTracking().VisibleTo(scope), Input.Kind, from!.Value, to!.Value)
                .OrderBy(s => s.Conclusion == SampleConclusion.Failed ? 0 : 1).ThenBy(s => s.Number).Select(s => s.Id).ToListAsync();
            if (samples.Count == 0)
            {
                errors.Add((nameof(SamplingAnnouncement.PeriodFrom), new Problem("SamplingAnnouncement.NothingToAnnounce")));
            }
        }
        ModelState.AddProblems(errors.Select(e => KeyValuePair.Create(e.Field, e.Problem)), l, nameof(Input));
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var announcement = SamplingAnnouncement.Draft(title, Input.Kind, from!.Value, to!.Value, scope.Level == AccessLevel.Unit ? scope.UnitId : null,
            samples, now, user.Name);
        db.SamplingAnnouncements.Add(announcement);
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        return Redirect(SamplingRoutes.Announcement(announcement.Id));
    }

    private static DateOnly? ParseDate(string? value) =>
        DateOnly.TryParseExact((value ?? "").Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
}
