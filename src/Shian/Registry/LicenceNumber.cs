using System.Text.RegularExpressions;
using Shian.Common;

namespace Shian.Registry;

public enum LicenceKind
{
    /// <summary>食品生产许可证 SC: SC + 3-digit food category + 6-digit region + 4-digit sequence + check digit.</summary>
    Production,

    /// <summary>食品经营许可证 JY: JY + business-type digit + 6-digit region + 6-digit sequence + check digit.</summary>
    Business,
}

/// <summary>
/// The structure of licence numbers (docs/domain.md §2). The check digits' algorithms are not public, so they are not
/// judged; a region that differs from the business's is a warning, since some provinces put local codes there.
/// </summary>
public static partial class LicenceNumber
{
    public sealed record Parsed(LicenceKind Kind, string Number, string Category, string Region, string Sequence);

    [GeneratedRegex("^(SC|JY)([0-9]{14})$")]
    private static partial Regex Shape();

    public static string Normalize(string number) => CreditCode.Normalize(number);

    public static (Parsed? Licence, Problem? Error) Parse(string number)
    {
        var normalized = Normalize(number);
        var match = Shape().Match(normalized);
        if (!match.Success)
        {
            return (null, new Problem("LicenceNumber.Shape", normalized));
        }
        var digits = match.Groups[2].Value;
        if (match.Groups[1].Value == "SC")
        {
            // Category: 1xx food, 2xx food additives.
            if (digits[0] is not ('1' or '2'))
            {
                return (null, new Problem("LicenceNumber.ScCategory", normalized));
            }
            return (new Parsed(LicenceKind.Production, normalized, digits[..3], digits[3..9], digits[9..13]), null);
        }
        if (digits[0] is < '1' or > '3')
        {
            return (null, new Problem("LicenceNumber.JyType", normalized));
        }
        return (new Parsed(LicenceKind.Business, normalized, digits[..1], digits[1..7], digits[7..13]), null);
    }

    /// <summary>What does not fit the business, as warnings: a different region, a business type that does not match.</summary>
    public static IReadOnlyList<Problem> Warnings(Parsed licence, string? businessRegion, BusinessCategory category)
    {
        var warnings = new List<Problem>();
        if (businessRegion is { Length: 6 } && licence.Region != businessRegion)
        {
            warnings.Add(new Problem("LicenceNumber.RegionDiffers", licence.Region, businessRegion));
        }
        var fits = licence.Kind switch
        {
            LicenceKind.Production => category is BusinessCategory.Producer or BusinessCategory.Workshop,
            // Type digits 1 sales, 2 catering, 3 canteen [unconfirmed mapping: a warning, never a refusal].
            _ => (licence.Category, category) switch
            {
                ("1", BusinessCategory.Seller or BusinessCategory.HealthFoodSeller) => true,
                ("2", BusinessCategory.Caterer) => true,
                ("3", BusinessCategory.Canteen) => true,
                _ => false,
            },
        };
        if (!fits)
        {
            warnings.Add(new Problem("LicenceNumber.KindMismatch"));
        }
        return warnings;
    }
}
