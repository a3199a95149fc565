namespace Shian.Complaints;

/// <summary>
/// Duplicates (重复投诉举报): the same business, similar content, within a window (configuration
/// "Complaints:Duplicates"). Similarity is the Dice coefficient of the two descriptions' character pairs, which suits
/// Chinese text without a word segmenter: people describing the same incident share most two-character runs.
/// </summary>
public sealed record ComplaintDuplicates(int WindowDays = 30, double MinSimilarity = 0.5)
{
    public static readonly ComplaintDuplicates Default = new();

    public static double Similarity(string a, string b)
    {
        var left = Pairs(a);
        var right = Pairs(b);
        if (left.Count == 0 || right.Count == 0)
        {
            return 0;
        }
        var shared = 0;
        var remaining = new Dictionary<string, int>(right);
        foreach (var (pair, count) in left)
        {
            if (remaining.TryGetValue(pair, out var other))
            {
                shared += Math.Min(count, other);
            }
        }
        return 2.0 * shared / (left.Values.Sum() + right.Values.Sum());
    }

    public bool AreDuplicates(Complaint a, Complaint b) =>
        a.Id != b.Id && SameBusiness(a, b) && Math.Abs(a.ReceivedOn.DayNumber - b.ReceivedOn.DayNumber) <= WindowDays
        && Similarity(a.Description, b.Description) >= MinSimilarity;

    private static bool SameBusiness(Complaint a, Complaint b) =>
        a.BusinessId is { } x && b.BusinessId is { } y ? x == y
        : a.BusinessCreditCode is { } c && b.BusinessCreditCode is { } d ? c == d
        : Squeeze(a.BusinessName) == Squeeze(b.BusinessName);

    private static string Squeeze(string text) => new(text.Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant).ToArray());

    private static Dictionary<string, int> Pairs(string text)
    {
        var letters = Squeeze(text);
        var pairs = new Dictionary<string, int>();
        for (var i = 0; i + 1 < letters.Length; i++)
        {
            var pair = letters.Substring(i, 2);
            pairs[pair] = pairs.GetValueOrDefault(pair) + 1;
        }
        return pairs;
    }
}
