namespace Shian.Registry;

/// <summary>
/// The sub-types of each category and the tags a business can carry, with their Chinese and English names. Codes are
/// what imports and the API use; names are what people read and may also type in a spreadsheet.
/// </summary>
public static class BusinessTypes
{
    public sealed record Subtype(BusinessCategory Category, string Code, string Name, string NameEn);

    public sealed record Tag(string Code, string Name, string NameEn);

    public static readonly IReadOnlyList<Subtype> Subtypes =
    [
        new(BusinessCategory.Producer, "food-plant", "食品生产企业", "food plant"),
        new(BusinessCategory.Producer, "additive-plant", "食品添加剂生产企业", "food additive plant"),
        new(BusinessCategory.Workshop, "workshop", "食品小作坊", "small food workshop"),
        new(BusinessCategory.Seller, "supermarket", "超市", "supermarket"),
        new(BusinessCategory.Seller, "market", "农贸市场", "farmers' market"),
        new(BusinessCategory.Seller, "shop", "食杂店", "grocery shop"),
        new(BusinessCategory.Seller, "vendor", "食品摊贩", "street vendor"),
        new(BusinessCategory.Seller, "online", "网络食品销售者", "online seller"),
        new(BusinessCategory.Caterer, "restaurant", "餐馆", "restaurant"),
        new(BusinessCategory.Caterer, "farm-stay", "农家院", "farm-stay restaurant"),
        new(BusinessCategory.Caterer, "central-kitchen", "中央厨房", "central kitchen"),
        new(BusinessCategory.Caterer, "group-meals", "集体用餐配送单位", "group meal supplier"),
        new(BusinessCategory.Caterer, "delivery-only", "外卖专营", "delivery-only kitchen"),
        new(BusinessCategory.Canteen, "school", "学校食堂", "school canteen"),
        new(BusinessCategory.Canteen, "kindergarten", "幼儿园食堂", "kindergarten canteen"),
        new(BusinessCategory.Canteen, "elderly-care", "养老机构食堂", "elderly-care canteen"),
        new(BusinessCategory.Canteen, "hospital", "医疗机构食堂", "hospital canteen"),
        new(BusinessCategory.Canteen, "construction-site", "建筑工地食堂", "construction-site canteen"),
        new(BusinessCategory.Canteen, "enterprise", "机关企事业单位食堂", "workplace canteen"),
        new(BusinessCategory.HealthFoodSeller, "health-food", "保健食品经营者", "health-food seller"),
        new(BusinessCategory.AgriculturalProducer, "farm", "种植养殖基地", "farm"),
        new(BusinessCategory.AgriculturalProducer, "cooperative", "农民专业合作社", "farmers' cooperative"),
        new(BusinessCategory.AgriculturalProducer, "family-farm", "家庭农场", "family farm"),
        new(BusinessCategory.AgriculturalProducer, "slaughterhouse", "屠宰场", "slaughterhouse"),
        new(BusinessCategory.GrainEnterprise, "grain-storage", "粮食储备库", "grain reserve depot"),
        new(BusinessCategory.GrainEnterprise, "grain-purchase", "粮食收购企业", "grain purchaser"),
        new(BusinessCategory.ForestProducer, "forest-product", "食用林产品生产者", "forest-product producer"),
    ];

    public static readonly IReadOnlyList<Tag> Tags =
    [
        new("school-related", "涉校", "school-related"),
        new("scenic-area", "景区", "scenic area"),
        new("online-ordering", "网络订餐", "online ordering"),
        new("kitchen-video", "明厨亮灶", "kitchen video"),
        new("cold-chain", "冷链", "cold chain"),
        new("elderly-care", "养老机构", "elderly care"),
        new("construction-site", "建筑工地", "construction site"),
        new("hospital", "医院", "hospital"),
        new("railway", "铁路站段", "railway"),
        new("imported-food", "进口食品", "imported food"),
    ];

    public static Subtype? FindSubtype(string codeOrName) =>
        Subtypes.FirstOrDefault(s => s.Code == codeOrName.Trim() || s.Name == codeOrName.Trim());

    public static Tag? FindTag(string codeOrName) => Tags.FirstOrDefault(t => t.Code == codeOrName.Trim() || t.Name == codeOrName.Trim());
}
