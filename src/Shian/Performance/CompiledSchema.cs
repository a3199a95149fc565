using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Json.Schema;

namespace Shian.Performance;

/// <summary>
/// A JSON Schema (draft-07, the keywords the GS1 EPCIS schema uses) compiled once into a tree of checks that answers
/// only "valid or not". It is the fast path of <see cref="EpcisSchema"/>: evaluating every event of a 1,000-event
/// document with JsonSchema.Net costs about a quarter of a millisecond per event, this about a hundredth.
/// <para>
/// It may be stricter than the standard, never looser: a document it accepts is accepted; one it refuses is evaluated
/// again by JsonSchema.Net, which names the errors and has the last word. Formats are checked by JsonSchema.Net's own
/// format checkers, so "uri" and "date-time" mean exactly what they mean there. A keyword it does not know makes
/// <see cref="Compile"/> throw, so a newer schema cannot be weakened silently. Tests compare it with JsonSchema.Net on
/// every GS1 example and thousands of mutations of them.
/// </para>
/// </summary>
public sealed class CompiledSchema
{
    private readonly Check _root;

    private CompiledSchema(Check root) => _root = root;

    public bool IsValid(JsonElement instance) => _root.IsValid(instance);

    /// <summary>Compiles a schema document; <paramref name="baseUri"/> is its <c>$id</c>, which absolute references may name.</summary>
    public static CompiledSchema Compile(JsonElement schema)
    {
        var baseUri = schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("$id", out var id) ? id.GetString() ?? "" : "";
        var compiler = new Compiler(schema.Clone(), baseUri.TrimEnd('#'));
        return new CompiledSchema(compiler.Compile(compiler.Root, "#"));
    }

    /// <summary>Keywords that say nothing about validity.</summary>
    private static readonly HashSet<string> Annotations =
        ["$schema", "$id", "$comment", "title", "description", "default", "examples", "definitions", "readOnly", "writeOnly"];

    private sealed class Compiler(JsonElement root, string baseUri)
    {
        public JsonElement Root { get; } = root;

        private readonly Dictionary<string, RefCheck> _refs = new(StringComparer.Ordinal);

        public Check Compile(JsonElement schema, string at)
        {
            if (schema.ValueKind == JsonValueKind.True)
            {
                return Always.Instance;
            }
            if (schema.ValueKind == JsonValueKind.False)
            {
                return Never.Instance;
            }
            if (schema.ValueKind != JsonValueKind.Object)
            {
                throw new NotSupportedException($"A schema must be an object or a boolean ({at}).");
            }
            var checks = new List<Check>();
            // The cheap structural checks first, so that a wrong instance fails before the costly ones run.
            if (schema.TryGetProperty("type", out var type))
            {
                checks.Add(new TypeCheck(type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()!).ToArray() : [type.GetString()!]));
            }
            if (schema.TryGetProperty("required", out var required))
            {
                checks.Add(new RequiredCheck(required.EnumerateArray().Select(r => r.GetString()!).ToArray()));
            }
            foreach (var keyword in schema.EnumerateObject())
            {
                var value = keyword.Value;
                var here = $"{at}/{keyword.Name}";
                switch (keyword.Name)
                {
                    case "type" or "required" or "additionalProperties" or "patternProperties" or "then" or "else" or "additionalItems":
                        break; // handled with their partners
                    case "$ref":
                        checks.Add(Reference(value.GetString()!));
                        break;
                    case "properties":
                        checks.Add(PropertiesCheck(schema, here));
                        break;
                    case "propertyNames":
                        checks.Add(new PropertyNamesCheck(Compile(value, here)));
                        break;
                    case "items":
                        checks.Add(ItemsCheck(schema, value, here));
                        break;
                    case "minItems":
                        checks.Add(new MinItemsCheck(value.GetInt32()));
                        break;
                    case "maxItems":
                        checks.Add(new MaxItemsCheck(value.GetInt32()));
                        break;
                    case "uniqueItems":
                        if (value.GetBoolean())
                        {
                            checks.Add(UniqueItemsCheck.Instance);
                        }
                        break;
                    case "enum":
                        checks.Add(new EnumCheck(value.EnumerateArray().Select(v => v.Clone()).ToArray()));
                        break;
                    case "const":
                        checks.Add(new EnumCheck([value.Clone()]));
                        break;
                    case "pattern":
                        checks.Add(new PatternCheck(new Regex(value.GetString()!, RegexOptions.ECMAScript | RegexOptions.Compiled)));
                        break;
                    case "minLength":
                        checks.Add(new LengthCheck(value.GetInt32(), int.MaxValue));
                        break;
                    case "maxLength":
                        checks.Add(new LengthCheck(0, value.GetInt32()));
                        break;
                    case "format":
                        checks.Add(new FormatCheck(FormatRegistry.Global.Get(value.GetString()!) is { } format && format.GetType() != typeof(UnknownFormat)
                            ? format : throw new NotSupportedException($"Format '{value.GetString()}' is not known ({here}).")));
                        break;
                    case "allOf":
                        checks.Add(new AllOfCheck(value.EnumerateArray().Select((s, i) => Compile(s, $"{here}/{i}")).ToArray()));
                        break;
                    case "anyOf":
                        checks.Add(new AnyOfCheck(value.EnumerateArray().Select((s, i) => Compile(s, $"{here}/{i}")).ToArray()));
                        break;
                    case "oneOf":
                        checks.Add(new OneOfCheck(value.EnumerateArray().Select((s, i) => Compile(s, $"{here}/{i}")).ToArray()));
                        break;
                    case "not":
                        checks.Add(new NotCheck(Compile(value, here)));
                        break;
                    case "if":
                        checks.Add(new IfCheck(Compile(value, here),
                            schema.TryGetProperty("then", out var then) ? Compile(then, $"{at}/then") : Always.Instance,
                            schema.TryGetProperty("else", out var otherwise) ? Compile(otherwise, $"{at}/else") : Always.Instance));
                        break;
                    default:
                        if (!Annotations.Contains(keyword.Name))
                        {
                            throw new NotSupportedException($"Keyword '{keyword.Name}' is not supported by the compiled schema ({here}).");
                        }
                        break;
                }
            }
            // Draft-07 ignores the siblings of $ref; checking them as well can only make this stricter, never looser.
            return checks.Count switch
            {
                0 => Always.Instance,
                1 => checks[0],
                _ => new AllOfCheck([.. checks]),
            };
        }

        private Check PropertiesCheck(JsonElement schema, string at)
        {
            var properties = schema.GetProperty("properties").EnumerateObject()
                .ToDictionary(p => p.Name, p => Compile(p.Value, $"{at}/{p.Name}"), StringComparer.Ordinal);
            var patterns = schema.TryGetProperty("patternProperties", out var pp)
                ? pp.EnumerateObject().Select(p => (new Regex(p.Name, RegexOptions.ECMAScript | RegexOptions.Compiled), Compile(p.Value, $"{at}/../patternProperties"))).ToArray()
                : [];
            var additional = schema.TryGetProperty("additionalProperties", out var ap) ? Compile(ap, $"{at}/../additionalProperties") : null;
            return new ObjectCheck(properties, patterns, additional);
        }

        private Check ItemsCheck(JsonElement schema, JsonElement items, string at)
        {
            if (items.ValueKind != JsonValueKind.Array)
            {
                return new ItemsCheck(Compile(items, at));
            }
            var tuple = items.EnumerateArray().Select((s, i) => Compile(s, $"{at}/{i}")).ToArray();
            var rest = schema.TryGetProperty("additionalItems", out var ai) ? Compile(ai, $"{at}/../additionalItems") : Always.Instance;
            return new TupleCheck(tuple, rest);
        }

        /// <summary>A reference into this document (<c>#/definitions/X</c>, or the same behind the document's <c>$id</c>).</summary>
        private Check Reference(string reference)
        {
            var pointer = reference.StartsWith('#') ? reference
                : baseUri.Length > 0 && reference.StartsWith(baseUri + "#", StringComparison.Ordinal) ? reference[baseUri.Length..]
                : reference == baseUri ? "#"
                : throw new NotSupportedException($"Only references into the schema itself are supported: '{reference}'.");
            if (_refs.TryGetValue(pointer, out var known))
            {
                return known;
            }
            // Registered before compiling the target, so that recursive definitions end at the placeholder.
            var check = new RefCheck();
            _refs[pointer] = check;
            check.Target = Compile(Resolve(pointer), pointer);
            return check;
        }

        private JsonElement Resolve(string pointer)
        {
            var node = Root;
            foreach (var raw in pointer.TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries))
            {
                var name = Uri.UnescapeDataString(raw).Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
                node = node.ValueKind == JsonValueKind.Array ? node[int.Parse(name, CultureInfo.InvariantCulture)]
                    : node.TryGetProperty(name, out var child) ? child
                    : throw new NotSupportedException($"Reference '{pointer}' points nowhere.");
            }
            return node;
        }
    }

    private abstract class Check
    {
        public abstract bool IsValid(JsonElement e);
    }

    private sealed class Always : Check
    {
        public static readonly Always Instance = new();
        public override bool IsValid(JsonElement e) => true;
    }

    private sealed class Never : Check
    {
        public static readonly Never Instance = new();
        public override bool IsValid(JsonElement e) => false;
    }

    private sealed class RefCheck : Check
    {
        public Check Target { get; set; } = Never.Instance;
        public override bool IsValid(JsonElement e) => Target.IsValid(e);
    }

    private sealed class TypeCheck(string[] types) : Check
    {
        public override bool IsValid(JsonElement e)
        {
            foreach (var type in types)
            {
                var matches = type switch
                {
                    "object" => e.ValueKind == JsonValueKind.Object,
                    "array" => e.ValueKind == JsonValueKind.Array,
                    "string" => e.ValueKind == JsonValueKind.String,
                    "number" => e.ValueKind == JsonValueKind.Number,
                    "integer" => e.ValueKind == JsonValueKind.Number && e.TryGetDecimal(out var d) && d == decimal.Truncate(d),
                    "boolean" => e.ValueKind is JsonValueKind.True or JsonValueKind.False,
                    "null" => e.ValueKind == JsonValueKind.Null,
                    _ => throw new NotSupportedException($"Type '{type}' is not a JSON Schema type."),
                };
                if (matches)
                {
                    return true;
                }
            }
            return false;
        }
    }

    private sealed class RequiredCheck(string[] names) : Check
    {
        public override bool IsValid(JsonElement e)
        {
            if (e.ValueKind != JsonValueKind.Object)
            {
                return true;
            }
            foreach (var name in names)
            {
                if (!e.TryGetProperty(name, out _))
                {
                    return false;
                }
            }
            return true;
        }
    }

    private sealed class ObjectCheck(Dictionary<string, Check> properties, (Regex Pattern, Check Check)[] patterns, Check? additional) : Check
    {
        public override bool IsValid(JsonElement e)
        {
            if (e.ValueKind != JsonValueKind.Object)
            {
                return true;
            }
            foreach (var property in e.EnumerateObject())
            {
                var named = properties.TryGetValue(property.Name, out var check);
                if (named && !check!.IsValid(property.Value))
                {
                    return false;
                }
                var matched = false;
                foreach (var (pattern, patternCheck) in patterns)
                {
                    if (pattern.IsMatch(property.Name))
                    {
                        matched = true;
                        if (!patternCheck.IsValid(property.Value))
                        {
                            return false;
                        }
                    }
                }
                if (!named && !matched && additional is not null && !additional.IsValid(property.Value))
                {
                    return false;
                }
            }
            return true;
        }
    }

    /// <summary>
    /// Property names repeat across every event of a document (and the GS1 schema checks each through an anyOf of a
    /// list and a URI pattern), so each distinct name is checked once and remembered.
    /// </summary>
    private sealed class PropertyNamesCheck(Check names) : Check
    {
        private readonly ConcurrentDictionary<string, bool> _known = new(StringComparer.Ordinal);
        private int _remembered;

        public override bool IsValid(JsonElement e)
        {
            if (e.ValueKind != JsonValueKind.Object)
            {
                return true;
            }
            foreach (var property in e.EnumerateObject())
            {
                if (!_known.TryGetValue(property.Name, out var valid))
                {
                    valid = names.IsValid(JsonSerializer.SerializeToElement(property.Name));
                    Remember(_known, ref _remembered, property.Name, valid);
                }
                if (!valid)
                {
                    return false;
                }
            }
            return true;
        }
    }

    /// <summary>How many distinct strings a check remembers: enough for a vocabulary, bounded against a flood of new ones.</summary>
    private const int MemoLimit = 50_000;

    /// <summary>
    /// Remembers an answer while there is room, counted with its own counter: a concurrent dictionary's Count takes
    /// every lock it has, which costs more than the check it would save.
    /// </summary>
    private static void Remember(ConcurrentDictionary<string, bool> known, ref int remembered, string value, bool valid)
    {
        if (Volatile.Read(ref remembered) < MemoLimit && known.TryAdd(value, valid))
        {
            Interlocked.Increment(ref remembered);
        }
    }

    /// <summary>Arrays at least this long (a document's event list) are checked on all cores, in chunks of this size.</summary>
    private const int ParallelItems = 128;

    private sealed class ItemsCheck(Check items) : Check
    {
        public override bool IsValid(JsonElement e)
        {
            if (e.ValueKind != JsonValueKind.Array)
            {
                return true;
            }
            if (e.GetArrayLength() >= 2 * ParallelItems)
            {
                var all = e.EnumerateArray().ToArray();
                var valid = true;
                Parallel.For(0, (all.Length + ParallelItems - 1) / ParallelItems, (chunk, state) =>
                {
                    for (var i = chunk * ParallelItems; i < Math.Min(all.Length, (chunk + 1) * ParallelItems) && valid; i++)
                    {
                        if (!items.IsValid(all[i]))
                        {
                            valid = false;
                            state.Stop();
                        }
                    }
                });
                return valid;
            }
            foreach (var item in e.EnumerateArray())
            {
                if (!items.IsValid(item))
                {
                    return false;
                }
            }
            return true;
        }
    }

    private sealed class TupleCheck(Check[] tuple, Check rest) : Check
    {
        public override bool IsValid(JsonElement e)
        {
            if (e.ValueKind != JsonValueKind.Array)
            {
                return true;
            }
            var i = 0;
            foreach (var item in e.EnumerateArray())
            {
                if (!(i < tuple.Length ? tuple[i] : rest).IsValid(item))
                {
                    return false;
                }
                i++;
            }
            return true;
        }
    }

    private sealed class MinItemsCheck(int min) : Check
    {
        public override bool IsValid(JsonElement e) => e.ValueKind != JsonValueKind.Array || e.GetArrayLength() >= min;
    }

    private sealed class MaxItemsCheck(int max) : Check
    {
        public override bool IsValid(JsonElement e) => e.ValueKind != JsonValueKind.Array || e.GetArrayLength() <= max;
    }

    private sealed class UniqueItemsCheck : Check
    {
        public static readonly UniqueItemsCheck Instance = new();

        public override bool IsValid(JsonElement e)
        {
            if (e.ValueKind != JsonValueKind.Array)
            {
                return true;
            }
            var items = e.EnumerateArray().ToArray();
            if (items.All(i => i.ValueKind == JsonValueKind.String))
            {
                var seen = new HashSet<string>(items.Length, StringComparer.Ordinal);
                return items.All(i => seen.Add(i.GetString()!));
            }
            for (var i = 0; i < items.Length; i++)
            {
                for (var j = i + 1; j < items.Length; j++)
                {
                    if (JsonEquals(items[i], items[j]))
                    {
                        return false;
                    }
                }
            }
            return true;
        }
    }

    private sealed class EnumCheck(JsonElement[] values) : Check
    {
        private readonly HashSet<string>? _strings = values.All(v => v.ValueKind == JsonValueKind.String)
            ? values.Select(v => v.GetString()!).ToHashSet(StringComparer.Ordinal) : null;

        public override bool IsValid(JsonElement e)
        {
            if (_strings is not null)
            {
                return e.ValueKind == JsonValueKind.String && _strings.Contains(e.GetString()!);
            }
            foreach (var value in values)
            {
                if (JsonEquals(value, e))
                {
                    return true;
                }
            }
            return false;
        }
    }

    /// <summary>JSON equality: numbers by value (1 equals 1.0), objects regardless of member order.</summary>
    private static bool JsonEquals(JsonElement a, JsonElement b)
    {
        if (a.ValueKind == JsonValueKind.Number && b.ValueKind == JsonValueKind.Number)
        {
            return a.TryGetDecimal(out var x) && b.TryGetDecimal(out var y) ? x == y : a.GetDouble() == b.GetDouble();
        }
        return JsonElement.DeepEquals(a, b);
    }

    private sealed class PatternCheck(Regex pattern) : Check
    {
        public override bool IsValid(JsonElement e) => e.ValueKind != JsonValueKind.String || pattern.IsMatch(e.GetString()!);
    }

    private sealed class LengthCheck(int min, int max) : Check
    {
        public override bool IsValid(JsonElement e)
        {
            if (e.ValueKind != JsonValueKind.String)
            {
                return true;
            }
            var value = e.GetString()!;
            var length = 0;
            for (var i = 0; i < value.Length; i++)
            {
                length++;
                if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                {
                    i++; // a character outside the basic plane counts once, as the standard says
                }
            }
            return length >= min && length <= max;
        }
    }

    /// <summary>
    /// A format, checked by JsonSchema.Net's own checker (a couple of microseconds). Not remembered: the values are
    /// mostly identifiers and times seen once.
    /// </summary>
    private sealed class FormatCheck(Format format) : Check
    {
        public override bool IsValid(JsonElement e) => format.Validate(e, out _);
    }

    private sealed class AllOfCheck(Check[] all) : Check
    {
        public override bool IsValid(JsonElement e)
        {
            foreach (var check in all)
            {
                if (!check.IsValid(e))
                {
                    return false;
                }
            }
            return true;
        }
    }

    private sealed class AnyOfCheck(Check[] any) : Check
    {
        public override bool IsValid(JsonElement e)
        {
            foreach (var check in any)
            {
                if (check.IsValid(e))
                {
                    return true;
                }
            }
            return false;
        }
    }

    private sealed class OneOfCheck(Check[] one) : Check
    {
        public override bool IsValid(JsonElement e)
        {
            var count = 0;
            foreach (var check in one)
            {
                if (check.IsValid(e) && ++count > 1)
                {
                    return false;
                }
            }
            return count == 1;
        }
    }

    private sealed class NotCheck(Check not) : Check
    {
        public override bool IsValid(JsonElement e) => !not.IsValid(e);
    }

    private sealed class IfCheck(Check condition, Check then, Check otherwise) : Check
    {
        public override bool IsValid(JsonElement e) => condition.IsValid(e) ? then.IsValid(e) : otherwise.IsValid(e);
    }
}
