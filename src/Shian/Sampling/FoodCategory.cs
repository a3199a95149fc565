using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Shian.Common;
using Shian.Data;

namespace Shian.Sampling;

/// <summary>
/// One node of the food-category tree (食品分类) that sampling plans and samples are sorted by: 大类 (level 1), 亚类 (2),
/// 品种 (3), 细类 (4). The tree is data: the 33 top-level categories ship with the platform, the office maintains the rest.
/// </summary>
public class FoodCategory
{
    public const int NameMax = 60;
    public const int CodeMax = 20;
    public const int Levels = 4;

    public Guid Id { get; set; }

    /// <summary>Two digits per level: 32 食用农产品, 3202 蔬菜, 320201 …</summary>
    public string Code { get; set; } = "";

    public string Name { get; set; } = "";

    /// <summary>1 大类, 2 亚类, 3 品种, 4 细类.</summary>
    public int Level { get; set; } = 1;

    public Guid? ParentId { get; set; }

    /// <summary>The order the sampling rules list the category in; children are listed by code.</summary>
    public int SamplingOrder { get; set; }

    /// <summary>The SC production-licence category code (e.g. 101 粮食加工品); empty where none applies (餐饮食品, 食用农产品).</summary>
    public string ScProductionCode { get; set; } = "";

    /// <summary>食用农产品 rather than 食品: the plan's pass-rate targets differ (97% against 98%).</summary>
    public bool IsAgricultural { get; set; }

    public bool Active { get; set; } = true;

    public static string LevelName(int level) => level switch { 1 => "大类", 2 => "亚类", 3 => "品种", 4 => "细类", _ => "" };

    /// <summary>
    /// Checks a new sub-category under the parent: name and code present, code extending the parent's by two digits,
    /// not deeper than 细类, code unused. Returns (field, problem) pairs; empty when it may be stored.
    /// </summary>
    public static IReadOnlyList<(string Field, Problem Problem)> ValidateChild(FoodCategory? parent, string code, string name, IEnumerable<string> usedCodes)
    {
        var errors = new List<(string, Problem)>();
        if (parent is null)
        {
            errors.Add(("ParentId", new Problem("FoodCategory.ParentRequired")));
            return errors;
        }
        if (parent.Level >= Levels)
        {
            errors.Add(("ParentId", new Problem("FoodCategory.ParentTooDeep", parent.Name, Levels)));
        }
        if (ValidateName(name) is { } bad)
        {
            errors.Add(("Name", bad));
        }
        if (code.Length != parent.Code.Length + 2 || !code.StartsWith(parent.Code, StringComparison.Ordinal) || !code.All(char.IsAsciiDigit))
        {
            errors.Add(("Code", new Problem("FoodCategory.CodeShape", parent.Code)));
        }
        else if (usedCodes.Contains(code))
        {
            errors.Add(("Code", new Problem("FoodCategory.CodeTaken", code)));
        }
        return errors;
    }

    public static Problem? ValidateName(string name) =>
        name.Length == 0 ? new Problem("FoodCategory.NameRequired") : name.Length > NameMax ? new Problem("FoodCategory.NameTooLong", NameMax) : null;

    /// <summary>A new child of this category; its agricultural flag follows the parent's.</summary>
    public FoodCategory Child(string code, string name) => new()
    {
        Id = Guid.CreateVersion7(), Code = code, Name = name, Level = Level + 1, ParentId = Id, SamplingOrder = SamplingOrder,
        IsAgricultural = IsAgricultural, Active = true,
    };
}

/// <summary>Loading the shipped top-level categories and the sub-categories the platform starts with.</summary>
public static class FoodCategories
{
    /// <summary>The name of the 食用农产品 top-level category: it and everything under it are agricultural products.</summary>
    public const string AgriculturalName = "食用农产品";

    public sealed record Result(IReadOnlyList<FoodCategory> Categories, IReadOnlyList<string> Errors);

    /// <summary>
    /// Reads the top-level categories from <c>sampling_order,name,sc_production_code</c> rows. The code of a top-level
    /// category is its sampling order in two digits. Errors name the line; nothing is returned when there is any.
    /// </summary>
    public static Result ReadTopLevel(string csv)
    {
        var errors = new List<string>();
        var categories = new List<FoodCategory>();
        var lines = csv.Replace("\r", "", StringComparison.Ordinal).Split('\n');
        var header = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var text = lines[i].Trim().TrimStart('\uFEFF');
            if (text.Length == 0 || text.StartsWith('#'))
            {
                continue;
            }
            if (!header)
            {
                header = true;
                if (!text.StartsWith("sampling_order,", StringComparison.OrdinalIgnoreCase))
                {
                    errors.Add($"food-categories.csv 第{i + 1}行：缺少表头 sampling_order,name,sc_production_code");
                    break;
                }
                continue;
            }
            var cells = text.Split(',').Select(c => c.Trim()).ToArray();
            if (cells.Length is < 2 or > 3 || cells[1].Length == 0)
            {
                errors.Add($"food-categories.csv 第{i + 1}行：应为 序号,名称,SC类别代码");
                continue;
            }
            if (!int.TryParse(cells[0], NumberStyles.None, CultureInfo.InvariantCulture, out var order) || order is < 1 or > 99)
            {
                errors.Add($"food-categories.csv 第{i + 1}行：序号“{cells[0]}”应为1到99的整数");
                continue;
            }
            var code = order.ToString("00", CultureInfo.InvariantCulture);
            if (categories.Any(c => c.Code == code || c.Name == cells[1]))
            {
                errors.Add($"food-categories.csv 第{i + 1}行：序号或名称重复（{text}）");
                continue;
            }
            categories.Add(new FoodCategory
            {
                Id = Guid.CreateVersion7(), Code = code, Name = cells[1], Level = 1, SamplingOrder = order,
                ScProductionCode = cells.Length > 2 ? cells[2] : "", IsAgricultural = cells[1] == AgriculturalName, Active = true,
            });
        }
        return errors.Count == 0 ? new Result(categories, errors) : new Result([], errors);
    }

    /// <summary>The 33 top-level categories shipped in the assembly (from samples/demo/food-categories.csv).</summary>
    public static Result ReadShipped()
    {
        using var stream = typeof(FoodCategories).Assembly.GetManifestResourceStream("demo/food-categories.csv")
            ?? throw new InvalidOperationException("food-categories.csv is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return ReadTopLevel(reader.ReadToEnd());
    }

    /// <summary>
    /// Second-level entries the platform starts with, under the top-level category of the given name: the groups the
    /// sampling work plans commonly split a category into. The office adds the rest.
    /// </summary>
    public static readonly IReadOnlyList<(string Parent, string Name)> StarterSubcategories =
    [
        (AgriculturalName, "畜禽肉及副产品"),
        (AgriculturalName, "蔬菜"),
        (AgriculturalName, "水产品"),
        (AgriculturalName, "水果类"),
        (AgriculturalName, "鲜蛋"),
        (AgriculturalName, "豆类"),
        (AgriculturalName, "生干坚果与籽类"),
        ("粮食加工品", "小麦粉"),
        ("粮食加工品", "大米"),
        ("粮食加工品", "挂面"),
        ("食用油、油脂及其制品", "食用植物油"),
        ("食用油、油脂及其制品", "食用动物油脂"),
        ("乳制品", "液体乳"),
        ("乳制品", "乳粉"),
        ("餐饮食品", "米面及其制品（自制）"),
        ("餐饮食品", "熟肉制品（自制）"),
        ("餐饮食品", "餐饮具（复用）"),
    ];

    /// <summary>
    /// Stores the shipped categories when the tree is empty (a new database); a tree already there, changed by the office
    /// or not, is left as it is. Running it again changes nothing.
    /// </summary>
    public static async Task EnsureSeededAsync(ShianDb db, CancellationToken ct = default)
    {
        if (await db.FoodCategories.AnyAsync(ct))
        {
            return;
        }
        var read = ReadShipped();
        if (read.Errors.Count > 0)
        {
            throw new InvalidOperationException("The shipped food-categories.csv is invalid: " + string.Join("; ", read.Errors));
        }
        db.FoodCategories.AddRange(read.Categories);
        foreach (var group in StarterSubcategories.GroupBy(s => s.Parent))
        {
            var parent = read.Categories.Single(c => c.Name == group.Key);
            var n = 0;
            foreach (var (_, name) in group)
            {
                db.FoodCategories.Add(parent.Child(parent.Code + (++n).ToString("00", CultureInfo.InvariantCulture), name));
            }
        }
        await db.SaveChangesAsync(ct);
    }
}
