using System.Text.Json;
using System.Text.Json.Nodes;

namespace Shian.Web.Features.Complaints;

/// <summary>
/// The audit trail records every column a change touched, the informant's name and phone among them; the administrator
/// reading the trail is not one who may see the informant, so a complaint row's values are shown with those two masked
/// (the stored trail, hashed into its chain, is left as it is).
/// </summary>
public static class ComplaintAuditMask
{
    private static readonly string[] Informant = ["ContactName", "ContactPhone"];

    /// <summary>The values as shown: masked for a complaint row, as stored for anything else (or what is not JSON).</summary>
    public static string? Show(string entity, string? values)
    {
        if (entity != nameof(Shian.Complaints.Complaint) || values is null)
        {
            return values;
        }
        try
        {
            if (JsonNode.Parse(values) is not JsonObject json)
            {
                return values;
            }
            foreach (var (key, value) in json.ToList())
            {
                if (value is JsonValue v && v.TryGetValue<string>(out var text) && Informant.Contains(key, StringComparer.OrdinalIgnoreCase))
                {
                    json[key] = key.Equals("ContactName", StringComparison.OrdinalIgnoreCase) ? ComplaintRights.MaskName(text) : ComplaintRights.MaskPhone(text);
                }
            }
            return json.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        }
        catch (JsonException)
        {
            return values;
        }
    }
}
