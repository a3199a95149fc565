using Microsoft.EntityFrameworkCore;
using Shian.Data;
using Shian.Sampling;

namespace Shian.Demo;

/// <summary>
/// The demo's published sampling results, so that the public search has content: for each month of the year before the
/// current one, an announcement of the supervision and of the evaluation samples reported that month, drafted by the
/// department account (区市场监管局) and approved by the office account on the 10th of the next month, the way the pages
/// do it; this month's reports wait for the next announcement. Only when no announcement exists yet.
/// </summary>
public static class DemoSamplingAnnouncements
{
    private static readonly SamplingKind[] Published = [SamplingKind.Supervision, SamplingKind.Evaluation];

    public static async Task<int> RunAsync(ShianDb db, DateOnly today, CancellationToken ct = default)
    {
        if (await db.SamplingAnnouncements.AnyAsync(ct))
        {
            return 0;
        }
        var drafter = await db.Users.AsNoTracking().Where(u => u.UserName == Accounts.Roles.Department).Select(u => new { u.UserName, u.UnitId }).FirstOrDefaultAsync(ct);
        var made = 0;
        for (var month = new DateOnly(today.Year, 1, 1); month.AddMonths(1) <= new DateOnly(today.Year, today.Month, 1); month = month.AddMonths(1))
        {
            var to = month.AddMonths(1).AddDays(-1);
            var publishedOn = month.AddMonths(1).AddDays(9);
            if (publishedOn > today)
            {
                continue; // last month's results are announced on the 10th
            }
            foreach (var kind in Published)
            {
                var samples = await SamplingPublication.Announceable(db, db.Samples.AsNoTracking(), kind, month, to)
                    .OrderBy(s => s.Conclusion == SampleConclusion.Failed ? 0 : 1).ThenBy(s => s.Number).Select(s => s.Id).ToListAsync(ct);
                if (samples.Count == 0)
                {
                    continue;
                }
                var drafted = DemoTime.At(publishedOn.AddDays(-3));
                var announcement = SamplingAnnouncement.Draft(
                    $"蓟州区{month.Year}年{month.Month}月食品安全{(kind == SamplingKind.Supervision ? "监督抽检" : "评价性抽检")}信息公告",
                    kind, month, to, drafter?.UnitId, samples, drafted, drafter?.UserName ?? "demo");
                var sequence = await SamplingPublication.NextSequenceAsync(db, publishedOn.Year, ct);
                if (announcement.Approve(Accounts.Roles.Office, byOffice: true, sequence, DemoTime.At(publishedOn), publishedOn) is { } refused)
                {
                    throw new InvalidOperationException("The demo announcement was refused: " + refused);
                }
                db.SamplingAnnouncements.Add(announcement);
                await db.SaveChangesAsync(ct);
                made++;
            }
        }
        return made;
    }
}
