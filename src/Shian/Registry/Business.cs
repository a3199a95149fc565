namespace Shian.Registry;

/// <summary>The kinds of subject the plan supervises (监管对象类别).</summary>
public enum BusinessCategory
{
    Producer,             // 食品生产企业
    Workshop,             // 食品小作坊
    Seller,               // 食品销售者
    Caterer,              // 餐饮服务提供者
    Canteen,              // 单位食堂
    HealthFoodSeller,     // 保健食品经营者
    AgriculturalProducer, // 食用农产品生产者
    GrainEnterprise,      // 粮食收储企业
    ForestProducer,       // 食用林产品生产者
}

public enum BusinessScale
{
    Micro,
    Small,
    Medium,
    Large,
}

public enum BusinessStatus
{
    Active,
    Suspended,
    Closed,
}

/// <summary>A food business or other subject of supervision (市场主体), with where it is and what it does.</summary>
public class Business
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";

    /// <summary>统一社会信用代码, normalised (upper case, no spaces). Unique: it identifies the business.</summary>
    public string CreditCode { get; set; } = "";

    /// <summary>Why a code that fails its check was accepted anyway (registers contain typos); empty when it passes.</summary>
    public string CreditCodeOverride { get; set; } = "";

    public string LegalRepresentative { get; set; } = "";
    public string Address { get; set; } = "";
    public Guid TownshipId { get; set; }
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    public BusinessCategory Category { get; set; }

    /// <summary>The sub-type's code from <see cref="BusinessTypes"/> (restaurant, school-canteen …).</summary>
    public string Subtype { get; set; } = "";

    public BusinessScale Scale { get; set; }
    public string ContactName { get; set; } = "";
    public string ContactPhone { get; set; } = "";
    public BusinessStatus Status { get; set; }

    /// <summary>Tag codes from <see cref="BusinessTypes.Tags"/>, stored as |a|b| so that a tag is found with one LIKE.</summary>
    public string Tags { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    public IReadOnlyList<string> TagList => Tags.Split('|', StringSplitOptions.RemoveEmptyEntries);

    public static string JoinTags(IEnumerable<string> tags) =>
        tags.Distinct().Order(StringComparer.Ordinal).ToList() is { Count: > 0 } list ? "|" + string.Join('|', list) + "|" : "";

}
