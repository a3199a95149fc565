namespace Shian.Grain;

public enum ItemGroup
{
    Quality, // 质量指标
    Storage, // 储存品质判定指标
    Safety,  // 食品安全指标
}

public enum Judgement
{
    Pass,          // 合格 / 宜存
    Fail,          // 不合格
    NotApplicable, // 该品种无限量
}

public enum StorageConclusion
{
    Suitable,           // 宜存
    SlightlyUnsuitable, // 轻度不宜存
    SeverelyUnsuitable, // 重度不宜存
}

/// <summary>
/// The items a reserve-grain test reports and their limits by grain kind. Quality limits are the third grade (三等) of the
/// grain standards (GB 1351 wheat, GB 1350 paddy, GB 1353 maize, GB 1352 soybean); the storage judgement is the fatty
/// acid value (GB/T 20569 paddy, GB/T 20570 maize, GB/T 20571 wheat); food-safety limits are GB 2761 (mycotoxins) and
/// GB 2762 (contaminants). A null limit means the standard sets none for that kind: the item is not judged.
/// </summary>
public static class GrainStandards
{
    public static readonly IReadOnlyList<string> Kinds = ["小麦", "稻谷", "玉米", "大豆"];

    public sealed record Item(string Code, string Name, string NameEn, ItemGroup Group, string Unit);

    public static readonly IReadOnlyList<Item> Items =
    [
        new("moisture", "水分", "moisture", ItemGroup.Quality, "%"),
        new("impurity", "杂质", "impurity", ItemGroup.Quality, "%"),
        new("unsound", "不完善粒", "unsound kernels", ItemGroup.Quality, "%"),
        new("fatty-acid", "脂肪酸值", "fatty acid value", ItemGroup.Storage, "mg KOH/100g"),
        new("don", "脱氧雪腐镰刀菌烯醇（DON）", "deoxynivalenol", ItemGroup.Safety, "μg/kg"),
        new("afb1", "黄曲霉毒素B1（AFB1）", "aflatoxin B1", ItemGroup.Safety, "μg/kg"),
        new("zen", "玉米赤霉烯酮（ZEN）", "zearalenone", ItemGroup.Safety, "μg/kg"),
        new("cd", "镉（Cd）", "cadmium", ItemGroup.Safety, "mg/kg"),
        new("pb", "铅（Pb）", "lead", ItemGroup.Safety, "mg/kg"),
    ];

    public static Item? Find(string code) => Items.FirstOrDefault(i => i.Code == code);

    /// <summary>The upper limit of an item for a grain kind (the fatty acid value: the limit of 宜存), or null when none.</summary>
    public static decimal? Limit(string kind, string code) => (kind, code) switch
    {
        ("小麦", "moisture") => 12.5m,
        ("稻谷", "moisture") => 13.5m,
        ("玉米", "moisture") => 14.0m,
        ("大豆", "moisture") => 13.0m,
        (_, "impurity") => 1.0m,
        ("小麦", "unsound") => 10.0m,
        ("玉米", "unsound") => 8.0m,
        ("小麦" or "稻谷", "fatty-acid") => 25m,
        ("玉米", "fatty-acid") => 50m,
        ("小麦" or "玉米", "don") => 1000m,
        ("小麦", "afb1") => 5m,
        ("稻谷", "afb1") => 10m,
        ("玉米", "afb1") => 20m,
        ("大豆", "afb1") => 5m,
        ("小麦" or "玉米", "zen") => 60m,
        ("稻谷" or "大豆", "cd") => 0.2m,
        ("小麦" or "玉米", "cd") => 0.1m,
        (_, "pb") => 0.2m,
        _ => null,
    };

    /// <summary>The fatty acid value above which the grain is severely unsuitable for storage (重度不宜存).</summary>
    public static decimal? SevereFattyAcid(string kind) => kind switch
    {
        "小麦" or "稻谷" => 35m,
        "玉米" => 78m,
        _ => null,
    };

    public static Judgement Judge(string kind, string code, decimal value) =>
        Limit(kind, code) is { } limit ? (value <= limit ? Judgement.Pass : Judgement.Fail) : Judgement.NotApplicable;

    /// <summary>宜存 at or under the limit, 轻度不宜存 up to the severe limit, 重度不宜存 above it; no value or no limit: 宜存.</summary>
    public static StorageConclusion Storage(string kind, decimal? fattyAcid)
    {
        if (fattyAcid is not { } v || Limit(kind, "fatty-acid") is not { } limit || v <= limit) return StorageConclusion.Suitable;
        return SevereFattyAcid(kind) is { } severe && v > severe ? StorageConclusion.SeverelyUnsuitable : StorageConclusion.SlightlyUnsuitable;
    }

    public static string StorageName(StorageConclusion s) => s switch
    {
        StorageConclusion.Suitable => "宜存",
        StorageConclusion.SlightlyUnsuitable => "轻度不宜存",
        _ => "重度不宜存",
    };
}
