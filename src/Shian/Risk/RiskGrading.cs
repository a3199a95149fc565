using Shian.Registry;

namespace Shian.Risk;

/// <summary>The points one item gave.</summary>
public sealed record RiskItemScore(string Code, string Name, bool Dynamic, decimal Points, decimal MaxPoints);

/// <summary>A business's grading under one sheet: each item's points, the totals and the grade.</summary>
public sealed record RiskResult(
    IReadOnlyList<RiskItemScore> Items, decimal StaticScore, decimal DynamicScore, RiskLevel Grade, bool SeriousViolator)
{
    public decimal Score => StaticScore + DynamicScore;
}

/// <summary>
/// 风险分级评分: scores a business on a sheet. Static items from its registry fields, dynamic items from its factors
/// (summed per item, capped at the item's maximum), grade from the sheet's thresholds. A business on the
/// serious-violation list (严重违法失信名单) is graded D whatever it scores. Pure: the caller chooses which factors count.
/// </summary>
public static class RiskGrading
{
    public static RiskResult Grade(RiskSheet sheet, Business business, IEnumerable<RiskFactor> factors, bool isSeriousViolator)
    {
        var items = new List<RiskItemScore>(sheet.StaticItems.Count + sheet.DynamicItems.Count);
        decimal staticScore = 0;
        foreach (var item in sheet.StaticItems)
        {
            decimal points = 0;
            foreach (var line in item.Rule ?? [])
            {
                if (line.Points > points && line.Matches(business))
                {
                    points = line.Points;
                }
            }
            points = Math.Min(points, item.MaxPoints);
            staticScore += points;
            items.Add(new RiskItemScore(item.Code, item.Name, false, points, item.MaxPoints));
        }

        // Factors for codes the sheet does not know (an older sheet's item) count for nothing.
        var sums = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var factor in factors)
        {
            if (factor.BusinessId == business.Id)
            {
                sums[factor.ItemCode] = sums.GetValueOrDefault(factor.ItemCode) + factor.Points;
            }
        }
        decimal dynamicScore = 0;
        foreach (var item in sheet.DynamicItems)
        {
            var points = Math.Clamp(sums.GetValueOrDefault(item.Code), 0, item.MaxPoints);
            dynamicScore += points;
            items.Add(new RiskItemScore(item.Code, item.Name, true, points, item.MaxPoints));
        }

        var grade = isSeriousViolator ? RiskLevel.D : sheet.Thresholds.LevelOf(staticScore + dynamicScore);
        return new RiskResult(items, staticScore, dynamicScore, grade, isSeriousViolator);
    }
}
