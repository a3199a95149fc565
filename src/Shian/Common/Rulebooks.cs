using System.Text.Json;

namespace Shian.Common;

/// <summary>
/// A district's rulebook kept in versions (an inspection checklist, a risk-grading sheet, the red/black-list rules): the
/// version and the date it takes effect, the whole rulebook as JSON in <see cref="ShianJson"/>'s shape.
/// </summary>
public interface IVersionedRulebook
{
    int Version { get; }
    DateOnly EffectiveFrom { get; }
}

/// <summary>A stored version of a rulebook: its version and effective date as columns to find it by, the body as JSON.</summary>
public interface IRulebookRecord
{
    int Version { get; set; }
    DateOnly EffectiveFrom { get; set; }
    string Content { get; set; }
    DateTime CreatedAt { get; set; }
}

/// <summary>The steps the rulebooks share: writing a version's record, reading its body, finding the versions in force.</summary>
public static class Rulebooks
{
    /// <summary>A record of <paramref name="rulebook"/> (its JSON <paramref name="content"/>), stamped with its version and effective date.</summary>
    public static TRecord Record<TRecord>(IVersionedRulebook rulebook, string content, DateTime createdAt) where TRecord : IRulebookRecord, new() => new()
    {
        Version = rulebook.Version,
        EffectiveFrom = rulebook.EffectiveFrom,
        Content = content,
        CreatedAt = createdAt,
    };

    /// <summary>A rulebook's JSON body read back; an empty body is a broken record, not a default rulebook.</summary>
    public static T FromJson<T>(string json) where T : IVersionedRulebook =>
        JsonSerializer.Deserialize<T>(json, ShianJson.Options) ?? throw new JsonException($"empty {typeof(T).Name}");

    /// <summary>The stored versions that have taken effect by <paramref name="day"/> (the newest version among them applies).</summary>
    public static IQueryable<TRecord> EffectiveBy<TRecord>(this IQueryable<TRecord> records, DateOnly day) where TRecord : class, IRulebookRecord =>
        records.Where(r => r.EffectiveFrom <= day);
}
