using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Shian.Common;

/// <summary>
/// The one JSON shape for the versioned rulebooks (checklists, risk sheets, red/black rules) and what else Shian keeps
/// as JSON without a reason to differ: web naming (camelCase written, any case read, so older PascalCase bodies still
/// read), Chinese kept readable, enums by name, nulls left out. The copies that remain differ on purpose: the plan's JSON
/// is hashed in its own form (<c>PlanJson</c>), the audit trail's values are hash-chained as written
/// (<c>AuditInterceptor</c>), the checklist editor refuses unknown fields (<c>ChecklistVersions</c>), JSON put inside a
/// page's script element escapes HTML, and EPCIS documents keep the standard's own shape.
/// </summary>
public static class ShianJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>The same, indented, for JSON a person reads or edits.</summary>
    public static readonly JsonSerializerOptions Indented = new(Options) { WriteIndented = true };
}
