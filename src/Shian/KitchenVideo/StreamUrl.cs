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
    /// The address to store, or why it is refused (Chinese, naming the field). Surrounding blanks are dropped as a
    /// paste leaves them; any blank or control character inside, a scheme other than the three, a missing host, or a
    /// user name or password in the address (it would be shown to everyone who sees the business) is refused.
    /// </summary>
    public static (string? Url, string? Error) Check(string? input)
    {
        var text = (input ?? "").Trim();
        if (text.Length == 0)
        {
            return (null, "视频地址：必填。");
        }
        if (text.Length > MaxLength)
        {
            return (null, $"视频地址：不能超过 {MaxLength} 个字符。");
        }
        if (text.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            return (null, "视频地址：不能包含空格或控制字符。");
        }
        var colon = text.IndexOf(':');
        var scheme = colon > 0 ? text[..colon] : "";
        // Compare the scheme as written (ordinal, lower-cased) before any parser normalises it.
        if (!Schemes.Contains(scheme.ToLowerInvariant()) || !text.AsSpan(colon).StartsWith("://"))
        {
            return (null, "视频地址：只接受 http://、https:// 或 rtsp:// 开头的地址。");
        }
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Host.Length == 0
            || !Schemes.Contains(uri.Scheme, StringComparer.Ordinal))
        {
            return (null, "视频地址：不是有效的网址。");
        }
        if (uri.UserInfo.Length > 0)
        {
            return (null, "视频地址：不要在地址中写用户名或密码。");
        }
        return (text, null);
    }
}
