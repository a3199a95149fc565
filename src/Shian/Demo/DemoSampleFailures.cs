using Microsoft.EntityFrameworkCore;
using Shian.Common;
using Shian.Data;
using Shian.Organization;
using Shian.Sampling;

namespace Shian.Demo;

/// <summary>
/// Failure cases for the demo's failed, reported samples that have none: the notice served on the day of the report;
/// most disposals completed within the 90 days, a few overdue or late, the recent ones still under way; one
/// re-inspection accepted at another laboratory (failed again, so the disposal goes on) and one objection upheld.
/// Deterministic (seeded), and only for samples without a case, so it can run again.
/// </summary>
public static class DemoSampleFailures
{
    public static async Task<int> RunAsync(ShianDb db, DateOnly today, CancellationToken ct = default)
    {
        var samples = await db.Samples.Include(s => s.Items)
            .Where(s => s.Status == SampleStatus.Reported && s.Conclusion == SampleConclusion.Failed && !db.SampleFailures.Any(f => f.SampleId == s.Id))
            .OrderBy(s => s.ReportedOn).ThenBy(s => s.Number).ToListAsync(ct);
        if (samples.Count == 0)
        {
            return 0;
        }
        var calendar = await db.LoadCalendarAsync(ct);
        var labs = await db.Units.Where(u => u.Kind == UnitKind.Laboratory && u.Active).OrderBy(u => u.Id).Select(u => u.Id).ToListAsync(ct);
        var random = new Random(4090);
        var draw = new ReinspectionLabDraw(random);
        var reinspected = false;
        var objected = false;
        var opened = 0;
        foreach (var sample in samples)
        {
            var served = sample.ReportedOn ?? today;
            if (served > today)
            {
                continue;
            }
            // The demo's history writes its reports directly (DemoSampling); each opens its case as a report would.
            if (SampleFailures.Open(db, sample, calendar, DemoTime.At(served), "区市场监管局") is not { } f)
            {
                continue;
            }
            opened++;
            var age = today.DayNumber - served.DayNumber;
            if (!reinspected && !f.MicrobiologicalOnly && age >= 30 && today <= f.BackupExpiresOn.AddDays(30)
                && draw.Pick(labs, f.LaboratoryId) is { } lab
                && f.RequestReinspection("对检验结果有异议，申请复检备份样品", Day(served, 2, today), calendar, DemoTime.At(Day(served, 2, today)), "经营者") is null
                && f.AcceptReinspection(lab, Day(served, 4, today), calendar, DemoTime.At(Day(served, 4, today)), "区食安办") is null)
            {
                reinspected = true;
                if (age >= 25)
                {
                    var report = Pdf("复检报告.pdf", FileOwners.SampleReinspectionReport, f.Id, "复检机构", DemoTime.At(Day(served, 15, today)));
                    db.StoredFiles.Add(report);
                    f.RecordReinspection(false, report, DemoTime.At(Day(served, 15, today)), "复检机构");
                }
            }
            else if (!objected && age >= 20 && f.Object("抽样时未当场封样，样品标签与实物批号不一致", Day(served, 3, today), DemoTime.At(Day(served, 3, today)), "经营者") is null)
            {
                objected = true;
                f.AnswerObjection(true, "经核查，抽样文书记载批号有误，异议成立，撤销本次核查处置", DemoTime.At(Day(served, 10, today)), "区食安办");
                continue;
            }
            // The disposal: most within the 90 days, some late or still overdue, the recent ones under way.
            var roll = random.Next(100);
            int? doneAfter = age >= SampleFailure.DisposalDays
                ? roll < 85 ? random.Next(20, SampleFailure.DisposalDays + 1) : roll < 92 ? random.Next(SampleFailure.DisposalDays + 1, Math.Max(SampleFailure.DisposalDays + 2, age)) : null
                : age >= 20 && roll < 60 ? random.Next(20, age + 1) : null;
            if (age >= 5)
            {
                var measuredOn = Day(served, Math.Min(5, age), today);
                var penalty = random.Next(3) == 0;
                f.RecordMeasures(new SampleFailure.Measures(true, random.Next(5, 200), random.Next(2) == 0, random.Next(1, 50), "标称生产者（已追溯）",
                    penalty ? $"区市监立〔{served.Year}〕{random.Next(1, 300)}号" : "", penalty ? random.Next(1, 20) * 1000 : null,
                    penalty ? $"区市监罚〔{served.Year}〕{random.Next(1, 300)}号" : "", penalty ? "" : "首次违法、危害后果轻微并及时改正，依法不予行政处罚"),
                    DemoTime.At(measuredOn), "乡镇市场监管所");
            }
            if (doneAfter is { } days && days <= age && f.Reinspection != ReinspectionStatus.Accepted)
            {
                var on = served.AddDays(days);
                f.Complete("已责令停止销售并下架，追溯标称生产者并通报属地，处置完毕", on, DemoTime.At(on), "乡镇市场监管所");
            }
        }
        await db.SaveChangesAsync(ct);
        return opened;
    }

    private static DateOnly Day(DateOnly served, int after, DateOnly today) => served.AddDays(after) > today ? today : served.AddDays(after);

    /// <summary>A stand-in PDF report, made and checked the way an upload is.</summary>
    internal static StoredFile Pdf(string fileName, string ownerKind, Guid ownerId, string by, DateTime at)
    {
        var content = System.Text.Encoding.ASCII.GetBytes("%PDF-1.4\n% demo report\n%%EOF");
        var (file, error) = StoredFile.From(fileName, content, ownerKind, ownerId, by, at);
        if (file is null)
        {
            throw new InvalidOperationException("The demo report was refused: " + error);
        }
        file.Id = Guid.CreateVersion7();
        return file;
    }
}
