using Shian.Organization;
using Shian.Registry;

namespace Shian.Demo;

/// <summary>
/// About 3,000 synthetic businesses for the demo district: plausible names, valid credit codes, licences and locations
/// spread over the townships, in the proportions of a rural district (many small caterers and shops, a few plants).
/// Deterministic for a seed, so that demos and screenshots are repeatable. Every name is made up.
/// </summary>
public static class DemoBusinesses
{
    private static readonly string[] Words = ["兴旺", "福源", "鑫隆", "家和", "顺发", "盘山", "渔阳", "绿野", "丰收", "乐家", "同心", "宏达", "鸿运", "山里", "老街", "金鼎", "永盛", "康泰", "聚福", "长城"];
    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗"];
    private static readonly string[] Given = ["建国", "秀英", "志强", "桂兰", "海涛", "丽娟", "春生", "玉梅", "国庆", "淑珍", "明", "静", "伟", "芳", "军", "霞"];

    // (sub-type, share of the register in per-mille, name suffix, licence kind)
    private static readonly (string Subtype, int PerMille, string Suffix, AuthorisationKind? Licence)[] Mix =
    [
        ("restaurant", 300, "饭店", AuthorisationKind.BusinessLicence),
        ("farm-stay", 90, "农家院", AuthorisationKind.BusinessLicence),
        ("delivery-only", 20, "外卖厨房", AuthorisationKind.BusinessLicence),
        ("group-meals", 5, "配餐中心", AuthorisationKind.BusinessLicence),
        ("central-kitchen", 3, "中央厨房", AuthorisationKind.BusinessLicence),
        ("shop", 200, "食杂店", AuthorisationKind.SalesFiling),
        ("supermarket", 80, "超市", AuthorisationKind.BusinessLicence),
        ("market", 10, "农贸市场", AuthorisationKind.BusinessLicence),
        ("vendor", 40, "小吃摊", null),
        ("online", 15, "网店", AuthorisationKind.BusinessLicence),
        ("school", 35, "学校食堂", AuthorisationKind.BusinessLicence),
        ("kindergarten", 20, "幼儿园食堂", AuthorisationKind.BusinessLicence),
        ("elderly-care", 10, "敬老院食堂", AuthorisationKind.BusinessLicence),
        ("hospital", 5, "医院食堂", AuthorisationKind.BusinessLicence),
        ("construction-site", 10, "工地食堂", AuthorisationKind.BusinessLicence),
        ("enterprise", 15, "职工食堂", AuthorisationKind.BusinessLicence),
        ("food-plant", 25, "食品有限公司", AuthorisationKind.ProductionLicence),
        ("workshop", 15, "食品作坊", null),
        ("health-food", 12, "保健品店", AuthorisationKind.BusinessLicence),
        ("farm", 30, "种植基地", null),
        ("cooperative", 25, "专业合作社", null),
        ("family-farm", 15, "家庭农场", null),
        ("slaughterhouse", 2, "屠宰场", null),
        ("grain-purchase", 8, "粮食收购站", null),
        ("grain-storage", 1, "粮食储备库", null),
        ("forest-product", 9, "果品专业户", null),
    ];

    public static (List<Business> Businesses, List<Licence> Licences) Generate(IReadOnlyList<Township> townships, int count, DateTime now, int seed = 2020)
    {
        var random = new Random(seed);
        var businesses = new List<Business>(count);
        var licences = new List<Licence>();
        var codes = new HashSet<string>();
        var places = townships.Where(t => t.IsTownship).ToList();
        var total = Mix.Sum(m => m.PerMille);
        for (var i = 0; i < count; i++)
        {
            var pick = random.Next(total);
            var (subtype, _, suffix, licenceKind) = Mix.First(m => (pick -= m.PerMille) < 0);
            var type = BusinessTypes.FindSubtype(subtype)!;
            var township = places[random.Next(places.Count)];
            var person = Surnames[random.Next(Surnames.Length)] + Given[random.Next(Given.Length)];
            var company = type.Category is BusinessCategory.Producer or BusinessCategory.GrainEnterprise || subtype is "supermarket" or "market";
            string code;
            do
            {
                // 92 个体工商户 for small traders, 91 企业, 93 农民专业合作社; region 120119 (蓟州区).
                var prefix = subtype == "cooperative" ? "93" : company || type.Category == BusinessCategory.Canteen ? "91" : "92";
                var body = prefix + "120119" + new string(Enumerable.Range(0, 9).Select(_ => CreditCode.Alphabet[random.Next(CreditCode.Alphabet.Length)]).ToArray());
                code = body + CreditCode.CheckCharacter(body);
            }
            while (!codes.Add(code));
            var name = type.Category == BusinessCategory.Canteen
                ? $"蓟州区{township.Name}{Words[random.Next(Words.Length)]}{suffix}"
                : company ? $"天津市蓟州区{Words[random.Next(Words.Length)]}{Words[random.Next(Words.Length)]}{suffix}"
                : $"蓟州区{township.Name}{person[..1]}记{Words[random.Next(Words.Length)]}{suffix}";
            var tags = new List<string>();
            if (type.Category == BusinessCategory.Caterer && random.Next(100) < 35) tags.Add("kitchen-video");
            if (type.Category == BusinessCategory.Caterer && random.Next(100) < 25) tags.Add("online-ordering");
            if (subtype == "farm-stay" || random.Next(100) < 4) tags.Add("scenic-area");
            if (subtype is "school" or "kindergarten") tags.AddRange(["school-related", "kitchen-video"]);
            if (subtype == "elderly-care") tags.Add("elderly-care");
            if (subtype == "hospital") tags.Add("hospital");
            if (subtype == "construction-site") tags.Add("construction-site");
            if (subtype is "supermarket" or "slaughterhouse" && random.Next(100) < 60) tags.Add("cold-chain");
            var business = Business.Register(new BusinessDetails(name, code, "", person,
                    $"{township.Name}{Words[random.Next(Words.Length)]}路{random.Next(1, 300)}号", township.Id,
                    Math.Round(39.92 + random.NextDouble() * 0.3, 5), Math.Round(117.22 + random.NextDouble() * 0.45, 5), type.Category, subtype,
                    company ? (BusinessScale)random.Next(1, 4) : random.Next(100) < 70 ? BusinessScale.Micro : BusinessScale.Small,
                    person, $"13{random.Next(0, 10)}{random.Next(10000000, 99999999)}", Business.JoinTags(tags)),
                random.Next(100) < 94 ? BusinessStatus.Active : random.Next(2) == 0 ? BusinessStatus.Suspended : BusinessStatus.Closed, now);
            business.Id = Guid.CreateVersion7();
            businesses.Add(business);
            if (licenceKind is { } kind)
            {
                var issued = new DateOnly(2016, 1, 1).AddDays(random.Next(0, 365 * 5));
                var typeDigit = type.Category switch { BusinessCategory.Caterer => "2", BusinessCategory.Canteen => "3", _ => "1" };
                var number = kind switch
                {
                    AuthorisationKind.ProductionLicence => $"SC1{random.Next(1, 31):00}120119{i % 10000:0000}{random.Next(10)}",
                    AuthorisationKind.BusinessLicence => $"JY{typeDigit}120119{i:000000}{random.Next(10)}",
                    _ => $"TJ-YB-{issued.Year}-{i:00000}",
                };
                licences.Add(new Licence
                {
                    BusinessId = business.Id, Kind = kind, Number = number, IssuedOn = issued,
                    ExpiresOn = kind == AuthorisationKind.SalesFiling ? null : issued.AddYears(5).AddDays(-1),
                    Scope = type.Category switch { BusinessCategory.Caterer or BusinessCategory.Canteen => "热食类食品制售", BusinessCategory.Producer => "糕点、饮料", _ => "预包装食品（含冷藏冷冻食品）销售" },
                    Authority = "天津市蓟州区市场监督管理局", PublicCode = Licence.NewPublicCode(), CreatedAt = now,
                });
            }
        }
        return (businesses, licences);
    }
}
