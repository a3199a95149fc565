using Shian.Organization;

namespace Shian.Complaints;

/// <summary>
/// Who handles what (configuration "Complaints:Routing", unit names as the register spells them or an alias): food
/// businesses go to the township where the business is; farm produce, grain and imported food to the unit whose field
/// it is. What cannot be placed (no township known, no unit configured) goes to the triage unit, the district bureau,
/// which transfers it on.
/// </summary>
public sealed record ComplaintRouting(string FarmProduceUnit = "区农业农村委", string GrainUnit = "区粮食中心", string ImportedFoodUnit = "海关",
    string TriageUnit = "区市场监管局")
{
    public static readonly ComplaintRouting Default = new();

    public string? UnitNameFor(ComplaintField field) => field switch
    {
        ComplaintField.FarmProduce => FarmProduceUnit,
        ComplaintField.Grain => GrainUnit,
        ComplaintField.ImportedFood => ImportedFoodUnit,
        _ => null,
    };

    /// <param name="businessTownshipId">The township of the registered business, if it is registered.</param>
    /// <param name="townships">The jurisdiction's townships, to place a described business by its address.</param>
    /// <param name="units">Active units, to find the configured ones by name or alias.</param>
    public Complaint.Handler Route(ComplaintField field, Guid? businessTownshipId, string address, IReadOnlyList<Township> townships, IReadOnlyList<Unit> units)
    {
        if (field == ComplaintField.FoodBusiness)
        {
            var township = businessTownshipId ?? TownshipIn(address, townships);
            if (township is { } t)
            {
                return new(t, null);
            }
        }
        else if (UnitNamed(UnitNameFor(field), units) is { } unit)
        {
            return new(null, unit);
        }
        return new(null, UnitNamed(TriageUnit, units) ?? units.FirstOrDefault()?.Id);
    }

    /// <summary>The township whose name the address names (the longest match, so 文昌街道 wins over 文昌).</summary>
    public static Guid? TownshipIn(string address, IReadOnlyList<Township> townships) =>
        townships.Where(t => t.Name.Length > 0 && address.Contains(t.Name, StringComparison.Ordinal))
            .OrderByDescending(t => t.Name.Length).Select(t => (Guid?)t.Id).FirstOrDefault();

    private static Guid? UnitNamed(string? name, IReadOnlyList<Unit> units) => name is null ? null
        : units.FirstOrDefault(u => u.Name == name || u.Aliases.Split('、', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Contains(name))?.Id;
}
