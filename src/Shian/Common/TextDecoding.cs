using System.Text;

namespace Shian.Common;

/// <summary>Text files as offices send them: UTF-8 (with or without BOM) or GB18030 from Chinese Windows.</summary>
public static class TextDecoding
{
    static TextDecoding() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>UTF-8 when the bytes are valid UTF-8 (with or without BOM), otherwise GB18030, which Chinese Windows writes.</summary>
    public static (string? Text, Problem? Error) Decode(byte[] content)
    {
        if (Array.IndexOf(content, (byte)0) >= 0)
        {
            return (null, new Problem("Import.Binary"));
        }
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(content);
        }
        catch (DecoderFallbackException)
        {
            try
            {
                text = Encoding.GetEncoding("GB18030", EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback).GetString(content);
            }
            catch (DecoderFallbackException)
            {
                return (null, new Problem("Import.UnknownEncoding"));
            }
        }
        // Text never holds NUL or other control characters beyond line breaks and tabs: such a file is binary.
        var control = text.Count(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t'));
        if (control > 0)
        {
            return (null, new Problem("Import.Binary"));
        }
        return (text.TrimStart('\uFEFF'), null);
    }
}
