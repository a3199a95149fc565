using Microsoft.EntityFrameworkCore;
using Shian.Common;
using Shian.Data;
using Shian.Registry;

namespace Shian.Risk;

/// <summary>
/// The sheets every deployment starts with (docs/domain.md §3), and the set of sheets in force on a day.
/// The numbers below are the 2016 national rule as far as it could be confirmed: static 40 + dynamic 60, thresholds
/// A ≤ 30, B ≤ 45, C ≤ 60, D above [unconfirmed]. They are configuration, not law: the office changes them by adding a
/// new version of a sheet.
/// </summary>
public static class RiskSheets
{
    public const string SellersName = "食品销售风险分级评分表";
    public const string CateringName = "餐饮服务风险分级评分表";
    public const string ProducersName = "食品生产风险分级评分表";

    private static readonly DateOnly Seeded = new(2016, 1, 1);

    // [unconfirmed] 2016 rule: A ≤ 30, B 30–45, C 45–60, D > 60.
    private static readonly RiskThresholds NationalThresholds = new(30, 45, 60);

    // Minimum inspections per year. Catering follows Tianjin's 2017 rule (A 1, B 2, C 3, D 4) [one source]; the rest the
    // low end of the national ranges (A 1, B 1–2, C 2–3, D 3–4) [verified].
    private static readonly InspectionFrequency CateringInspections = new(1, 2, 3, 4);
    private static readonly InspectionFrequency DefaultInspections = new(1, 1, 2, 3);

    /// <summary>
    /// Dynamic items (60 points [unconfirmed]) fed by other modules' records as <see cref="RiskFactor"/>s, the same on
    /// every sheet so that a module need not know which sheet a business is graded on.
    /// </summary>
    public static readonly IReadOnlyList<RiskItem> DynamicItems =
    [
        new("inspection", "监督检查结果", "inspection results", 20),
        new("sampling", "抽检不合格", "sampling failures", 15),
        new("complaints", "投诉举报", "complaints", 10),
        new("cases", "立案查处", "cases", 15),
    ];

    private static RiskPoints ByScale(BusinessScale scale, decimal points) => new(points, Scale: scale);

    private static RiskPoints BySubtype(string subtype, decimal points) => new(points, Subtype: subtype);

    private static RiskPoints ByTag(string tag, decimal points) => new(points, Tag: tag);

    private static RiskPoints[] Scale(decimal micro, decimal small, decimal medium, decimal large) =>
    [
        ByScale(BusinessScale.Micro, micro), ByScale(BusinessScale.Small, small), ByScale(BusinessScale.Medium, medium), ByScale(BusinessScale.Large, large),
    ];

    /// <summary>
    /// Food sellers: the sample sheet's nine items and points [one source]. The registry does not record floor area,
    /// item counts or suppliers, so each item reads the nearest thing it does record (scale, sub-type, category); when
    /// the registry learns more, a new version of the sheet can use it.
    /// </summary>
    public static readonly RiskSheet Sellers = new()
    {
        Name = SellersName,
        EffectiveFrom = Seeded,
        Categories = [BusinessCategory.Seller, BusinessCategory.HealthFoodSeller],
        Thresholds = NationalThresholds,
        InspectionsPerYear = DefaultInspections,
        StaticItems =
        [
            new("floor-area", "经营场所面积", "floor area", 3, Scale(0, 1, 2, 3)),
            new("prepackaged", "预包装食品品种数", "pre-packaged item count", 3, [.. Scale(0, 1, 2, 3), BySubtype("supermarket", 3)]),
            new("bulk", "散装食品品种数", "bulk item count", 5,
                [BySubtype("market", 5), BySubtype("vendor", 4), BySubtype("supermarket", 3), BySubtype("shop", 2)]),
            new("agricultural", "食用农产品", "edible agricultural products", 6,
                [BySubtype("market", 6), BySubtype("supermarket", 4), BySubtype("vendor", 3), BySubtype("shop", 2), ByTag("cold-chain", 6)]),
            // 特殊食品: health foods, formula for special medical purposes, infant formula.
            new("special-foods", "特殊食品", "special foods", 5,
                [new(5, Category: BusinessCategory.HealthFoodSeller), BySubtype("supermarket", 3), BySubtype("online", 2)]),
            new("made-on-site", "现场制售", "food made on site", 9,
                [BySubtype("vendor", 9), BySubtype("market", 6), BySubtype("supermarket", 5), BySubtype("shop", 2)]),
            new("salt", "食盐经营", "salt", 1, [BySubtype("supermarket", 1), BySubtype("shop", 1), BySubtype("market", 1)]),
            new("suppliers", "供货者数量", "suppliers", 4, [.. Scale(1, 2, 3, 4), BySubtype("online", 4)]),
            new("rented-counters", "出租柜台", "rented counters", 4, [BySubtype("market", 4), BySubtype("supermarket", 2)]),
        ],
        DynamicItems = DynamicItems,
    };

    /// <summary>
    /// Caterers and canteens, in our own words: those who feed special groups (students, patients, the elderly) and
    /// central kitchens or group-meal suppliers are the highest static risk (band Ⅳ [one source]), then scale.
    /// </summary>
    public static readonly RiskSheet Catering = new()
    {
        Name = CateringName,
        EffectiveFrom = Seeded,
        Categories = [BusinessCategory.Caterer, BusinessCategory.Canteen],
        Thresholds = NationalThresholds,
        InspectionsPerYear = CateringInspections,
        StaticItems =
        [
            new("special-groups", "特殊消费群体（学生、病人、老人）", "special consumer groups (students, patients, elderly)", 15,
            [
                BySubtype("school", 15), BySubtype("kindergarten", 15), BySubtype("elderly-care", 15), BySubtype("hospital", 15),
                ByTag("school-related", 15), ByTag("elderly-care", 15), ByTag("hospital", 15),
            ]),
            new("operation", "经营类型", "kind of operation", 10,
            [
                BySubtype("central-kitchen", 10), BySubtype("group-meals", 10), BySubtype("construction-site", 6), BySubtype("delivery-only", 5),
                BySubtype("restaurant", 4), BySubtype("farm-stay", 4), BySubtype("enterprise", 4), BySubtype("school", 4),
                BySubtype("kindergarten", 4), BySubtype("elderly-care", 4), BySubtype("hospital", 4),
            ]),
            new("scale", "经营规模（就餐人数）", "scale (diners served)", 10, Scale(2, 4, 7, 10)),
            new("exposure", "其他风险情形", "other exposures", 5,
                [ByTag("construction-site", 4), ByTag("railway", 3), ByTag("scenic-area", 3), ByTag("online-ordering", 3), ByTag("cold-chain", 2)]),
        ],
        DynamicItems = DynamicItems,
    };

    /// <summary>
    /// Producers and small workshops, in our own words. The registry does not know the product (dairy, meat, infant
    /// food would be band Ⅳ), so the sheet reads the kind of plant, scale, cold chain and supply to special groups.
    /// </summary>
    public static readonly RiskSheet Producers = new()
    {
        Name = ProducersName,
        EffectiveFrom = Seeded,
        Categories = [BusinessCategory.Producer, BusinessCategory.Workshop],
        Thresholds = NationalThresholds,
        InspectionsPerYear = DefaultInspections,
        StaticItems =
        [
            new("plant", "生产类型", "kind of producer", 15, [BySubtype("additive-plant", 12), BySubtype("food-plant", 10), BySubtype("workshop", 9)]),
            new("scale", "生产规模", "scale", 10, Scale(2, 4, 7, 10)),
            new("cold-chain", "冷链产品", "cold-chain products", 8, [ByTag("cold-chain", 8)]),
            new("special-groups", "供应特殊群体", "supplies special groups", 7,
                [ByTag("school-related", 7), ByTag("elderly-care", 7), ByTag("hospital", 7)]),
        ],
        DynamicItems = DynamicItems,
    };

    public static readonly IReadOnlyList<RiskSheet> Defaults = [Sellers, Catering, Producers];

    /// <summary>Stores the default sheets whose name has no version yet; running it again changes nothing.</summary>
    public static async Task EnsureSeededAsync(ShianDb db, DateTime now, CancellationToken ct = default)
    {
        var present = await db.RiskSheets.Select(s => s.Name).Distinct().ToListAsync(ct);
        var missing = Defaults.Where(s => !present.Contains(s.Name)).ToList();
        if (missing.Count > 0)
        {
            db.RiskSheets.AddRange(missing.Select(s => RiskSheetRecord.From(s, now)));
            await db.SaveChangesAsync(ct);
        }
    }
}

/// <summary>The sheets in force on a day: for each name, the newest version already effective.</summary>
public sealed class RiskSheetSet
{
    private readonly Dictionary<BusinessCategory, RiskSheet> _byCategory = [];

    public RiskSheetSet(IEnumerable<RiskSheet> sheets, DateOnly day)
    {
        Sheets = sheets.Where(s => s.EffectiveFrom <= day && s.Problems().Count == 0)
            .GroupBy(s => s.Name)
            .Select(g => g.MaxBy(s => s.Version)!)
            .OrderBy(s => s.Name, StringComparer.Ordinal)
            .ToList();
        // Should two sheets claim a category, the one effective later wins: it is the office's newer decision.
        foreach (var sheet in Sheets.OrderBy(s => s.EffectiveFrom).ThenBy(s => s.Name, StringComparer.Ordinal))
        {
            foreach (var category in sheet.Categories)
            {
                _byCategory[category] = sheet;
            }
        }
    }

    public IReadOnlyList<RiskSheet> Sheets { get; }

    /// <summary>The sheet a business of the category is graded on, or null when none applies (such businesses stay ungraded).</summary>
    public RiskSheet? For(BusinessCategory category) => _byCategory.GetValueOrDefault(category);

    /// <summary>
    /// Minimum routine inspections a year for a business of the category at the grade: from its sheet, or the low end
    /// of the national ranges (A 1, B 1, C 2, D 3) where no sheet applies.
    /// </summary>
    public int RequiredInspections(RiskLevel grade, BusinessCategory category) =>
        (For(category)?.InspectionsPerYear ?? new InspectionFrequency(1, 1, 2, 3)).For(grade);

    public static async Task<RiskSheetSet> LoadAsync(ShianDb db, DateOnly day, CancellationToken ct = default)
    {
        var records = await db.RiskSheets.AsNoTracking().EffectiveBy(day).ToListAsync(ct);
        return new RiskSheetSet(records.Select(r => r.Read()), day);
    }
}
