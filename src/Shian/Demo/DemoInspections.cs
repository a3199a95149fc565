using Microsoft.EntityFrameworkCore;
using Shian.Campaigns;
using Shian.Common;
using Shian.Data;
using Shian.Inspections;
using Shian.Performance;
using Shian.Rectification;
using Shian.Registry;
using Shian.Risk;

namespace Shian.Demo;

/// <summary>
/// The demo district's year of inspections so far: most planned visits that are due are done by the visit's team, at
/// each township's own pace; about one in eight finds problems, and a failed item gets a rectification order whose fate
/// depends on its age (closed after a follow-up inspection, answered and waiting, overdue, escalated). Three campaigns
/// of the year take the inspections in their scope and period; last month's red/black list is approved and this
/// month's is a draft. The demo operator's restaurant has an open order to answer. Only when no inspection exists yet.
/// </summary>
public static class DemoInspections
{
    public static async Task<int> SeedAsync(ShianDb db, TimeProvider clock, CancellationToken ct = default)
    {
        if (await db.Inspections.AnyAsync(ct))
        {
            return 0;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var today = ShianTime.LocalDate(now);
        var random = new Random(2026);
        var checklists = (await db.Checklists.AsNoTracking().ToListAsync(ct)).Select(r => r.Read()).ToList();
        var businesses = await db.Businesses.AsNoTracking().ToDictionaryAsync(b => b.Id, ct);
        var teams = await db.InspectionTeams.AsNoTracking().Include(t => t.Members).ToDictionaryAsync(t => t.Id, ct);
        var names = await db.Users.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var planned = Campaigns(today, now).Where(c => c.Campaign.From < today).ToList();
        var campaigns = planned.Select(c => c.Campaign).ToList();

        var due = await db.PlannedInspections.Where(p => p.Year == today.Year && p.Month <= today.Month && p.DoneOn == null && p.TeamId != null)
            .OrderBy(p => p.Month).ThenBy(p => p.Id).ToListAsync(ct);
        // Each township keeps its own pace, so that coverage differs between them as it does in a real district.
        var pace = due.Select(p => p.TownshipId).Distinct().Order().ToDictionary(t => t, _ => 0.72 + random.NextDouble() * 0.26);
        var inspections = new List<Inspection>();
        var findings = new List<Inspection>();
        foreach (var visit in due)
        {
            var monthStart = new DateOnly(today.Year, visit.Month, 1);
            var lastDay = visit.Month == today.Month ? today.AddDays(-1) : monthStart.AddMonths(1).AddDays(-1);
            if (lastDay < monthStart || random.NextDouble() > pace[visit.TownshipId]
                || Checklists.Pick(checklists, businesses[visit.BusinessId].Category, lastDay) is not { } checklist)
            {
                continue;
            }
            var day = monthStart.AddDays(random.Next(lastDay.DayNumber - monthStart.DayNumber + 1));
            var team = teams[visit.TeamId!.Value].Members.Select(m => m.UserId).Take(InspectionTeam.MinimumMembers).ToList();
            var inspection = Record(checklist, businesses[visit.BusinessId], InspectionKind.Routine, Findings(checklist, random), team, names, day, random);
            inspection.PlannedInspectionId = visit.Id;
            inspection.TeamId = visit.TeamId;
            inspection.CampaignId = campaigns.FirstOrDefault(c => c.Covers(day) && c.InScope(businesses[visit.BusinessId]))?.Id;
            visit.DoneOn = day;
            inspections.Add(inspection);
            if (inspection.RequiresRectification)
            {
                findings.Add(inspection);
            }
        }

        // Campaign visits, besides the schedule: a share of the businesses in scope, within the period so far.
        foreach (var (campaign, share) in planned)
        {
            var last = campaign.To < today ? campaign.To : today.AddDays(-1);
            foreach (var business in businesses.Values.Where(b => b.Status == BusinessStatus.Active && campaign.InScope(b)).OrderBy(b => b.Id))
            {
                if (random.NextDouble() > share || Checklists.Pick(checklists, business.Category, last) is not { } checklist
                    || teams.Values.Where(t => t.TownshipId == business.TownshipId).MinBy(t => t.Name) is not { } team)
                {
                    continue;
                }
                var day = campaign.From.AddDays(random.Next(last.DayNumber - campaign.From.DayNumber + 1));
                var inspection = Record(checklist, business, InspectionKind.Campaign, Findings(checklist, random),
                    team.Members.Select(m => m.UserId).Take(InspectionTeam.MinimumMembers).ToList(), names, day, random);
                inspection.CampaignId = campaign.Id;
                inspection.TeamId = team.Id;
                inspections.Add(inspection);
                if (inspection.RequiresRectification)
                {
                    findings.Add(inspection);
                }
            }
        }

        // The demo operator's restaurant failed a key item last week and has an order to answer.
        if (await db.OperatorBusinesses.AsNoTracking().Join(db.Users.Where(u => u.UserName == Accounts.Roles.Operator), o => o.UserId, u => u.Id, (o, _) => o.BusinessId)
                .FirstOrDefaultAsync(ct) is var operated && operated != Guid.Empty && businesses.TryGetValue(operated, out var restaurant)
            && Checklists.Pick(checklists, restaurant.Category, today) is { } own
            && teams.Values.FirstOrDefault(t => t.TownshipId == restaurant.TownshipId) is { } ownTeam)
        {
            var results = own.Items.ToDictionary(i => i.Code, i => ItemResult.Yes);
            results[own.Items.First(i => i.Key).Code] = ItemResult.No;
            var inspection = Record(own, restaurant, InspectionKind.Complaint, results, ownTeam.Members.Select(m => m.UserId).Take(2).ToList(), names,
                today.AddDays(-7), random, acknowledged: false);
            inspection.TeamId = ownTeam.Id;
            inspections.Add(inspection);
            findings.Add(inspection);
        }

        var calendar = await db.LoadCalendarAsync(ct);
        var orders = new List<RectificationOrder>();
        foreach (var failed in findings.OrderBy(i => i.EndedAt))
        {
            var issuedAt = failed.EndedAt!.Value.AddMinutes(30);
            var (order, _) = RectificationOrder.Issue(failed, "对检查发现的不符合项逐项整改，整改完成后在线提交整改情况和照片", null, calendar, issuedAt,
                names[failed.Inspectors[0].UserId], $"整改〔{today.Year}〕{orders.Count + 1:0000}");
            var age = today.DayNumber - order!.Deadline.DayNumber;
            var roll = random.NextDouble();
            if (failed.Kind == InspectionKind.Complaint || age < -3 && roll < 0.6)
            {
                orders.Add(order); // open, within its deadline
                continue;
            }
            if (age > 0 && roll < 0.08)
            {
                orders.Add(order); // open and overdue: on the overdue list
                continue;
            }
            var late = age > 0 && roll < 0.2;
            var answeredOn = late ? order.Deadline.AddDays(random.Next(1, 5)) : order.IssuedOn.AddDays(random.Next(2, Math.Max(3, order.Deadline.DayNumber - order.IssuedOn.DayNumber)));
            if (answeredOn >= today)
            {
                orders.Add(order);
                continue;
            }
            order.Respond("已按要求完成整改：更换过期原料、补齐进货查验记录、开展从业人员培训，附整改前后照片。", DemoTime.At(answeredOn, 10), Signer(businesses[failed.BusinessId]));
            var followUpDay = answeredOn.AddDays(random.Next(1, 6));
            if (followUpDay >= today)
            {
                orders.Add(order); // answered, the follow-up visit is still to come
                continue;
            }
            var checklist = checklists.First(c => c.Name == failed.ChecklistName && c.Version == failed.ChecklistVersion);
            var team = failed.Inspectors.Select(i => i.UserId).ToList();
            if (random.NextDouble() < 0.06)
            {
                var again = Record(checklist, businesses[failed.BusinessId], InspectionKind.FollowUp, Failing(checklist, random), team, names, followUpDay, random);
                inspections.Add(again);
                order.Escalate("复查仍不符合，拒不整改，移交立案查处", DemoTime.At(followUpDay, 17), names[team[0]]);
            }
            else
            {
                var passed = Record(checklist, businesses[failed.BusinessId], InspectionKind.FollowUp, checklist.Items.ToDictionary(i => i.Code, _ => ItemResult.Yes), team, names, followUpDay, random);
                inspections.Add(passed);
                order.Close(passed, null, DemoTime.At(followUpDay, 17), names[team[0]]);
            }
            orders.Add(order);
        }

        // Inspection records by the thousand: written in bulk (the demo's own data, not anybody's act to audit).
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.Campaigns.AddRange(campaigns);
        await db.SaveChangesAsync(ct); // the campaigns and the visits now done, before the inspections that refer to them
        await BulkInsert.RunAsync(db, inspections, ct);
        await BulkInsert.RunAsync(db, inspections.SelectMany(i => i.Items).ToList(), ct);
        await BulkInsert.RunAsync(db, inspections.SelectMany(i => i.Inspectors).ToList(), ct);
        await BulkInsert.RunAsync(db, inspections.Where(i => i.Result != InspectionResult.Conforming).Select(i => new RiskFactor
        {
            Id = Guid.CreateVersion7(), BusinessId = i.BusinessId, ItemCode = InspectionRecords.RiskItemCode, Points = InspectionRecords.RiskPoints(i.Result!.Value),
            Reason = i.Result == InspectionResult.NonConforming ? "监督检查结果不符合" : "监督检查结果基本符合",
            Date = ShianTime.LocalDate(i.EndedAt!.Value), Source = InspectionRecords.RiskSource, RecordedAt = now, RecordedBy = "demo",
        }).ToList(), ct);
        db.RectificationOrders.AddRange(orders);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
        await RiskRegrade.RunAsync(db, "demo", now, ct: ct);
        db.ChangeTracker.Clear();

        // Last month's red/black list approved and public, this month's a draft for the office to review.
        await Credit.RedBlackRuleRecord.EnsureSeededAsync(db, now, ct);
        var thisMonth = new DateOnly(today.Year, today.Month, 1);
        if (await Credit.RedBlackDraft.GenerateAsync(db, thisMonth.AddMonths(-1), today, "demo", now, ct) is { } lastMonth)
        {
            lastMonth.Approve("demo", now);
            await db.SaveChangesAsync(ct);
        }
        await Credit.RedBlackDraft.GenerateAsync(db, thisMonth, today, "demo", now, ct);
        db.ChangeTracker.Clear();
        return inspections.Count;
    }

    /// <summary>
    /// A festival check, a summer campaign in scenic areas and the autumn term's two school checks (the start of term
    /// and the one running now), as far as the year has come; with the share of the businesses in scope each visits.
    /// </summary>
    private static List<(Campaign Campaign, double Share)> Campaigns(DateOnly today, DateTime now)
    {
        var year = today.Year;
        (Campaign, double) Make(string name, CampaignKind kind, DateOnly from, DateOnly to, double share, Action<Campaign> scope)
        {
            var campaign = new Campaign
            {
                Id = Guid.CreateVersion7(), Name = name, Kind = kind, From = from, To = to, CreatedAt = now, CreatedBy = "demo",
            };
            scope(campaign);
            campaign.Status = campaign.StatusOn(today);
            return (campaign, share);
        }
        return
        [
            Make($"{year}年元旦春节期间食品安全专项检查", CampaignKind.Holiday, new DateOnly(year, 1, 2), new DateOnly(year, 2, 28), 0.08,
                c => c.Categories = [BusinessCategory.Caterer, BusinessCategory.Seller]),
            Make($"{year}年景区及农家院餐饮夏季专项整治", CampaignKind.Special, new DateOnly(year, 6, 1), new DateOnly(year, 8, 31), 0.7,
                c => c.Tags = ["scenic-area"]),
            Make($"{year}年秋季开学校园食品安全专项检查", CampaignKind.Special, new DateOnly(year, 9, 1), new DateOnly(year, 9, 30), 0.97,
                c => c.Tags = ["school-related"]),
            Make($"{year}年秋季学期期中校园食品安全检查", CampaignKind.Special, new DateOnly(year, 11, 1), new DateOnly(year, 12, 20), 0.8,
                c => c.Tags = ["school-related"]),
        ];
    }

    /// <summary>What a visit found: mostly all in order, sometimes a few ordinary items, now and then a key item.</summary>
    private static Dictionary<string, ItemResult> Findings(Checklist checklist, Random random)
    {
        var roll = random.NextDouble();
        return roll < 0.04 ? Failing(checklist, random)
            : roll < 0.13 ? Fail(checklist, checklist.Items.Where(i => !i.Key).OrderBy(_ => random.Next()).Take(random.Next(1, 4)).Select(i => i.Code))
            : Fail(checklist, []);
    }

    private static Dictionary<string, ItemResult> Failing(Checklist checklist, Random random) =>
        Fail(checklist, [checklist.Items.Where(i => i.Key).ElementAt(random.Next(checklist.Items.Count(i => i.Key))).Code]);

    private static Dictionary<string, ItemResult> Fail(Checklist checklist, IEnumerable<string> failed)
    {
        var results = checklist.Items.ToDictionary(i => i.Code, _ => ItemResult.Yes);
        foreach (var code in failed)
        {
            results[code] = ItemResult.No;
        }
        return results;
    }

    internal static Inspection Record(Checklist checklist, Business business, InspectionKind kind, Dictionary<string, ItemResult> results, List<Guid> team,
        Dictionary<Guid, string> names, DateOnly day, Random random, bool acknowledged = true)
    {
        var start = DemoTime.At(day, 9 + random.Next(7)).AddMinutes(random.Next(60));
        var end = start.AddMinutes(40 + random.Next(50));
        var notes = results.Where(r => r.Value == ItemResult.No).ToDictionary(r => r.Key, _ => "现场发现问题，已拍照取证并当场告知经营者");
        // Recorded when the visit ended, as the inspector's phone would have sent it.
        var (inspection, problems) = Inspection.Record(checklist, business.Id, business.TownshipId, kind, results, notes, team, team, team[0],
            start, end, names[team[0]], end);
        if (inspection is null)
        {
            throw new InvalidOperationException("Demo inspection refused: " + string.Join("; ", problems));
        }
        if (acknowledged && inspection.Acknowledge(Signer(business), null, end.AddMinutes(5)) is { } refused)
        {
            throw new InvalidOperationException("Demo acknowledgement refused: " + refused);
        }
        return inspection;
    }

    private static string Signer(Business business) => business.LegalRepresentative is { Length: > 0 } name ? name : "经营者";
}
