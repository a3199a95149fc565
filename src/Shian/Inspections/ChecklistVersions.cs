using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Shian.Inspections;

/// <summary>What is wrong with a checklist version as entered, and the form field it concerns.</summary>
public sealed record ChecklistProblem(string Field, string Message);

/// <summary>
/// 检查表配置: the office issues a new version of a checklist (or a new checklist, copied from another) as JSON with the
/// day it takes effect. A version is never changed once stored: inspections keep the name and version they were filled in
/// with, and <see cref="Checklists.Pick"/> gives the new version to inspections started on or after its effective day.
/// </summary>
public static class ChecklistVersions
{
    public const int NameMax = 100;

    private static readonly JsonSerializerOptions Strict = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(allowIntegerValues: false) },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        WriteIndented = true,
    };

    /// <summary>The part of a checklist the office edits (categories, rule, sections), as indented JSON: name, version and
    /// effective day come from the form.</summary>
    public static string EditableJson(Checklist checklist)
    {
        var node = JsonSerializer.SerializeToNode(checklist, Strict)!.AsObject();
        node.Remove("name");
        node.Remove("version");
        node.Remove("effectiveFrom");
        return node.ToJsonString(Strict);
    }

    /// <summary>
    /// The next version of checklist <paramref name="name"/> from the JSON, or every problem found (nothing to store then):
    /// the name (given, not too long; for a new checklist not already used), the effective day (given, not before
    /// <paramref name="today"/> — inspections already recorded keep their version — nor before the latest version's), the JSON
    /// (well formed, known fields only, the line named), and the checklist itself (<see cref="Checklist.Problems"/>, at least
    /// one key item, the rule's limits below the number of ordinary items).
    /// </summary>
    /// <param name="versions">The versions already stored under <paramref name="name"/> (empty for a new checklist).</param>
    /// <param name="creating">A new checklist: refused when <paramref name="versions"/> is not empty.</param>
    public static (Checklist? Checklist, IReadOnlyList<ChecklistProblem> Problems) Prepare(string? name, string? json, DateOnly? effectiveFrom,
        DateOnly today, IReadOnlyCollection<Checklist> versions, bool creating)
    {
        var problems = new List<ChecklistProblem>();
        var title = (name ?? "").Trim();
        if (title.Length == 0) problems.Add(new("Name", "检查表名称：必填。"));
        else if (title.Length > NameMax) problems.Add(new("Name", $"检查表名称：不能超过 {NameMax} 个字。"));
        else if (title.IndexOfAny(['/', '\\', '?', '#', '%']) >= 0 || title == "new") problems.Add(new("Name", "检查表名称：不能含有 / \\ ? # % 字符，也不能叫 new。"));
        else if (creating && versions.Count > 0) problems.Add(new("Name", $"检查表名称：“{title}”已存在，请发布新版本或另取名称。"));

        var latest = versions.MaxBy(v => v.Version);
        if (effectiveFrom is not { } from) problems.Add(new("EffectiveFrom", "生效日期：必填。"));
        else if (from < today) problems.Add(new("EffectiveFrom", $"生效日期：不能早于今天（{today:yyyy-MM-dd}）；已记录的检查保留其所用版本。"));
        else if (latest is not null && from < latest.EffectiveFrom)
            problems.Add(new("EffectiveFrom", $"生效日期：不能早于现行最新版本（第 {latest.Version} 版）的生效日期 {latest.EffectiveFrom:yyyy-MM-dd}。"));

        Checklist? parsed = null;
        if (string.IsNullOrWhiteSpace(json))
        {
            problems.Add(new("Content", "检查表内容：必填。"));
        }
        else
        {
            try
            {
                parsed = JsonSerializer.Deserialize<Checklist>(json, Strict);
                if (parsed is null) problems.Add(new("Content", "检查表内容：不能为 null。"));
            }
            catch (JsonException e)
            {
                var line = e.LineNumber is { } l ? $"第 {l + 1} 行" : "";
                var path = string.IsNullOrEmpty(e.Path) ? "" : $"（{e.Path}）";
                problems.Add(new("Content", $"检查表内容：JSON 格式有误，{line}{path}：{FirstSentence(e.Message)}"));
            }
        }
        if (parsed is not null)
        {
            var checklist = parsed with { Name = title, Version = (latest?.Version ?? 0) + 1, EffectiveFrom = effectiveFrom ?? default };
            problems.AddRange(checklist.Problems().Where(p => !p.StartsWith("检查表没有名称", StringComparison.Ordinal))
                .Select(p => new ChecklistProblem("Content", "检查表内容：" + p)));
            var items = checklist.Items.ToList();
            if (items.Count > 0 && !items.Any(i => i.Key))
                problems.Add(new("Content", "检查表内容：至少要有一个关键项（\"key\": true）。"));
            var ordinary = items.Count(i => !i.Key);
            if (items.Count > 0 && checklist.Rule.BasicallyConformingMaxFailed >= ordinary && checklist.Rule.ConformingMaxFailed >= 0)
                problems.Add(new("Content", $"检查表内容：判定规则的基本符合上限（{checklist.Rule.BasicallyConformingMaxFailed}）应小于一般项目数（{ordinary}），否则一般项目不符合再多也判不出不符合。"));
            if (problems.Count == 0) return (checklist, []);
        }
        return (null, problems);
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).Trim();
    }
}
