using Microsoft.EntityFrameworkCore;
using Shian.Common;
using Shian.Complaints;
using Shian.Data;

namespace Shian.Demo;

/// <summary>
/// A year of complaints and reports so far, at about 1.5 per 1,000 residents a year (the order of food complaints a
/// district's 12315 and 12345 lines receive), in every state: received through the same intake as a user's, then
/// accepted, mediated, decided, answered and visited back through the entity's transitions on the days they happened,
/// some late, a few merged as duplicates. Some reports are checked on site by an inspection started from them (投诉举报核查),
/// verified violations feed the businesses' risk grading as the detail page's do, one report led to a reward approved by a
/// second office user and paid. The demo operator's restaurant has an accepted complaint released to it. Once.
/// </summary>
public static class DemoComplaints
{
    private static readonly (ComplaintKind Kind, string Text)[] Stories =
    [
        (ComplaintKind.Complaint, "在店内用餐后出现腹泻症状，怀疑凉拌菜不洁，要求退还餐费并赔偿医药费"),
        (ComplaintKind.Complaint, "购买的酸奶已超过保质期，要求商家退款并赔偿"),
        (ComplaintKind.Complaint, "外卖送达的饭菜中发现异物（头发），与商家协商未果"),
        (ComplaintKind.Complaint, "购买的散装熟食有异味，商家拒绝退换"),
        (ComplaintKind.Complaint, "预订的生日蛋糕奶油变质，食用后孩子呕吐"),
        (ComplaintKind.Report, "后厨卫生脏乱，生熟食品混放，冰箱内有过期原料"),
        (ComplaintKind.Report, "店内从业人员未持有效健康证明上岗"),
        (ComplaintKind.Report, "超市销售无中文标签的进口食品"),
        (ComplaintKind.Report, "小作坊无证生产糕点并向周边学校门口摊贩供货"),
        (ComplaintKind.Report, "餐馆使用来源不明的食用油，疑似回收油"),
    ];

    public static async Task SeedAsync(ShianDb db, TimeProvider clock, CancellationToken ct = default)
    {
        if (await db.Complaints.AnyAsync(ct))
        {
            return;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var today = ShianTime.LocalDate(now);
        var population = await db.JurisdictionPopulations.AsNoTracking().Where(p => p.Year <= today.Year).OrderByDescending(p => p.Year)
            .Select(p => (int?)p.Population).FirstOrDefaultAsync(ct) ?? 800_000;
        var businesses = await db.Businesses.AsNoTracking().Where(b => b.Status == Registry.BusinessStatus.Active)
            .OrderBy(b => b.Id).Select(b => new { b.Id, b.Name, b.Address, b.CreditCode }).ToListAsync(ct);
        if (businesses.Count == 0)
        {
            return;
        }
        var start = new DateOnly(today.Year, 1, 1);
        var days = today.DayNumber - start.DayNumber + 1;
        var count = Math.Max(40, (int)(population * 1.5 / 1000 * days / 365));
        var settings = new ComplaintSettings();
        var context = new ComplaintIntake.Context(db);
        var calendar = await context.CalendarAsync(ct);
        var random = new Random(2026);
        var inspector = await DemoComplaintInspector.LoadAsync(db, ct);
        var received = new List<Complaint>();
        for (var i = 0; i < count; i++)
        {
            var day = start.AddDays(random.Next(days));
            var story = Stories[random.Next(Stories.Length)];
            var business = businesses[random.Next(businesses.Count)];
            var registered = random.Next(100) < 85;
            var channel = random.Next(100) switch { < 50 => ComplaintChannel.Hotline12315, < 70 => ComplaintChannel.Hotline12345, < 95 => ComplaintChannel.Online, _ => ComplaintChannel.Visit };
            var anonymous = story.Kind == ComplaintKind.Report && random.Next(100) < 40;
            var input = new Complaint.Input(story.Kind, business.Name, registered ? business.CreditCode : null, business.Address, story.Text,
                day.AddDays(-random.Next(0, 3)) is var occurred && occurred >= start ? occurred : day,
                anonymous ? null : DemoNames[random.Next(DemoNames.Length)], anonymous ? null : $"13{random.Next(100_000_000, 999_999_999)}",
                HotlineTicket: channel is ComplaintChannel.Hotline12315 or ComplaintChannel.Hotline12345 ? $"{(channel == ComplaintChannel.Hotline12315 ? "T" : "G")}{day:yyyyMMdd}{i:D5}" : null);
            var (complaint, errors) = await ComplaintIntake.PrepareAsync(db, input, channel, settings, channel == ComplaintChannel.Online ? "public" : "demo",
                DemoTime.At(day, 9 + random.Next(8)), context, ct);
            if (complaint is null)
            {
                throw new InvalidOperationException("A demo complaint was refused: " + string.Join("; ", errors.Select(e => $"{e.Key}: {e.Value}")));
            }
            Handle(complaint, random, calendar, settings.Clocks, today, inspector);
            received.Add(complaint);
        }
        // A few duplicates: the same story about the same business a few days later, merged into the first.
        foreach (var first in received.Where(c => c.Status == ComplaintStatus.Accepted).Take(3).ToList())
        {
            var input = new Complaint.Input(first.Kind, first.BusinessName, first.BusinessCreditCode, first.Address, first.Description, first.OccurredOn,
                "王先生", "13900000000");
            var (duplicate, _) = await ComplaintIntake.PrepareAsync(db, input, ComplaintChannel.Online, settings, "public", first.ReceivedAt.AddHours(5), context, ct);
            duplicate!.MergeInto(first, null, first.ReceivedAt.AddHours(6), "demo");
            received.Add(duplicate);
        }
        db.Complaints.AddRange(received);
        db.Inspections.AddRange(inspector.Recorded);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        foreach (var verified in received.Where(c => c.ViolationVerified && c.BusinessId != null && c.DecidedOn != null))
        {
            await ComplaintRisk.RecordAsync(db, verified, "demo", DemoTime.At(verified.DecidedOn!.Value, 17), ct);
        }
        await SeedRewardAsync(db, received, now, ct);
        await SeedOperatorsComplaintAsync(db, settings, context, today, ct);
    }

    /// <summary>有奖举报: the first real-name report that led to a case, rewarded at tier 2 for its fines, approved and paid.</summary>
    private static async Task SeedRewardAsync(ShianDb db, List<Complaint> received, DateTime now, CancellationToken ct)
    {
        if (received.Where(c => c.Kind == ComplaintKind.Report && c.Outcome == ComplaintOutcome.CaseOpened && !c.Anonymous && c.ClosedAt != null)
                .OrderBy(c => c.ReceivedAt).FirstOrDefault() is not { } report)
        {
            return;
        }
        var proposedAt = report.ClosedAt!.Value.AddDays(20) is var at && at < now ? at : now.AddHours(-3);
        var (reward, errors) = ComplaintReward.Propose(report, alreadyRewarded: false,
            new ComplaintReward.Proposal($"蓟市监罚〔{ShianTime.LocalDate(proposedAt).Year}〕8号", 80_000m, 2, new RewardRules.Informant(true, false, false, false)),
            proposedAt, "区食安办 张科长");
        if (reward is null)
        {
            throw new InvalidOperationException("The demo reward was refused: " + string.Join("; ", errors.Select(e => $"{e.Key}: {e.Value}")));
        }
        var approvedAt = proposedAt.AddHours(2) < now ? proposedAt.AddHours(2) : now.AddHours(-2);
        var refused = reward.Approve(approvedAt, "区食安办 李主任")
            ?? reward.RecordPayment(ShianTime.LocalDate(approvedAt), $"奖励发放〔{ShianTime.LocalDate(approvedAt).Year}〕1号", approvedAt.AddHours(1), "区食安办 张科长");
        if (refused is not null)
        {
            throw new InvalidOperationException("The demo reward was refused: " + refused);
        }
        db.ComplaintRewards.Add(reward);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }

    private static readonly string[] DemoNames = ["王女士", "李先生", "张女士", "刘先生", "陈女士", "杨先生", "赵女士", "孙先生"];

    /// <summary>Takes a received complaint as far as its age allows: most in time, some late, recent ones still open.</summary>
    private static void Handle(Complaint c, Random random, WorkingDayCalendar calendar, ComplaintClocks clocks, DateOnly today, DemoComplaintInspector inspector)
    {
        DateTime After(DateOnly from, int workingDays) => DemoTime.At(calendar.AddWorkingDays(from, workingDays), 10 + random.Next(6));
        bool Passed(DateTime at) => ShianTime.LocalDate(at) < today;
        // One in ten takes longer than the law allows.
        var late = random.Next(100) < 10;
        var firstStep = After(c.ReceivedOn, late ? clocks.AcceptDays + 1 + random.Next(3) : 1 + random.Next(c.Kind == ComplaintKind.Complaint ? clocks.AcceptDays : clocks.DecideDays));
        if (!Passed(firstStep))
        {
            return;
        }
        if (c.Kind == ComplaintKind.Complaint)
        {
            if (random.Next(100) < 12)
            {
                c.Refuse("已通过司法途径解决，不属于市场监管部门受理范围", calendar, clocks, firstStep, "demo");
            }
            else
            {
                c.Accept(calendar, clocks, firstStep, "demo");
                var mediated = After(c.AcceptedOn!.Value, 2 + random.Next(late ? 50 : 20));
                if (!Passed(mediated))
                {
                    return;
                }
                var agreement = random.Next(100) < 75;
                c.EndMediation(agreement, agreement ? "经调解，经营者退还货款并赔偿，双方签字确认" : "双方未能达成一致，告知投诉人可依法向人民法院起诉",
                    violationFound: random.Next(100) < 40, calendar, clocks, mediated, "demo");
            }
        }
        else
        {
            var openCase = random.Next(100) < 35;
            // About one report in four about a registered business is checked by an inspection started from it; the demo's
            // inspections found it compliant, so those reports end without a case.
            if (c.BusinessId is { } business && random.Next(100) < 25 && inspector.Inspect(business, ShianTime.LocalDate(firstStep), random) is { } inspection)
            {
                c.RecordAction(ComplaintEntryKind.InspectionStarted, null, inspection.Id, inspection.EndedAt!.Value, "demo");
                firstStep = inspection.EndedAt!.Value.AddHours(1) > firstStep ? inspection.EndedAt!.Value.AddHours(1) : firstStep;
                openCase = false;
            }
            c.Decide(openCase, openCase ? "现场核查属实，已立案调查" : "现场核查未发现举报所称违法行为", violationFound: openCase, calendar, clocks, firstStep, "demo");
        }
        var replied = After(c.DecidedOn!.Value, 1 + random.Next(late ? 8 : clocks.ReplyDays));
        if (!Passed(replied))
        {
            return;
        }
        c.Close(c.Anonymous ? "匿名举报，处理结果已存档" : "已电话告知处理结果", replied, "demo");
        if (!c.Anonymous && random.Next(100) < 70)
        {
            var visit = After(ShianTime.LocalDate(replied), 1 + random.Next(3));
            if (Passed(visit))
            {
                var satisfaction = random.Next(100) switch { < 78 => Satisfaction.Satisfied, < 92 => Satisfaction.Neutral, _ => Satisfaction.Dissatisfied };
                c.RecordReturnVisit(satisfaction, null, visit, "demo");
            }
        }
    }

    /// <summary>The demo operator's restaurant: a complaint accepted yesterday and shown to it, so that it has one to answer.</summary>
    private static async Task SeedOperatorsComplaintAsync(ShianDb db, ComplaintSettings settings, ComplaintIntake.Context context, DateOnly today, CancellationToken ct)
    {
        var business = await db.OperatorBusinesses.AsNoTracking().Join(db.Users.Where(u => u.UserName == Accounts.Roles.Operator), o => o.UserId, u => u.Id, (o, _) => o.BusinessId)
            .Join(db.Businesses, id => id, b => b.Id, (_, b) => new { b.Id, b.Name, b.Address }).FirstOrDefaultAsync(ct);
        if (business is null)
        {
            return;
        }
        var calendar = await context.CalendarAsync(ct);
        var receivedOn = calendar.AddWorkingDays(today, -2);
        var input = new Complaint.Input(ComplaintKind.Complaint, business.Name, null, business.Address, "在店内就餐时发现菜品中有金属丝，要求商家道歉并退还餐费",
            receivedOn, "周女士", "13700000000", BusinessId: business.Id, HotlineTicket: $"T{receivedOn:yyyyMMdd}90001");
        var (complaint, errors) = await ComplaintIntake.PrepareAsync(db, input, ComplaintChannel.Hotline12315, settings, "demo", DemoTime.At(receivedOn), context, ct);
        if (complaint is null)
        {
            throw new InvalidOperationException("The demo operator's complaint was refused: " + string.Join("; ", errors.Select(e => $"{e.Key}: {e.Value}")));
        }
        complaint.Accept(calendar, settings.Clocks, DemoTime.At(calendar.AddWorkingDays(receivedOn, 1)), "demo");
        complaint.ReleaseToBusiness(DemoTime.At(calendar.AddWorkingDays(receivedOn, 1), 11), "demo");
        db.Complaints.Add(complaint);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }
}
