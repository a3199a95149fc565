using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Shian.Common;
using Shian.Data;
using Shian.Performance;
using Shian.Registry;
using Shian.Risk;
using Shian.Sampling;

namespace Shian.Demo;

/// <summary>
/// The demo district's sampling year: a plan per kind sized from the population (3 + 0.6 + 0.4 = 4 batches per 1,000),
/// shared out by category, township and environment, and the year's samples so far at a little above the quota's pace,
/// taken from registry businesses of the environment's kind. Each form is filled as a sampler would (products, brands,
/// batches, producers), received, tested and reported by age — a few received or reported late, the last weeks' still
/// on their way — with 3–6 test items per category; about 2–3% fail (vegetables on pesticide residues, catering food on
/// micro-organisms, a little more often among agricultural products), each failure a sampling risk factor. Only when
/// no sample and no plan of the year exist yet; rows are written in bulk so that the demo starts quickly.
/// </summary>
public static class DemoSampling
{
    /// <summary>Batches per 1,000 residents per kind: together the plan's 4.</summary>
    public static readonly IReadOnlyList<(SamplingKind Kind, decimal PerThousand, string Name)> Plans =
    [
        (SamplingKind.Supervision, 3.0m, "食品安全监督抽检计划"),
        (SamplingKind.RiskMonitoring, 0.6m, "食品安全风险监测计划"),
        (SamplingKind.Evaluation, 0.4m, "食品安全评价性抽检计划"),
    ];

    /// <summary>The pace over the quota's pro-rata share of the year so far.</summary>
    public const decimal Pace = 1.03m;

    private enum Fails { Above, Below, Detected }

    /// <summary>A test item: a limit "≤Max" (or "≥Min" when <see cref="Direction"/> is Below, "不得检出" when Detected).</summary>
    private sealed record ItemTemplate(string Name, string Unit, decimal Limit, string Method, Fails Direction = Fails.Above, bool Micro = false, bool Residue = false)
    {
        public string LimitText => Direction switch
        {
            Fails.Below => "≥" + Number(Limit),
            Fails.Detected => "不得检出",
            _ => "≤" + Number(Limit),
        };
    }

    private sealed record Sampled(Guid Id, string Name, string Address, string CreditCode, Guid TownshipId, BusinessCategory Category, string Subtype,
        string ContactName, string ContactPhone, string LegalRepresentative);

    private sealed record Product(string Category, string? Sub, int Weight, SamplingEnvironment[] Environments, string[] Names, string Spec, string QuantityUnit,
        string ShelfLife, string Standard, bool Prepackaged, ItemTemplate[] Items, bool Catering = false);

    private static readonly ItemTemplate Lead = new("铅（以Pb计）", "mg/kg", 0.2m, "GB 5009.12-2017");
    private static readonly ItemTemplate LeadVeg = new("铅（以Pb计）", "mg/kg", 0.1m, "GB 5009.12-2017");
    private static readonly ItemTemplate Cadmium = new("镉（以Cd计）", "mg/kg", 0.1m, "GB 5009.15-2014");
    private static readonly ItemTemplate CadmiumVeg = new("镉（以Cd计）", "mg/kg", 0.05m, "GB 5009.15-2014");
    private static readonly ItemTemplate AflatoxinB1 = new("黄曲霉毒素B1", "μg/kg", 5.0m, "GB 5009.22-2016");
    private static readonly ItemTemplate Benzoic = new("苯甲酸及其钠盐（以苯甲酸计）", "g/kg", 1.0m, "GB 5009.28-2016");
    private static readonly ItemTemplate Sorbic = new("山梨酸及其钾盐（以山梨酸计）", "g/kg", 1.0m, "GB 5009.28-2016");
    private static readonly ItemTemplate Dehydroacetic = new("脱氢乙酸及其钠盐（以脱氢乙酸计）", "g/kg", 0.5m, "GB 5009.121-2016");
    private static readonly ItemTemplate Colonies = new("菌落总数", "CFU/g", 100000m, "GB 4789.2-2022", Micro: true);
    private static readonly ItemTemplate ColoniesMl = new("菌落总数", "CFU/mL", 100m, "GB 4789.2-2022", Micro: true);
    private static readonly ItemTemplate Coliforms = new("大肠菌群", "CFU/g", 100m, "GB 4789.3-2016", Micro: true);
    private static readonly ItemTemplate Moulds = new("霉菌", "CFU/g", 150m, "GB 4789.15-2016", Micro: true);
    private static readonly ItemTemplate AcidValue = new("酸价（以脂肪计）（KOH）", "mg/g", 3m, "GB 5009.229-2016");
    private static readonly ItemTemplate Peroxide = new("过氧化值（以脂肪计）", "g/100g", 0.25m, "GB 5009.227-2016");
    private static readonly ItemTemplate Chlorpyrifos = new("毒死蜱", "mg/kg", 0.02m, "GB 23200.113-2018", Residue: true);
    private static readonly ItemTemplate Omethoate = new("氧乐果", "mg/kg", 0.02m, "GB 23200.113-2018", Residue: true);
    private static readonly ItemTemplate Carbofuran = new("克百威", "mg/kg", 0.02m, "GB 23200.113-2018", Residue: true);
    private static readonly ItemTemplate Procymidone = new("腐霉利", "mg/kg", 0.2m, "GB 23200.113-2018", Residue: true);
    private static readonly ItemTemplate Enrofloxacin = new("恩诺沙星（以恩诺沙星与环丙沙星之和计）", "μg/kg", 100m, "GB 31658.17-2021", Residue: true);
    private static readonly ItemTemplate Malachite = new("孔雀石绿", "μg/kg", 0m, "GB 19857-2005", Fails.Detected, Residue: true);
    private static readonly ItemTemplate Florfenicol = new("氟苯尼考", "μg/kg", 0m, "GB/T 20756-2006", Fails.Detected, Residue: true);

    private static readonly SamplingEnvironment[] Shops = [SamplingEnvironment.Distribution, SamplingEnvironment.Distribution, SamplingEnvironment.Distribution, SamplingEnvironment.Production, SamplingEnvironment.Online];
    private static readonly SamplingEnvironment[] Markets = [SamplingEnvironment.Distribution, SamplingEnvironment.Distribution, SamplingEnvironment.Distribution, SamplingEnvironment.Production, SamplingEnvironment.Catering];
    private static readonly SamplingEnvironment[] Kitchens = [SamplingEnvironment.Catering];

    private static readonly Product[] Catalogue =
    [
        new("粮食加工品", "小麦粉", 8, Shops, ["小麦粉", "高筋小麦粉", "饺子用小麦粉", "全麦粉"], "5kg/袋", "袋", "12个月", "GB/T 1355", true,
            [Lead, Cadmium, AflatoxinB1, new("玉米赤霉烯酮", "μg/kg", 60m, "GB 5009.209-2016"), new("脱氧雪腐镰刀菌烯醇", "μg/kg", 1000m, "GB 5009.111-2016")]),
        new("粮食加工品", "大米", 7, Shops, ["大米", "东北大米", "粳米", "长粒香米"], "10kg/袋", "袋", "12个月", "GB/T 1354", true,
            [Lead, new("镉（以Cd计）", "mg/kg", 0.2m, "GB 5009.15-2014"), new("无机砷（以As计）", "mg/kg", 0.2m, "GB 5009.11-2014"), AflatoxinB1]),
        new("粮食加工品", "挂面", 3, Shops, ["鸡蛋挂面", "龙须挂面", "荞麦挂面"], "1kg/袋", "袋", "18个月", "LS/T 3212", true, [Lead, Dehydroacetic, new("二氧化硫残留量", "g/kg", 0.05m, "GB 5009.34-2022")]),
        new("食用油、油脂及其制品", "食用植物油", 6, Shops, ["大豆油", "花生油", "玉米油", "菜籽油", "芝麻油"], "5L/桶", "桶", "18个月", "GB/T 1535", true,
            [AcidValue, Peroxide, new("苯并[a]芘", "μg/kg", 10m, "GB 5009.27-2016"), new("黄曲霉毒素B1", "μg/kg", 20m, "GB 5009.22-2016"), new("溶剂残留量", "mg/kg", 20m, "GB 5009.262-2016")]),
        new("调味品", null, 6, Shops, ["酿造酱油", "老陈醋", "黄豆酱", "料酒", "鸡精调味料"], "500mL/瓶", "瓶", "18个月", "GB/T 18186", true,
            [new("氨基酸态氮", "g/100mL", 0.4m, "GB 5009.235-2016", Fails.Below), Benzoic, Sorbic, new("菌落总数", "CFU/mL", 30000m, "GB 4789.2-2022", Micro: true)]),
        new("肉制品", null, 6, Shops, ["酱牛肉", "熏鸡", "火腿肠", "猪头肉", "腊肠"], "250g/袋", "袋", "90天", "GB 2726", true,
            [new("亚硝酸盐（以亚硝酸钠计）", "mg/kg", 30m, "GB 5009.33-2016"), new("铅（以Pb计）", "mg/kg", 0.5m, "GB 5009.12-2017"), Colonies, Coliforms, Sorbic]),
        new("乳制品", null, 5, Shops, ["纯牛奶", "酸牛奶", "调制乳", "巴氏杀菌乳"], "250mL/盒", "盒", "6个月", "GB 25190", true,
            [new("蛋白质", "g/100g", 2.9m, "GB 5009.5-2016", Fails.Below), new("三聚氰胺", "mg/kg", 2.5m, "GB/T 22388-2008"), new("黄曲霉毒素M1", "μg/kg", 0.5m, "GB 5009.24-2016"), ColoniesMl]),
        new("饮料", null, 5, Shops, ["饮用纯净水", "橙汁饮料", "茶饮料", "植物蛋白饮料", "碳酸饮料"], "500mL/瓶", "瓶", "12个月", "GB 7101", true,
            [ColoniesMl, new("霉菌", "CFU/mL", 20m, "GB 4789.15-2016", Micro: true), new("苯甲酸及其钠盐（以苯甲酸计）", "g/kg", 0.2m, "GB 5009.28-2016"), new("甜蜜素（以环己基氨基磺酸计）", "g/kg", 0.65m, "GB 5009.97-2016")]),
        new("糕点", null, 5, Shops, ["月饼", "蛋糕", "面包", "桃酥", "蛋黄派"], "400g/盒", "盒", "45天", "GB 7099", true,
            [AcidValue, Peroxide, Colonies, Dehydroacetic, new("铝的残留量（干样品，以Al计）", "mg/kg", 100m, "GB 5009.182-2017")]),
        new("豆制品", null, 4, Markets, ["豆腐", "豆腐干", "腐竹", "豆浆"], "散装", "kg", "3天", "GB 2712", false,
            [Benzoic, Dehydroacetic, new("铝的残留量（干样品，以Al计）", "mg/kg", 100m, "GB 5009.182-2017"), Coliforms]),
        new("酒类", null, 3, Shops, ["白酒", "啤酒", "黄酒", "葡萄酒"], "500mL/瓶", "瓶", "5年", "GB 2757", true,
            [new("甲醇", "g/L", 0.6m, "GB 5009.266-2016"), new("氰化物（以HCN计）", "mg/L", 8m, "GB 5009.36-2023"), Lead]),
        new("食用农产品", "蔬菜", 16, Markets, ["韭菜", "芹菜", "豇豆", "菠菜", "油菜", "黄瓜", "番茄", "大白菜", "普通白菜", "辣椒"], "散装", "kg", "3天", "GB 2763", false,
            [Chlorpyrifos, Omethoate, Carbofuran, Procymidone, CadmiumVeg, LeadVeg]),
        new("食用农产品", "水果类", 7, Markets, ["苹果", "梨", "葡萄", "桃", "香蕉", "柑橘"], "散装", "kg", "7天", "GB 2763", false,
            [Omethoate, Carbofuran, new("多菌灵", "mg/kg", 3m, "GB/T 20769-2008", Residue: true), LeadVeg]),
        new("食用农产品", "畜禽肉及副产品", 8, Markets, ["猪肉", "牛肉", "羊肉", "鸡肉", "猪肝"], "散装", "kg", "3天", "GB 2707", false,
            [Enrofloxacin, new("磺胺类（总量）", "μg/kg", 100m, "GB 29694-2013", Residue: true), new("克伦特罗", "μg/kg", 0m, "GB/T 22286-2008", Fails.Detected, Residue: true), new("挥发性盐基氮", "mg/100g", 15m, "GB 5009.228-2016")]),
        new("食用农产品", "水产品", 5, Markets, ["草鱼", "鲤鱼", "鲫鱼", "对虾", "鲢鱼"], "散装", "kg", "2天", "GB 2733", false,
            [Malachite, Enrofloxacin, new("氯霉素", "μg/kg", 0m, "GB/T 22338-2008", Fails.Detected, Residue: true), Cadmium]),
        new("食用农产品", "鲜蛋", 4, Markets, ["鸡蛋", "鸭蛋", "土鸡蛋"], "散装", "kg", "30天", "GB 2749", false,
            [Florfenicol, Enrofloxacin, new("甲硝唑", "μg/kg", 0m, "GB/T 21318-2007", Fails.Detected, Residue: true)]),
        new("食用农产品", "豆类", 2, Markets, ["绿豆", "红小豆", "黄豆"], "散装", "kg", "12个月", "GB 2763", false, [LeadVeg, CadmiumVeg, Chlorpyrifos]),
        new("餐饮食品", "米面及其制品（自制）", 6, Kitchens, ["馒头", "花卷", "包子", "烙饼", "米饭"], "散装", "kg", "1天", "GB 2713", false,
            [Colonies, Coliforms, new("糖精钠（以糖精计）", "g/kg", 0m, "GB 5009.28-2016", Fails.Detected), Dehydroacetic], Catering: true),
        new("餐饮食品", "熟肉制品（自制）", 4, Kitchens, ["卤牛肉", "酱猪蹄", "白切鸡", "卤猪耳"], "散装", "kg", "1天", "GB 2726", false,
            [Colonies, Coliforms, new("亚硝酸盐（以亚硝酸钠计）", "mg/kg", 30m, "GB 5009.33-2016"), new("沙门氏菌", "", 0m, "GB 4789.4-2016", Fails.Detected, Micro: true)], Catering: true),
        new("餐饮食品", "餐饮具（复用）", 4, Kitchens, ["消毒餐具（碗）", "消毒餐具（盘）", "消毒餐具（筷子）"], "个", "个", "1天", "GB 14934", false,
            [new("大肠菌群", "", 0m, "GB 14934-2016", Fails.Detected, Micro: true), new("阴离子合成洗涤剂（以十二烷基苯磺酸钠计）", "mg/100cm²", 0m, "GB 14934-2016", Fails.Detected)], Catering: true),
    ];

    private static readonly string[] Brands = ["金龙鱼", "福临门", "鲁花", "海天", "伊利", "蒙牛", "康师傅", "娃哈哈", "稻香村", "双汇", "古船", "五得利", "燕山", "盘山", "蓟州", "津乐园", "桂顺斋", "山海关"];
    private static readonly string[] Producers = ["天津市蓟州区盘山食品有限公司", "天津市宝坻区鑫达食品有限公司", "河北燕山食品股份有限公司", "北京顺鑫农业股份有限公司",
        "山东鲁花集团有限公司", "益海嘉里（天津）粮油工业有限公司", "天津桂顺斋食品有限公司", "内蒙古伊利实业集团股份有限公司"];
    private static readonly string[] Samplers = ["张队员", "李队员", "王建国", "刘海燕", "陈晓峰", "赵立新", "孙丽", "周志强", "吴敏", "郑伟"];
    private static readonly string[] Analysts = ["检验检测中心 陈检验员", "检验检测中心 何工", "检验检测中心 马工"];

    public static async Task SeedAsync(ShianDb db, TimeProvider clock, CancellationToken ct = default)
    {
        var now = ShianTime.UtcNow(clock);
        var today = ShianTime.LocalDate(now);
        if (await db.Samples.AnyAsync(ct) || await db.SamplingPlans.AnyAsync(p => p.Year == today.Year, ct))
        {
            return;
        }
        var population = await db.JurisdictionPopulations.AsNoTracking().Where(p => p.Year <= today.Year).OrderByDescending(p => p.Year)
            .Select(p => (int?)p.Population).FirstOrDefaultAsync(ct);
        var lab = await db.Units.AsNoTracking().Where(u => u.Kind == Organization.UnitKind.Laboratory && u.Active).OrderBy(u => u.Name).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(ct);
        var sampler = await db.Units.AsNoTracking().Where(u => u.Kind == Organization.UnitKind.Department && u.Active).OrderBy(u => u.Name.Contains("市场监管") ? 0 : 1)
            .Select(u => (Guid?)u.Id).FirstOrDefaultAsync(ct);
        var businesses = await db.Businesses.AsNoTracking().Where(b => b.Status == BusinessStatus.Active).OrderBy(b => b.CreditCode)
            .Select(b => new Sampled(b.Id, b.Name, b.Address, b.CreditCode, b.TownshipId, b.Category, b.Subtype, b.ContactName, b.ContactPhone, b.LegalRepresentative))
            .ToListAsync(ct);
        if (population is not > 0 || lab is null || sampler is null || businesses.Count == 0)
        {
            return;
        }
        var categories = await db.FoodCategories.AsNoTracking().Select(c => new { c.Id, c.Code, c.Name, c.ParentId }).ToListAsync(ct);
        (Guid Id, string Code)? CategoryOf(string top, string? sub)
        {
            var parent = categories.FirstOrDefault(c => c.Name == top && c.ParentId == null);
            var child = sub is null || parent is null ? null : categories.FirstOrDefault(c => c.ParentId == parent.Id && c.Name == sub);
            return (child ?? parent) is { } found ? (found.Id, found.Code) : null;
        }
        var calendar = await db.LoadCalendarAsync(ct);
        var random = new Random(2026);

        // Businesses by environment: producers and workshops produce, shops sell, kitchens and canteens cook, online sellers sell online.
        var byEnvironment = new Dictionary<SamplingEnvironment, IReadOnlyList<int>>
        {
            [SamplingEnvironment.Production] = Indexes(b => b.Category is BusinessCategory.Producer or BusinessCategory.Workshop or BusinessCategory.AgriculturalProducer),
            [SamplingEnvironment.Distribution] = Indexes(b => b.Category is BusinessCategory.Seller or BusinessCategory.HealthFoodSeller && b.Subtype != "online"),
            [SamplingEnvironment.Catering] = Indexes(b => b.Category is BusinessCategory.Caterer or BusinessCategory.Canteen),
            [SamplingEnvironment.Online] = Indexes(b => b.Subtype == "online"),
        };
        IReadOnlyList<int> Indexes(Func<Sampled, bool> match) => businesses.Select((b, i) => (b, i)).Where(x => match(x.b)).Select(x => x.i).ToList();

        // The plans: quota from the population; shares by category (the catalogue's weights), township (registered businesses) and environment.
        var start = new DateOnly(today.Year, 1, 1);
        var elapsed = (today.DayNumber - start.DayNumber + 1m) / (new DateOnly(today.Year, 12, 31).DayNumber - start.DayNumber + 1m);
        var plans = new List<SamplingPlan>();
        var townships = businesses.GroupBy(b => b.TownshipId).Select(g => (Id: g.Key, Count: g.Count())).OrderBy(t => t.Id).ToList();
        var categoryWeights = Catalogue.GroupBy(p => p.Category).Select(g => (Category: CategoryOf(g.Key, null), Weight: (decimal)g.Sum(p => p.Weight)))
            .Where(x => x.Category is not null).ToList();
        (SamplingEnvironment Environment, decimal Share)[] environmentShares =
            [(SamplingEnvironment.Production, 15), (SamplingEnvironment.Distribution, 55), (SamplingEnvironment.Catering, 25), (SamplingEnvironment.Online, 5)];
        foreach (var (kind, perThousand, name) in Plans)
        {
            var plan = new SamplingPlan
            {
                Id = Guid.CreateVersion7(), Year = today.Year, Kind = kind, Name = $"{today.Year}年{name}", Population = population.Value, PerThousand = perThousand,
                CreatedAt = now, CreatedBy = "demo",
            };
            var quota = plan.Quota;
            foreach (var (share, (category, _)) in SamplingQuota.Weighted(quota, categoryWeights.Select(c => c.Weight).ToList()).Zip(categoryWeights))
            {
                plan.Allocations.Add(SamplingAllocation.For(plan.Id, AllocationDimension.Category, category!.Value.Id.ToString(), share));
            }
            foreach (var (share, township) in SamplingQuota.Weighted(quota, townships.Select(t => (decimal)t.Count).ToList()).Zip(townships))
            {
                plan.Allocations.Add(SamplingAllocation.For(plan.Id, AllocationDimension.Township, township.Id.ToString(), share));
            }
            foreach (var (share, environment) in SamplingQuota.Weighted(quota, environmentShares.Select(e => e.Share).ToList()).Zip(environmentShares))
            {
                plan.Allocations.Add(SamplingAllocation.For(plan.Id, AllocationDimension.Environment, environment.Environment.ToString(), share));
            }
            plans.Add(plan);
        }

        var workingDays = Enumerable.Range(0, today.DayNumber - start.DayNumber + 1).Select(start.AddDays).Where(calendar.IsWorkingDay).ToList();
        if (workingDays.Count == 0)
        {
            workingDays = [today];
        }
        var totalWeight = Catalogue.Sum(p => p.Weight);
        Product PickProduct()
        {
            var r = random.Next(totalWeight);
            foreach (var p in Catalogue)
            {
                if ((r -= p.Weight) < 0)
                {
                    return p;
                }
            }
            return Catalogue[^1];
        }

        var samples = new List<History>();
        var items = new List<SampleTestItem>();
        var factors = new List<RiskFactor>();
        foreach (var plan in plans)
        {
            var count = (int)Math.Ceiling(plan.Quota * elapsed * Pace);
            for (var i = 0; i < count; i++)
            {
                var product = PickProduct();
                var environment = product.Environments[random.Next(product.Environments.Length)];
                var pool = byEnvironment[environment].Count > 0 ? byEnvironment[environment] : byEnvironment[SamplingEnvironment.Distribution];
                if (pool.Count == 0)
                {
                    pool = Enumerable.Range(0, businesses.Count).ToList();
                }
                var business = businesses[pool[random.Next(pool.Count)]];
                var sampledOn = workingDays[random.Next(workingDays.Count)];
                var category = CategoryOf(product.Category, product.Sub);
                var agricultural = product.Category == FoodCategories.AgriculturalName;
                var productName = product.Names[random.Next(product.Names.Length)];
                var sampler1 = random.Next(Samplers.Length);
                var sample = new Sample
                {
                    Id = Guid.CreateVersion7(), TaskSource = plan.Name, Kind = plan.Kind, Environment = environment,
                    BusinessId = business.Id, TownshipId = business.TownshipId, BusinessName = business.Name, BusinessAddress = business.Address,
                    CreditCode = business.CreditCode, ContactName = business.ContactName, ContactPhone = business.ContactPhone,
                    FoodCategoryCode = category?.Code ?? product.Category, SampleName = productName,
                    Brand = product.Prepackaged ? Brands[random.Next(Brands.Length)] : "/", Specification = product.Spec,
                    BatchNumber = product.Prepackaged ? sampledOn.AddDays(-random.Next(5, 90)).ToString("yyyyMMdd", CultureInfo.InvariantCulture) + (char)('A' + random.Next(4)) : "",
                    ProductionDate = sampledOn.AddDays(product.Prepackaged ? -random.Next(5, 90) : -random.Next(0, 2)),
                    ShelfLife = product.ShelfLife, Standard = product.Standard,
                    ScNumber = product.Prepackaged ? "SC" + random.NextInt64(10_000_000_000_000, 99_999_999_999_999).ToString(CultureInfo.InvariantCulture) : "",
                    Price = Math.Round((decimal)(random.NextDouble() * 40 + 3), 2),
                    Packaging = product.Prepackaged ? "预包装" : "散装", StorageCondition = agricultural || product.Catering ? "冷藏" : "常温",
                    BatchSize = random.Next(20, 300), QuantityTaken = product.Prepackaged ? random.Next(4, 10) : 2, QuantityUnit = product.QuantityUnit,
                    ProducerName = product.Prepackaged ? Producers[random.Next(Producers.Length)] : business.Name,
                    ProducerAddress = product.Prepackaged ? "" : business.Address,
                    SampledOn = sampledOn, SamplingUnitId = sampler.Value, LaboratoryId = lab.Value,
                    Sampler1 = Samplers[sampler1], Sampler2 = Samplers[(sampler1 + 1 + random.Next(Samplers.Length - 1)) % Samplers.Length],
                    OperatorConfirmed = true, SignerName = business.ContactName.Length > 0 ? business.ContactName : business.LegalRepresentative,
                    CreatedAt = DemoTime.At(sampledOn, 10), CreatedBy = "demo",
                };
                sample.BackupQuantity = Math.Max(1, sample.QuantityTaken / 2);
                if (sample.SignerName.Length == 0)
                {
                    sample.SignerName = "负责人";
                }

                // By age: received in 1–3 working days (a few late), tested within 5–12, reported within 10–19 (a few late).
                // Drawn here in the same order as ever; the sample goes through its transitions once numbered, below.
                var history = new History(sample);
                var receivedOn = calendar.AddWorkingDays(sampledOn, random.Next(100) < 2 ? random.Next(6, 9) : random.Next(1, 4));
                if (receivedOn <= today)
                {
                    history.ReceivedOn = receivedOn;
                    var testedOn = calendar.AddWorkingDays(receivedOn, random.Next(5, 13));
                    if (testedOn <= today)
                    {
                        var failRate = agricultural ? 35 : product.Catering ? 30 : 20; // per thousand
                        var tested = Items(product, random.Next(1000) < failRate, random);
                        foreach (var item in tested)
                        {
                            item.SampleId = sample.Id;
                        }
                        items.AddRange(tested);
                        history.Tested = tested;
                        history.TestedOn = testedOn;
                        history.TestedBy = Analysts[random.Next(Analysts.Length)];
                        var reportedOn = calendar.AddWorkingDays(receivedOn, random.Next(100) < 3 ? random.Next(21, 26) : random.Next(13, 20));
                        if (reportedOn < testedOn)
                        {
                            reportedOn = testedOn;
                        }
                        if (reportedOn <= today)
                        {
                            history.ReportedOn = reportedOn;
                        }
                    }
                }
                samples.Add(history);
            }
        }
        // Numbered in the order taken, as the forms would have been, and walked through the transitions a user's sample takes.
        var n = 0;
        var reports = new List<StoredFile>();
        foreach (var history in samples.OrderBy(h => h.Sample.SampledOn).ThenBy(h => h.Sample.Id))
        {
            var sample = history.Sample;
            var number = $"{Sample.NumberPrefix}-{today.Year:D4}-{++n:D6}";
            Check(sample.Submit(number, calendar, DemoTime.At(sample.SampledOn, 11)), sample); // gives the public token too
            if (history.ReceivedOn is { } receivedOn)
            {
                Check(sample.Receive(receivedOn, calendar, DemoTime.At(receivedOn, 9), Analysts[0]), sample);
            }
            if (history.Tested is { } tested && history.TestedOn is { } testedOn)
            {
                if (sample.RecordResults(tested, DemoTime.At(testedOn, 15), history.TestedBy).FirstOrDefault() is { Value: var refused })
                {
                    Check(refused, sample);
                }
            }
            if (history.ReportedOn is { } reportedOn)
            {
                var report = DemoSampleFailures.Pdf($"检验报告 {number}.pdf", FileOwners.SampleReport, sample.Id, history.TestedBy, DemoTime.At(reportedOn, 16));
                Check(sample.AttachReport(report, DemoTime.At(reportedOn, 16), history.TestedBy), sample);
                reports.Add(report);
            }
            if (sample.Conclusion == SampleConclusion.Failed)
            {
                factors.Add(SampleResults.FactorFor(sample, ShianTime.LocalDate(sample.TestedAt!.Value), now, "demo"));
            }
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.SamplingPlans.AddRange(plans);
        await db.SaveChangesAsync(ct);
        await BulkInsert.RunAsync(db, reports, ct);
        await BulkInsert.RunAsync(db, samples.Select(h => h.Sample).ToList(), ct);
        await BulkInsert.RunAsync(db, items, ct);
        await BulkInsert.RunAsync(db, factors, ct);
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
        if (factors.Count > 0)
        {
            await RiskRegrade.RunAsync(db, "demo", now, ct: ct);
        }
    }

    /// <summary>
    /// 3–6 of the product's items with values a lab would write: most well under the limit or 未检出; when the sample
    /// fails, one item (a residue for agricultural products, a micro-organism for catering food where there is one) is over.
    /// </summary>
    /// <summary>What befell one demo sample: drawn first, then played through its transitions once it has its number.</summary>
    private sealed class History(Sample sample)
    {
        public Sample Sample { get; } = sample;
        public DateOnly? ReceivedOn { get; set; }
        public List<SampleTestItem>? Tested { get; set; }
        public DateOnly? TestedOn { get; set; }
        public string TestedBy { get; set; } = "";
        public DateOnly? ReportedOn { get; set; }
    }

    /// <summary>The demo's history must pass the rules a user's sample does: a refusal is a bug in the demo.</summary>
    private static void Check(object? refused, Sample sample)
    {
        if (refused is not null)
        {
            throw new InvalidOperationException($"The demo sample {sample.Number ?? sample.Id.ToString()} was refused: {refused}");
        }
    }

    private static List<SampleTestItem> Items(Product product, bool fails, Random random)
    {
        var count = Math.Min(product.Items.Length, random.Next(3, 7));
        var chosen = product.Items.OrderBy(_ => random.Next()).Take(Math.Max(Math.Min(3, product.Items.Length), count)).ToList();
        var failing = -1;
        if (fails)
        {
            var preferred = chosen.FindIndex(t => product.Catering ? t.Micro : product.Category == FoodCategories.AgriculturalName ? t.Residue : true);
            failing = preferred >= 0 ? preferred : random.Next(chosen.Count);
        }
        return chosen.Select((t, i) =>
        {
            var fail = i == failing;
            string value = t.Direction switch
            {
                Fails.Detected => fail ? (t.Unit.Length > 0 ? Number(Math.Round((decimal)(random.NextDouble() * 5 + 0.5), 2)) : "检出") : "未检出",
                Fails.Below => Number(Math.Round(t.Limit * (fail ? (decimal)(0.5 + random.NextDouble() * 0.4) : (decimal)(1.05 + random.NextDouble() * 0.6)), 2)),
                _ when !fail && !t.Micro && random.Next(100) < 40 => "未检出",
                _ when t.Micro => fail
                    ? Number(Math.Round(t.Limit * (decimal)(1.5 + random.NextDouble() * 20)))
                    : Number(Math.Round(t.Limit * (decimal)(random.NextDouble() * 0.3) + 10)),
                _ => Number(Math.Round(t.Limit * (fail ? (decimal)(1.3 + random.NextDouble() * 3) : (decimal)(0.02 + random.NextDouble() * 0.6)), 4)),
            };
            return new SampleTestItem
            {
                Id = Guid.CreateVersion7(), Order = i, Name = t.Name, Value = value, Unit = t.Unit, Limit = t.LimitText, MethodStandard = t.Method,
                Judgement = fail ? ItemJudgement.Fail : ItemJudgement.Pass,
            };
        }).ToList();
    }

    private static string Number(decimal value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
