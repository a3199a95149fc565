using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Shian.Plans;

/// <summary>The JSON form of a parsed plan: camelCase, roles in lower case, Chinese kept readable.</summary>
public static class PlanJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    // One line, so that the form does not depend on the platform's line break: it is hashed.
    private static readonly JsonSerializerOptions CanonicalOptions = new(Options) { WriteIndented = false };

    public static string Serialize(ParsedPlan plan) => JsonSerializer.Serialize(plan, Options);

    /// <summary>A task's content as one string: two tasks with the same canonical form store the same.</summary>
    public static string Canonical(ParsedTask task) => JsonSerializer.Serialize(task, CanonicalOptions);

    public static string Canonical(IEnumerable<ParsedTask> tasks) => JsonSerializer.Serialize(tasks, CanonicalOptions);
}
