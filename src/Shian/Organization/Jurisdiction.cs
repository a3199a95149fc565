namespace Shian.Organization;

/// <summary>The area this deployment supervises (a district, county or city), configured as data.</summary>
public class Jurisdiction
{
    public Guid Id { get; set; }

    /// <summary>GB/T 2260 administrative division code, e.g. 120119.</summary>
    public string RegionCode { get; set; } = "";

    public string Name { get; set; } = "";
    public string NameEn { get; set; } = "";

    /// <summary>The higher-level division it belongs to, e.g. 天津市.</summary>
    public string Parent { get; set; } = "";

    /// <summary>Shown in the top bar, e.g. 蓟州区食品安全智慧监管平台.</summary>
    public string PlatformName { get; set; } = "";
    public string PlatformNameEn { get; set; } = "";

    public List<JurisdictionPopulation> Populations { get; set; } = [];
    public List<Township> Townships { get; set; } = [];
    public List<Unit> Units { get; set; } = [];

    /// <summary>Resident population for a year, or the latest earlier year that has one (the per-1,000 quotas need it).</summary>
    public int? PopulationFor(int year) => Populations
        .Where(p => p.Year <= year)
        .OrderByDescending(p => p.Year)
        .Select(p => (int?)p.Population)
        .FirstOrDefault();
}

public class JurisdictionPopulation
{
    public Guid Id { get; set; }
    public Guid JurisdictionId { get; set; }
    public int Year { get; set; }
    public int Population { get; set; }

    /// <summary>Where the figure comes from (census, statistical yearbook).</summary>
    public string Source { get; set; } = "";
}
