namespace Shian.Registry;

/// <summary>
/// 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-symbol alphabet; the 18th is a check character computed
/// from the first 17 with fixed weights (mod 31).
/// </summary>
public static class CreditCode
{
    /// <summary>The code's alphabet: digits and capitals without I, O, S, V, Z. A symbol's value is its position.</summary>
    public const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    public sealed record Check(string Normalized, bool Valid, Common.Problem? Error, char? ExpectedCheck);

    /// <summary>Upper-cases and trims what people type or paste (full-width characters included).</summary>
    public static string Normalize(string code) => new string(code.Trim().Normalize(System.Text.NormalizationForm.FormKC)
        .Where(c => !char.IsWhiteSpace(c)).ToArray()).ToUpperInvariant();

    public static Check Validate(string code)
    {
        var normalized = Normalize(code);
        if (normalized.Length != 18)
        {
            return new(normalized, false, new Common.Problem("CreditCode.Length", normalized.Length), null);
        }
        // The check character is judged against the computed one, so that a wrong one (even I or Z) names the right one.
        for (var i = 0; i < 17; i++)
        {
            if (!Alphabet.Contains(normalized[i]))
            {
                return new(normalized, false, new Common.Problem("CreditCode.Character", i + 1, normalized[i].ToString()), null);
            }
        }
        var expected = CheckCharacter(normalized[..17]);
        return normalized[17] == expected
            ? new(normalized, true, null, null)
            : new(normalized, false, new Common.Problem("CreditCode.CheckCharacter", expected.ToString(), normalized[17].ToString()), expected);
    }

    /// <summary>The 18th character for 17 valid characters: (31 − Σ value × weight mod 31) mod 31.</summary>
    public static char CheckCharacter(string first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += Alphabet.IndexOf(first17[i], StringComparison.Ordinal) * Weights[i];
        }
        return Alphabet[(31 - sum % 31) % 31];
    }

    /// <summary>The administrative division (positions 3–8), e.g. 120119 for 蓟州区.</summary>
    public static string Region(string normalized) => normalized.Substring(2, 6);
}
