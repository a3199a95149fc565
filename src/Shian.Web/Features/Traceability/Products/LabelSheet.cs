using System.Globalization;
using System.Net;
using System.Text;
using QRCoder;
using SkiaSharp;

namespace Shian.Web.Features.Traceability;

/// <summary>
/// A printable sheet of identical QR labels for one lot: A4 pages of 3 × 8 labels (70 × 37 mm, common self-adhesive
/// label stock), each with the QR code of the lot's address and the product name, lot and short code in text. SVG for
/// any printer (all pages in one document), PNG one page at a time at 150 dpi. The QR matrix is QRCoder's (medium error
/// correction, with its quiet zone).
/// </summary>
public sealed class LabelSheet(string url, string productName, string lot, string code, int count)
{
    public const int MaxCount = 500;
    public const int Columns = 3;
    public const int Rows = 8;
    public const int PerPage = Columns * Rows;
    private const double PageWidth = 210, PageHeight = 297, CellWidth = PageWidth / Columns, CellHeight = PageHeight / Rows, QrSize = 30;

    public int Pages => Math.Max(1, (count + PerPage - 1) / PerPage);

    private List<System.Collections.BitArray> Matrix()
    {
        using var data = QRCodeGenerator.GenerateQrCode(url, QRCodeGenerator.ECCLevel.M);
        return data.ModuleMatrix;
    }

    private static string Fit(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    public string Svg()
    {
        var matrix = Matrix();
        var size = matrix.Count;
        var path = new StringBuilder();
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                if (matrix[y][x])
                {
                    path.Append(CultureInfo.InvariantCulture, $"M{x} {y}h1v1h-1z");
                }
            }
        }
        string F(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);
        var height = PageHeight * Pages;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"210mm\" height=\"{F(height)}mm\" viewBox=\"0 0 210 {F(height)}\" font-family=\"Noto Sans CJK SC, sans-serif\">");
        svg.Append(CultureInfo.InvariantCulture, $"<defs><symbol id=\"qr\" viewBox=\"0 0 {size} {size}\"><rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/><path d=\"{path}\" fill=\"#000\"/></symbol></defs>");
        var name = WebUtility.HtmlEncode(Fit(productName, 12));
        var lotText = WebUtility.HtmlEncode(Fit(lot, 20));
        for (var i = 0; i < count; i++)
        {
            var (x, y) = Origin(i);
            svg.Append(CultureInfo.InvariantCulture, $"<g class=\"label\" data-payload=\"{WebUtility.HtmlEncode(url)}\" transform=\"translate({F(x)} {F(y)})\">");
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"1\" y=\"1\" width=\"{F(CellWidth - 2)}\" height=\"{F(CellHeight - 2)}\" rx=\"2\" fill=\"none\" stroke=\"#ccc\" stroke-width=\"0.2\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<use href=\"#qr\" x=\"3\" y=\"{F((CellHeight - QrSize) / 2)}\" width=\"{QrSize}\" height=\"{QrSize}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"35\" y=\"11\" font-size=\"3.6\" font-weight=\"700\">{name}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"35\" y=\"18\" font-size=\"3\">批号 {lotText}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"35\" y=\"25\" font-size=\"3\">扫码查验 /t/{code}</text>");
            svg.Append("</g>");
        }
        svg.Append("</svg>");
        return svg.ToString();
    }

    /// <summary>One A4 page (1-based) at 150 dpi.</summary>
    public byte[] Png(int page)
    {
        const float scale = 1240f / 210f;
        var matrix = Matrix();
        using var bitmap = new SKBitmap(1240, 1754);
        using var canvas = new SKCanvas(bitmap);
        canvas.Clear(SKColors.White);
        using var black = new SKPaint { Color = SKColors.Black, IsAntialias = false };
        using var border = new SKPaint { Color = new SKColor(0xCC, 0xCC, 0xCC), Style = SKPaintStyle.Stroke, StrokeWidth = 1 };
        using var typeface = SKFontManager.Default.MatchCharacter('食') ?? SKTypeface.Default;
        using var bold = new SKFont(typeface, 3.6f * scale) { Embolden = true };
        using var small = new SKFont(typeface, 3f * scale);
        var first = (page - 1) * PerPage;
        var module = (float)(QrSize * scale / matrix.Count);
        for (var i = first; i < Math.Min(count, first + PerPage); i++)
        {
            var (x, y) = Origin(i - first);
            var left = (float)x * scale;
            var top = (float)y * scale;
            canvas.DrawRect(left + scale, top + scale, (float)(CellWidth - 2) * scale, (float)(CellHeight - 2) * scale, border);
            var qrLeft = left + 3 * scale;
            var qrTop = top + (float)((CellHeight - QrSize) / 2) * scale;
            for (var my = 0; my < matrix.Count; my++)
            {
                for (var mx = 0; mx < matrix.Count; mx++)
                {
                    if (matrix[my][mx])
                    {
                        canvas.DrawRect(qrLeft + mx * module, qrTop + my * module, module + 0.5f, module + 0.5f, black);
                    }
                }
            }
            canvas.DrawText(Fit(productName, 12), left + 35 * scale, top + 11 * scale, bold, black);
            canvas.DrawText("批号 " + Fit(lot, 20), left + 35 * scale, top + 18 * scale, small, black);
            canvas.DrawText("扫码查验 /t/" + code, left + 35 * scale, top + 25 * scale, small, black);
        }
        using var image = SKImage.FromBitmap(bitmap);
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }

    private static (double X, double Y) Origin(int index)
    {
        var page = index / PerPage;
        var within = index % PerPage;
        return (within % Columns * CellWidth, page * PageHeight + within / Columns * CellHeight);
    }
}
