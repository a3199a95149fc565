using Microsoft.EntityFrameworkCore;
using Shian.Common;
using Shian.Data;
using Shian.Grain;
using Shian.Inspections;
using Shian.Registry;

namespace Shian.Demo;

/// <summary>
/// The demo district's reserve grain and imported food: three depots with twelve silos owned by 区粮食中心 (when the
/// jurisdiction has it), each tested in the last half-year — one over the DON limit, its grain turned into feed — and
/// some already in this one; checks of a few grain purchase enterprises; imported food checks at a few sellers tagged
/// 进口食品, one failed and returned. Only when no silo exists yet.
/// </summary>
public static class DemoGrain
{
    public static async Task SeedAsync(ShianDb db, TimeProvider clock, CancellationToken ct = default)
    {
        if (await db.Silos.AnyAsync(ct))
        {
            return;
        }
        var now = ShianTime.UtcNow(clock);
        var today = ShianTime.LocalDate(now);
        var townships = await db.Townships.AsNoTracking().Where(t => t.IsTownship && t.Active).OrderBy(t => t.Code).Select(t => t.Id).Take(3).ToListAsync(ct);
        if (townships.Count == 0)
        {
            return;
        }
        var owner = await db.Units.Where(u => u.Active && u.Name.Contains("粮食中心")).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(ct);
        var half = HalfYear.Of(today);
        var previous = half.Previous;
        var random = new Random(2027);
        (string Depot, string Kind)[] depots = [("区粮食储备库城关库点", "小麦"), ("区粮食储备库东部库点", "玉米"), ("区粮食储备库西部库点", "稻谷")];
        var n = 0;
        foreach (var (depot, kind) in depots)
        {
            var township = townships[n / 4 % townships.Count];
            for (var i = 1; i <= 4; i++)
            {
                n++;
                var capacity = 2000m + 500 * random.Next(0, 7);
                var (silo, errors) = Silo.Create(new Silo.Input($"CF-{n:00}", depot, township, kind, capacity, capacity - 100 * random.Next(0, 10),
                    previous.Year - 1, new DateOnly(previous.Year - 1, 10, 15)), owner, today, "demo", now);
                if (silo is null) throw new InvalidOperationException(string.Join(" ", errors.Select(e => e.Problem)));
                db.Silos.Add(silo);
                var failing = n == 6; // one maize silo over the DON limit
                var test = Test(silo, previous.From.AddDays(60 + n), failing, random, now);
                db.GrainTests.Add(test);
                if (failing)
                {
                    var (disposal, _) = GrainDisposal.Create(silo, test, new GrainDisposal.Input("转作饲料", test.TestDate.AddDays(20) < today ? test.TestDate.AddDays(20) : today, 300m, "经区粮食中心批准，定向转作饲料用粮"),
                        today, "demo", now);
                    db.GrainDisposals.Add(disposal!);
                }
                // About half already tested in this half-year, as far as today allows.
                if (n % 2 == 0 && today > half.From)
                {
                    db.GrainTests.Add(Test(silo, half.From.AddDays(Math.Min(30 + n, today.DayNumber - half.From.DayNumber)), false, random, now));
                }
            }
        }

        var purchasers = await db.Businesses.AsNoTracking().Where(b => b.Subtype == GrainPurchaseCheck.Subtype && b.Status != BusinessStatus.Closed)
            .OrderBy(b => b.CreditCode).Take(3).ToListAsync(ct);
        var results = new[] { InspectionResult.Conforming, InspectionResult.BasicallyConforming, InspectionResult.Conforming };
        for (var i = 0; i < purchasers.Count; i++)
        {
            var date = today.AddDays(-20 - 30 * i) < new DateOnly(today.Year, 1, 1) ? today : today.AddDays(-20 - 30 * i);
            var (check, _) = GrainPurchaseCheck.Create(purchasers[i].Id, purchasers[i].TownshipId, owner,
                new GrainPurchaseCheck.Input(date, "区粮食中心 孙科长、周干事", i == 1 ? "未建立单仓质量档案，已要求限期建立" : "收购台账齐全，质量检验记录完整",
                    results[i], i == 1), today, "demo", now);
            db.GrainPurchaseChecks.Add(check!);
        }

        var sellers = await db.Businesses.Where(b => b.Category == BusinessCategory.Seller && b.Status != BusinessStatus.Closed)
            .OrderBy(b => b.CreditCode).Take(3).ToListAsync(ct);
        (string Product, string Origin, decimal Kg, bool Health, ImportResult Result)[] imports =
        [
            ("婴幼儿配方乳粉", "新西兰", 1200, false, ImportResult.Passed),
            ("鱼油软胶囊", "澳大利亚", 80, true, ImportResult.Passed),
            ("巧克力", "比利时", 300, false, ImportResult.Passed),
            ("冷冻牛肉", "巴西", 2000, false, ImportResult.Failed),
        ];
        for (var i = 0; i < imports.Length && sellers.Count > 0; i++)
        {
            var seller = sellers[i % sellers.Count];
            if (!seller.TagList.Contains(Web.ImporterTag))
            {
                seller.Tags = Business.JoinTags(seller.TagList.Append(Web.ImporterTag));
            }
            var imp = imports[i];
            var date = today.AddDays(-10 * (i + 1)).Year == today.Year ? today.AddDays(-10 * (i + 1)) : today;
            var (check, errors) = ImportedFoodCheck.Create(seller.Id, seller.TownshipId, null,
                new ImportedFoodCheck.Input(imp.Product, imp.Origin, $"0202{today.Year}1{(100000000 + i * 1379):000000000}", $"12000002{today.Year % 100}{i:000000}",
                    imp.Kg, date, imp.Health, imp.Health, imp.Result), today, "demo", now);
            if (check is null) throw new InvalidOperationException(string.Join(" ", errors.Select(e => e.Problem)));
            if (imp.Result == ImportResult.Failed)
            {
                var evidence = "%PDF-1.4\n% 退运证明（演示）\n"u8.ToArray();
                var (file, _) = StoredFile.From("退运证明.pdf", evidence, FileOwners.ImportDisposalEvidence, check.Id, "demo", now);
                check.Dispose(ImportDisposalMethod.Returned, date, imp.Kg, "蓟州海关 王关员", file is not null, today, "demo");
                if (file is not null) db.StoredFiles.Add(file);
            }
            db.ImportedFoodChecks.Add(check);
        }
        await db.SaveChangesAsync(ct);
    }

    private static class Web
    {
        public const string ImporterTag = "imported-food";
    }

    private static GrainTest Test(Silo silo, DateOnly date, bool failing, Random random, DateTime now)
    {
        decimal Around(decimal limit, decimal share) => Math.Round(limit * share * (decimal)(0.6 + random.NextDouble() * 0.3), 2);
        var values = new Dictionary<string, decimal?>();
        foreach (var item in GrainStandards.Items)
        {
            var limit = GrainStandards.Limit(silo.GrainKind, item.Code) ?? 1m;
            values[item.Code] = Around(limit, item.Group == ItemGroup.Safety ? 0.5m : 0.9m);
        }
        if (failing)
        {
            values["don"] = 1380m;
        }
        var (test, errors) = GrainTest.Create(silo, new GrainTest.Input(date, "区粮油质量检测站", values), date, "demo", now);
        return test ?? throw new InvalidOperationException(string.Join(" ", errors.Select(e => e.Problem)));
    }
}
