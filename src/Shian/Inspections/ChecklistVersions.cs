using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Shian.Common;

namespace Shian.Inspections;

/// <summary>What is wrong with a checklist version as entered, and the form field it concerns.</summary>
public sealed record ChecklistProblem(string Field, Problem Problem);

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
        if (title.Length == 0) problems.Add(new("Name", new Problem("ChecklistVersion.NameRequired")));
        else if (title.Length > NameMax) problems.Add(new("Name", new Problem("ChecklistVersion.NameTooLong", NameMax)));
        else if (title.IndexOfAny(['/', '\\', '?', '#', '%']) >= 0 || title == "new") problems.Add(new("Name", new Problem("ChecklistVersion.NameCharacters")));
        else if (creating && versions.Count > 0) problems.Add(new("Name", new Problem("ChecklistVersion.NameTaken", title)));

        var latest = versions.MaxBy(v => v.Version);
        if (effectiveFrom is not { } from) problems.Add(new("EffectiveFrom", new Problem("ChecklistVersion.EffectiveFromRequired")));
        else if (from < today) problems.Add(new("EffectiveFrom", new Problem("ChecklistVersion.EffectiveFromPast", today)));
        else if (latest is not null && from < latest.EffectiveFrom)
            problems.Add(new("EffectiveFrom", new Problem("ChecklistVersion.EffectiveFromBeforeLatest", latest.Version, latest.EffectiveFrom)));

        Checklist? parsed = null;
        if (string.IsNullOrWhiteSpace(json))
        {
            problems.Add(new("Content", new Problem("ChecklistVersion.ContentRequired")));
        }
        else
        {
            try
            {
                parsed = JsonSerializer.Deserialize<Checklist>(json, Strict);
                if (parsed is null) problems.Add(new("Content", new Problem("ChecklistVersion.ContentNull")));
            }
            catch (JsonException e)
            {
                // The parser's own message stays in its (English) words: it names the token it could not read.
                object line = e.LineNumber is { } l ? new Problem("ChecklistVersion.JsonLine", l + 1) : "";
                object path = string.IsNullOrEmpty(e.Path) ? "" : new Problem("ChecklistVersion.JsonPath", e.Path);
                problems.Add(new("Content", new Problem("ChecklistVersion.JsonInvalid", line, path, FirstSentence(e.Message))));
            }
        }
        if (parsed is not null)
        {
            var checklist = parsed with { Name = title, Version = (latest?.Version ?? 0) + 1, EffectiveFrom = effectiveFrom ?? default };
            problems.AddRange(checklist.Problems().Where(p => p.Code != "Checklist.NoName")
                .Select(p => new ChecklistProblem("Content", new Problem("ChecklistVersion.Content", p))));
            var items = checklist.Items.ToList();
            if (items.Count > 0 && !items.Any(i => i.Key))
                problems.Add(new("Content", new Problem("ChecklistVersion.NoKeyItem")));
            var ordinary = items.Count(i => !i.Key);
            if (items.Count > 0 && checklist.Rule.BasicallyConformingMaxFailed >= ordinary && checklist.Rule.ConformingMaxFailed >= 0)
                problems.Add(new("Content", new Problem("ChecklistVersion.RuleUnreachable", checklist.Rule.BasicallyConformingMaxFailed, ordinary)));
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
