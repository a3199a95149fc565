using System.Globalization;

namespace Shian.Organization;

/// <summary>
/// Reads a district's description from three small CSV files (jurisdiction, townships, units): how the demo district
/// and any other district are loaded. Returns errors naming the file and line instead of throwing.
/// </summary>
public static class DistrictFiles
{
    public sealed record Result(Jurisdiction? Jurisdiction, IReadOnlyList<string> Errors);

    public static Result Read(string jurisdictionCsv, string townshipsCsv, string unitsCsv)
    {
        var errors = new List<string>();
        var jurisdiction = new Jurisdiction { Id = Guid.CreateVersion7() };

        foreach (var (line, cells) in Rows(jurisdictionCsv, "jurisdiction.csv", "field", 2, 2, errors))
        {
            var (field, value) = (cells[0], cells[1]);
            switch (field)
            {
                case "region_code": jurisdiction.RegionCode = value; break;
                case "name": jurisdiction.Name = value; break;
                case "name_en": jurisdiction.NameEn = value; break;
                case "parent": jurisdiction.Parent = value; break;
                case "platform_name": jurisdiction.PlatformName = value; break;
                case "platform_name_en": jurisdiction.PlatformNameEn = value; break;
                case var f when f.StartsWith("population:", StringComparison.Ordinal):
                    if (int.TryParse(f["population:".Length..], out var year)
                        && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var people))
                    {
                        jurisdiction.Populations.Add(new JurisdictionPopulation
                        {
                            Id = Guid.CreateVersion7(), JurisdictionId = jurisdiction.Id, Year = year, Population = people,
                        });
                    }
                    else
                    {
                        errors.Add($"jurisdiction.csv 第{line}行：人口应写作 population:年份,人数（{field},{value}）");
                    }
                    break;
                default:
                    errors.Add($"jurisdiction.csv 第{line}行：未知字段 {field}");
                    break;
            }
        }
        if (jurisdiction.RegionCode.Length is not (6 or 9 or 12) || !jurisdiction.RegionCode.All(char.IsAsciiDigit))
        {
            errors.Add("jurisdiction.csv：region_code 应为6位行政区划代码");
        }
        if (jurisdiction.Name.Length == 0)
        {
            errors.Add("jurisdiction.csv：缺少 name");
        }

        foreach (var (line, cells) in Rows(townshipsCsv, "townships.csv", "code", 3, 4, errors))
        {
            var code = cells[0];
            if (code.Length != 9 || !code.All(char.IsAsciiDigit))
            {
                errors.Add($"townships.csv 第{line}行：代码“{code}”应为9位数字");
                continue;
            }
            if (jurisdiction.Townships.Any(t => t.Code == code))
            {
                errors.Add($"townships.csv 第{line}行：代码 {code} 重复");
                continue;
            }
            var kind = cells[2];
            jurisdiction.Townships.Add(new Township
            {
                Id = Guid.CreateVersion7(),
                JurisdictionId = jurisdiction.Id,
                Code = code,
                Name = cells[1],
                Kind = kind,
                // Only 街道, 镇 and 乡 are township-level divisions; a park administration is kept but flagged.
                IsTownship = kind is "街道" or "镇" or "乡",
                Note = cells.Length > 3 ? cells[3] : "",
            });
        }

        foreach (var (line, cells) in Rows(unitsCsv, "units.csv", "name", 2, 3, errors))
        {
            // By name only: Enum.TryParse would also take "3" as a kind.
            if (Enum.GetNames<UnitKind>().FirstOrDefault(n => n.Equals(cells[1], StringComparison.OrdinalIgnoreCase)) is not { } kindName)
            {
                errors.Add($"units.csv 第{line}行：单位类别“{cells[1]}”不认识");
                continue;
            }
            jurisdiction.Units.Add(new Unit
            {
                Id = Guid.CreateVersion7(), JurisdictionId = jurisdiction.Id, Name = cells[0], Kind = Enum.Parse<UnitKind>(kindName),
            });
        }

        return errors.Count == 0 ? new Result(jurisdiction, errors) : new Result(null, errors);
    }

    /// <summary>The demo district shipped inside the assembly (from samples/demo).</summary>
    public static Result ReadDemo() => Read(Embedded("jurisdiction.csv"), Embedded("jizhou-townships.csv"), Embedded("jizhou-units.csv"));

    private static string Embedded(string name)
    {
        using var stream = typeof(DistrictFiles).Assembly.GetManifestResourceStream("demo/" + name)
            ?? throw new InvalidOperationException($"Demo file {name} is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    // Simple comma-separated rows under a header line; these files hold names and codes, never commas or quotes.
    private static IEnumerable<(int Line, string[] Cells)> Rows(string csv, string file, string firstColumn, int minCells, int maxCells, List<string> errors)
    {
        var lines = csv.Replace("\r", "", StringComparison.Ordinal).Split('\n');
        var headerSeen = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var text = lines[i].Trim().TrimStart('\uFEFF');
            if (text.Length == 0 || text.StartsWith('#'))
            {
                continue;
            }
            if (!headerSeen)
            {
                headerSeen = true;
                if (!text.Split(',')[0].Trim().Equals(firstColumn, StringComparison.OrdinalIgnoreCase))
                {
                    errors.Add($"{file} 第{i + 1}行：缺少表头（第一列应为 {firstColumn}）");
                    yield break;
                }
                continue;
            }
            if (text.Contains('"', StringComparison.Ordinal))
            {
                errors.Add($"{file} 第{i + 1}行：不支持引号");
                continue;
            }
            var cells = text.Split(',').Select(c => c.Trim()).ToArray();
            if (cells.Length < minCells || cells.Take(minCells).Any(c => c.Length == 0))
            {
                errors.Add($"{file} 第{i + 1}行：至少需要{minCells}列且不能为空");
                continue;
            }
            if (cells.Length > maxCells)
            {
                // e.g. a population written as 795,516: never read it as 795.
                errors.Add($"{file} 第{i + 1}行：最多{maxCells}列，数字请不要用逗号分隔千位（{text}）");
                continue;
            }
            yield return (i + 1, cells);
        }
    }
}
