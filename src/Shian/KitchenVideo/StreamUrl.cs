using Shian.Common;

namespace Shian.KitchenVideo;

/// <summary>
/// The address of a kitchen camera's live view, as the video platform gives it. Only <c>http</c>, <c>https</c> and
/// <c>rtsp</c> addresses are taken: the link is opened by inspectors from the business page, so a <c>javascript:</c>,
/// <c>data:</c> or <c>file:</c> address (or anything relative) would run or open something else in their browser.
/// </summary>
public static class StreamUrl
{
    public const int MaxLength = 500;

    public static readonly IReadOnlyList<string> Schemes = ["http", "https", "rtsp"];

    /// <summary>
    /// The address to store, or why it is refused (naming the field). Surrounding blanks are dropped as a
    /// paste leaves them; any blank or control character inside, a scheme other than the three, a missing host, or a
    /// user name or password in the address (it would be shown to everyone who sees the business) is refused.
    /// </summary>
    public static (string? Url, Problem? Error) Check(string? input)
    {
        var text = (input ?? "").Trim();
        if (text.Length == 0)
        {
            return (null, new Problem("StreamUrl.Required"));
        }
        if (text.Length > MaxLength)
        {
            return (null, new Problem("StreamUrl.TooLong", MaxLength));
        }
        if (text.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            return (null, new Problem("StreamUrl.Blanks"));
        }
        var colon = text.IndexOf(':');
        var scheme = colon > 0 ? text[..colon] : "";
        // Compare the scheme as written (ordinal, lower-cased) before any parser normalises it.
        if (!Schemes.Contains(scheme.ToLowerInvariant()) || !text.AsSpan(colon).StartsWith("://"))
        {
            return (null, new Problem("StreamUrl.Scheme"));
        }
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Host.Length == 0
            || !Schemes.Contains(uri.Scheme, StringComparer.Ordinal))
        {
            return (null, new Problem("StreamUrl.Invalid"));
        }
        if (uri.UserInfo.Length > 0)
        {
            return (null, new Problem("StreamUrl.Credentials"));
        }
        return (text, null);
    }
}
