using Shian.Common;

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
    /// <summary>正常 (在营).</summary>
    Active,

    /// <summary>停业: trading has stopped for a time; the registration stands and may be reopened.</summary>
    Suspended,

    /// <summary>注销: the registration is cancelled. Final: a business that trades again is a new registration.</summary>
    Closed,
}

/// <summary>What the register records about a business, as checked by <see cref="BusinessInput.Build"/>: everything a user may correct.</summary>
public sealed record BusinessDetails(
    string Name, string CreditCode, string CreditCodeOverride, string LegalRepresentative, string Address, Guid TownshipId,
    double? Latitude, double? Longitude, BusinessCategory Category, string Subtype, BusinessScale Scale, string ContactName,
    string ContactPhone, string Tags);

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
    /// <summary>Changed only by <see cref="Suspend"/>, <see cref="Reopen"/> and <see cref="Close"/>.</summary>
    public BusinessStatus Status { get; private set; }

    /// <summary>Tag codes from <see cref="BusinessTypes.Tags"/>, stored as |a|b| so that a tag is found with one LIKE.</summary>
    public string Tags { get; set; } = "";

    /// <summary>When the business was registered here; set once, when it is created.</summary>
    public DateTime CreatedAt { get; init; }

    public IReadOnlyList<string> TagList => Tags.Split('|', StringSplitOptions.RemoveEmptyEntries);

    public static string JoinTags(IEnumerable<string> tags) =>
        tags.Distinct().Order(StringComparer.Ordinal).ToList() is { Count: > 0 } list ? "|" + string.Join('|', list) + "|" : "";

    /// <summary>
    /// A business entering the register (the form, an import, the demo) with its checked details. An import of an existing
    /// register may bring businesses already suspended or closed, so the status they have is taken as it is.
    /// </summary>
    public static Business Register(BusinessDetails details, BusinessStatus status, DateTime createdAt)
    {
        var business = new Business { CreatedAt = createdAt, Status = status };
        business.SetDetails(details);
        return business;
    }

    /// <summary>The registered details, as <see cref="UpdateDetails"/> takes them.</summary>
    public BusinessDetails Details => new(Name, CreditCode, CreditCodeOverride, LegalRepresentative, Address, TownshipId, Latitude, Longitude,
        Category, Subtype, Scale, ContactName, ContactPhone, Tags);

    /// <summary>
    /// Corrects the registered details with checked input. A closed (注销) registration is kept as it was closed: it is
    /// the record of a business that no longer exists. Returns why the correction is refused, or null.
    /// </summary>
    public Problem? UpdateDetails(BusinessDetails details)
    {
        if (Status == BusinessStatus.Closed)
        {
            return new Problem("Business.ClosedIsFinal");
        }
        SetDetails(details);
        return null;
    }

    /// <summary>Records that the business has stopped trading for a time (停业). Only an active business is suspended.</summary>
    public Problem? Suspend() => Status switch
    {
        BusinessStatus.Active => Become(BusinessStatus.Suspended),
        BusinessStatus.Suspended => new Problem("Business.AlreadySuspended"),
        _ => new Problem("Business.ClosedIsFinal"),
    };

    /// <summary>Records that a suspended business trades again. A closed one cannot reopen: it registers anew.</summary>
    public Problem? Reopen() => Status switch
    {
        BusinessStatus.Suspended => Become(BusinessStatus.Active),
        BusinessStatus.Active => new Problem("Business.AlreadyActive"),
        _ => new Problem("Business.ClosedIsFinal"),
    };

    /// <summary>Cancels the registration (注销), from active or suspended. Final.</summary>
    public Problem? Close() => Status == BusinessStatus.Closed ? new Problem("Business.AlreadyClosed") : Become(BusinessStatus.Closed);

    /// <summary>The transition that leads to <paramref name="to"/> (the edit form's status field): suspend, reopen or close.</summary>
    public Problem? ChangeStatus(BusinessStatus to) => to switch
    {
        BusinessStatus.Suspended => Suspend(),
        BusinessStatus.Active => Reopen(),
        BusinessStatus.Closed => Close(),
        _ => new Problem("Business.StatusUnknown"),
    };

    private Problem? Become(BusinessStatus status)
    {
        Status = status;
        return null;
    }

    private void SetDetails(BusinessDetails d)
    {
        (Name, CreditCode, CreditCodeOverride, LegalRepresentative, Address, TownshipId) = (d.Name, d.CreditCode, d.CreditCodeOverride, d.LegalRepresentative, d.Address, d.TownshipId);
        (Latitude, Longitude, Category, Subtype, Scale) = (d.Latitude, d.Longitude, d.Category, d.Subtype, d.Scale);
        (ContactName, ContactPhone, Tags) = (d.ContactName, d.ContactPhone, d.Tags);
    }
}
