using Microsoft.EntityFrameworkCore;
using Shian.Common;
using Shian.Data;
using Shian.Registry;

namespace Shian.Inspections;

/// <summary>
/// The checklists every deployment starts with, written for Shian (not copied from an official form), and the one in
/// force for a business. The office changes them by storing a new version.
/// </summary>
public static class Checklists
{
    public const string CateringName = "餐饮服务日常监督检查表";
    public const string SalesName = "食品销售日常监督检查表";

    private static readonly DateOnly Seeded = new(2020, 1, 1);

    private static ChecklistItem I(string code, string text) => new(code, text);

    private static ChecklistItem K(string code, string text) => new(code, text, Key: true);

    /// <summary>餐饮服务: 26 items, 7 key (0 ordinary failures → 符合, 1–4 → 基本符合, more → 不符合).</summary>
    public static readonly Checklist Catering = new()
    {
        Name = CateringName,
        EffectiveFrom = Seeded,
        Categories = [BusinessCategory.Caterer, BusinessCategory.Canteen],
        Rule = new ChecklistRule(0, 4),
        Sections =
        [
            new("许可与公示", [
                K("C01", "持有有效的食品经营许可证，经营场所、主体业态和经营项目与许可一致"),
                I("C02", "许可证正本悬挂或摆放在就餐者易见的位置"),
                I("C03", "公示最近一次监督检查结果记录表"),
            ]),
            new("人员管理与健康", [
                K("C04", "从事接触直接入口食品工作的人员持有有效健康证明"),
                I("C05", "建立并执行每日晨检制度，有记录可查"),
                I("C06", "配备食品安全管理人员，并按要求接受培训考核"),
                I("C07", "加工人员穿戴清洁的工作衣帽，不佩戴饰物，操作前洗手"),
            ]),
            new("原料采购与索证索票", [
                I("C08", "查验并留存供货者资质和产品合格证明"),
                I("C09", "如实记录进货查验情况，记录保存期限符合要求"),
                K("C10", "未采购、使用腐败变质、超过保质期或来源不明的食品原料"),
                I("C11", "肉类有检疫合格证明，冷链食品有相应追溯凭证"),
            ]),
            new("贮存", [
                I("C12", "原料分类分区存放，离地离墙，生熟分开"),
                I("C13", "冷藏、冷冻设施温度符合要求，有温度记录"),
                I("C14", "库房内未存放有毒有害物品及个人物品"),
            ]),
            new("加工制作", [
                K("C15", "未使用非食用物质加工制作食品"),
                I("C16", "生、熟食品的工用具和容器分开使用并有明显区分"),
                I("C17", "食品烧熟煮透，中心温度达到要求"),
                I("C18", "专间操作符合要求（专人、专用工具、空气消毒、温度控制）"),
                I("C19", "按规定对重点菜品留样，留样量和保存时间符合要求"),
            ]),
            new("清洗消毒", [
                K("C20", "餐用具清洗消毒后使用，消毒设施正常运转"),
                I("C21", "消毒后的餐用具存放在专用保洁设施内"),
                I("C22", "使用的洗涤剂、消毒剂符合要求"),
            ]),
            new("设施设备与环境", [
                I("C23", "加工经营场所内外环境整洁，无积水和垃圾堆放"),
                I("C24", "防鼠、防蝇、防虫设施完好有效"),
                I("C25", "废弃物及时清理，餐厨废弃物交有资质单位处置并有记录"),
            ]),
            new("食品添加剂", [
                K("C26", "未超范围、超限量使用食品添加剂，亚硝酸盐等按规定不得采购、贮存和使用"),
            ]),
        ],
    };

    /// <summary>食品销售: 24 items, 6 key (0 → 符合, 1–3 ordinary failures → 基本符合, more → 不符合).</summary>
    public static readonly Checklist Sales = new()
    {
        Name = SalesName,
        EffectiveFrom = Seeded,
        Categories = [BusinessCategory.Seller, BusinessCategory.HealthFoodSeller],
        Rule = new ChecklistRule(0, 3),
        Sections =
        [
            new("许可与公示", [
                K("S01", "持有有效的食品经营许可证或备案凭证，经营项目与许可一致"),
                I("S02", "许可证或备案凭证在经营场所醒目位置公示"),
                I("S03", "公示最近一次监督检查结果记录表"),
            ]),
            new("人员管理与健康", [
                I("S04", "从事接触直接入口食品工作的人员持有有效健康证明"),
                I("S05", "配备食品安全管理人员并接受培训"),
                I("S06", "建立从业人员健康管理制度并执行"),
            ]),
            new("进货查验与索证索票", [
                K("S07", "查验供货者许可证和食品出厂检验合格证或其他合格证明"),
                I("S08", "进货查验记录完整真实，保存期限符合要求"),
                I("S09", "批发企业建立并执行销售记录制度"),
                I("S10", "进口食品有入境货物检验检疫证明"),
            ]),
            new("经营过程控制", [
                K("S11", "未销售腐败变质、霉变生虫或超过保质期的食品"),
                K("S12", "未销售无标签或标签不符合规定的预包装食品"),
                I("S13", "定期检查库存食品，及时清理变质或临近保质期的食品"),
                I("S14", "散装食品容器、外包装标明名称、生产日期、保质期等内容"),
                I("S15", "食用农产品按要求查验并留存合格证明或产地证明"),
            ]),
            new("贮存与运输", [
                I("S16", "食品分区分架存放，离地离墙，与有毒有害物品分开"),
                K("S17", "需冷藏冷冻的食品在规定温度下贮存销售，有温度记录"),
                I("S18", "仓库环境整洁，有防鼠防虫设施"),
            ]),
            new("设施设备", [
                I("S19", "经营场所与销售规模相适应，保持清洁卫生"),
                I("S20", "陈列设施、冷藏冷冻设备运行正常，定期维护"),
                I("S21", "直接入口的散装食品有防尘防蝇设施和专用取用工具"),
            ]),
            new("特殊食品与添加剂", [
                K("S22", "保健食品、特殊医学用途配方食品、婴幼儿配方食品专区或专柜销售并有提示"),
                I("S23", "未对食品进行虚假宣传或宣称疾病预防、治疗功能"),
                I("S24", "销售的食品添加剂有明确标识，按规定查验"),
            ]),
        ],
    };

    public static readonly IReadOnlyList<Checklist> Defaults = [Catering, Sales];

    /// <summary>Stores the default checklists whose name has no version yet; running it again changes nothing.</summary>
    public static async Task EnsureSeededAsync(ShianDb db, DateTime now, CancellationToken ct = default)
    {
        var present = await db.Checklists.Select(s => s.Name).Distinct().ToListAsync(ct);
        var missing = Defaults.Where(s => !present.Contains(s.Name)).ToList();
        if (missing.Count > 0)
        {
            db.Checklists.AddRange(missing.Select(s => ChecklistRecord.From(s, now)));
            await db.SaveChangesAsync(ct);
        }
    }

    /// <summary>
    /// The checklist in force on the day for a business of the category: among sound checklists already effective that
    /// name the category, the newest version of the one effective latest. Null when none applies.
    /// </summary>
    public static async Task<Checklist?> ForAsync(ShianDb db, BusinessCategory category, DateOnly day, CancellationToken ct = default)
    {
        var records = await db.Checklists.AsNoTracking().EffectiveBy(day).ToListAsync(ct);
        return Pick(records.Select(r => r.Read()), category, day);
    }

    public static Checklist? Pick(IEnumerable<Checklist> checklists, BusinessCategory category, DateOnly day) =>
        checklists.Where(c => c.EffectiveFrom <= day && c.Problems().Count == 0)
            .GroupBy(c => c.Name).Select(g => g.MaxBy(c => c.Version)!)
            .Where(c => c.Categories.Contains(category))
            .OrderByDescending(c => c.EffectiveFrom).ThenBy(c => c.Name, StringComparer.Ordinal)
            .FirstOrDefault();

    /// <summary>The version of the named checklist in force on the day: the newest sound version already effective; null when none.</summary>
    public static Checklist? InForce(IEnumerable<Checklist> versions, string name, DateOnly day) =>
        versions.Where(c => c.Name == name && c.EffectiveFrom <= day && c.Problems().Count == 0).MaxBy(c => c.Version);

    /// <summary>The named checklist in force on the day (a campaign's checklist, whatever the business's category).</summary>
    public static async Task<Checklist?> NamedAsync(ShianDb db, string name, DateOnly day, CancellationToken ct = default)
    {
        var records = await db.Checklists.AsNoTracking().Where(s => s.Name == name && s.EffectiveFrom <= day).ToListAsync(ct);
        return InForce(records.Select(r => r.Read()), name, day);
    }

    /// <summary>Every stored version of every checklist, by name then version.</summary>
    public static async Task<IReadOnlyList<Checklist>> AllVersionsAsync(ShianDb db, CancellationToken ct = default)
    {
        var records = await db.Checklists.AsNoTracking().OrderBy(c => c.Name).ThenBy(c => c.Version).ToListAsync(ct);
        return records.Select(r => r.Read()).ToList();
    }

    /// <summary>
    /// The checklists a campaign may name: those with a sound version in force on the day or issued to take effect later.
    /// </summary>
    public static IReadOnlyList<string> Active(IEnumerable<Checklist> versions, DateOnly day) =>
        versions.GroupBy(c => c.Name)
            .Where(g => InForce(g, g.Key, day) is not null || g.Any(c => c.EffectiveFrom > day && c.Problems().Count == 0))
            .Select(g => g.Key).OrderBy(n => n, StringComparer.Ordinal).ToList();

    /// <summary>A given version of a checklist (what an inspection was filled in with).</summary>
    public static async Task<Checklist?> VersionAsync(ShianDb db, string name, int version, CancellationToken ct = default) =>
        (await db.Checklists.AsNoTracking().FirstOrDefaultAsync(c => c.Name == name && c.Version == version, ct))?.Read();
}
