namespace Shian.Organization;

/// <summary>A township-level unit (乡镇街道): 街道, 镇, 乡, or a park administration that supervises like one.</summary>
public class Township
{
    public Guid Id { get; set; }
    public Guid JurisdictionId { get; set; }

    /// <summary>9-digit statistical division code, e.g. 120119001.</summary>
    public string Code { get; set; } = "";

    public string Name { get; set; } = "";

    /// <summary>街道, 镇, 乡, 园区 … as written in the source list.</summary>
    public string Kind { get; set; } = "";

    /// <summary>False for entries such as an industrial park administration that are kept but are not townships.</summary>
    public bool IsTownship { get; set; } = true;

    public string Note { get; set; } = "";
    public bool Active { get; set; } = true;
}
