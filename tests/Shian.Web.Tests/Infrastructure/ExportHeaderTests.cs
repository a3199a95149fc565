using System.Net;
using System.Text;
using MiniExcelLibs;

namespace Shian.Web.Tests.Infrastructure;

/// <summary>
/// Exports word their header row in the user's language, as the page does: Chinese by default, English with
/// <c>?culture=en</c> or after switching the language (the culture cookie). Checked on every sheet of each export.
/// </summary>
public sealed class ExportHeaderTests(ShianWebFactory factory) : IClassFixture<ShianWebFactory>
{
    public static TheoryData<string, string> Exports => new()
    {
        { "office", "/sampling/samples?handler=Export" },
        { "office", "/sampling?handler=Export" },
        { "office", "/sampling/categories?handler=Export" },
        { "office", "/sampling/results?handler=Export" },
        { "office", "/sampling/failures?handler=Export" },
        { "office", "/grain/imports?handler=Export" },
        { "office", "/grain/purchase?handler=Export" },
        { "office", "/kitchen-video?handler=Export" },
        { "office", "/credit/serious?handler=Export" },
        { "office", "/credit/serious?handler=Export&format=csv" },
        { "office", "/traceability/upload-rate?handler=Export" },
        { "office", "/trace/certificates?handler=Export" },
        { "admin", "/admin/townships?handler=Export" },
        { "admin", "/admin/units?handler=Export" },
    };

    [Theory]
    [MemberData(nameof(Exports))]
    public async Task An_export_header_row_is_Chinese_by_default_and_English_in_English(string role, string url)
    {
        using var client = await factory.SignedInAsync(role);
        var chinese = await HeadersAsync(client, url);
        var english = await HeadersAsync(client, url + "&culture=en");

        Assert.NotEmpty(chinese);
        Assert.Equal(chinese.Keys, english.Keys); // the same sheets
        foreach (var (sheet, header) in chinese)
        {
            Assert.NotEmpty(header);
            Assert.All(header, h => Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", h));
            Assert.Equal(header.Count, english[sheet].Count);
            Assert.All(english[sheet], h => Assert.Matches("^[A-Za-z]", h));
        }

        // Switching the language as a user does (the culture cookie) words the export the same way.
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync(url.Split('?')[0], new() { ["culture"] = "en", ["returnUrl"] = "/" }, "/culture")).StatusCode);
        Assert.Equal(english.Values, (await HeadersAsync(client, url)).Values);
    }

    /// <summary>Each sheet's header row, by sheet position (sheet names are worded too); a CSV is one sheet.</summary>
    private static async Task<Dictionary<int, List<string>>> HeadersAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        if (response.Content.Headers.ContentType?.MediaType == "text/csv")
        {
            var firstLine = Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF').Split("\r\n")[0];
            // Cells with a comma are quoted ("Township-level division (街道, 镇, 乡)").
            var cells = System.Text.RegularExpressions.Regex.Matches(firstLine, "(?<=^|,)(\"(?:[^\"]|\"\")*\"|[^,]*)")
                .Select(m => m.Value.StartsWith('"') ? m.Value[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal) : m.Value);
            return new() { [0] = [.. cells] };
        }
        using var stream = new MemoryStream(bytes);
        var sheets = new Dictionary<int, List<string>>();
        var names = stream.GetSheetNames();
        for (var i = 0; i < names.Count; i++)
        {
            var first = (IDictionary<string, object?>)stream.Query(sheetName: names[i]).First();
            sheets[i] = first.Values.Select(v => v?.ToString() ?? "").ToList();
        }
        return sheets;
    }
}
