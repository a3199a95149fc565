using System.Security.Cryptography;

namespace Shian.Complaints;

/// <summary>
/// The code a submitter follows a complaint by: 12 characters from an alphabet without look-alikes (no 0/O, 1/I/L),
/// shown in groups of four. 31^12 ≈ 2^59 codes: not guessable by the rate-limited lookup, and it says nothing about
/// the submitter or the business.
/// </summary>
public static class TrackingCodes
{
    private const string Alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    public const int Length = 12;

    public static string New() => new(RandomNumberGenerator.GetItems<char>(Alphabet, Length));

    /// <summary>What a person typed (spaces, hyphens, lower case, full-width) as the stored code, or null if it cannot be one.</summary>
    public static string? Normalize(string? typed)
    {
        var code = new string((typed ?? "").Normalize(System.Text.NormalizationForm.FormKC)
            .Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray()).ToUpperInvariant();
        return code.Length == Length && code.All(Alphabet.Contains) ? code : null;
    }

    /// <summary>For reading aloud and printing: XXXX-XXXX-XXXX.</summary>
    public static string Display(string code) => code.Length == Length ? $"{code[..4]}-{code[4..8]}-{code[8..]}" : code;
}
