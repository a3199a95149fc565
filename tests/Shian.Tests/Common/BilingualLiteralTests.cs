using System.Text.RegularExpressions;

namespace Shian.Tests.Common;

/// <summary>
/// One localisation path: the domain returns <see cref="Shian.Common.Problem"/> codes and the web words them, so no
/// domain source holds a "中文 / English" message (an English reader would see both languages).
/// </summary>
public partial class BilingualLiteralTests
{
    [Fact]
    public void No_domain_message_is_a_bilingual_literal()
    {
        var domain = Path.Combine(RepositoryRoot(), "src", "Shian");
        var found = Directory.EnumerateFiles(domain, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Path.GetRelativePath(domain, f), Line: i + 1, Text: line)))
            .Where(l => BilingualLiteral().IsMatch(l.Text) && !l.Text.TrimStart().StartsWith("//", StringComparison.Ordinal)
                && !l.Text.TrimStart().StartsWith("///", StringComparison.Ordinal))
            .Select(l => $"{l.File}:{l.Line}: {l.Text.Trim()}")
            .ToList();
        Assert.True(found.Count == 0, $"{found.Count} bilingual literals in src/Shian (return a Problem instead):\n" + string.Join("\n", found));
    }

    /// <summary>
    /// Web sources that may hold Chinese text, each for a reason that is not UI wording: everything a user reads on a
    /// page comes from the resource files, so an English reader never meets a Chinese-only label or error.
    /// </summary>
    private static readonly Dictionary<string, string> WebFilesWithChineseData = new()
    {
        ["Program.cs"] = "start-up lines on the operator's console, in both languages",
        ["Infrastructure/ProxySettings.cs"] = "start-up refusals on the operator's console, in both languages",
        ["Infrastructure/DatabaseStartup.cs"] = "start-up refusal on the operator's console, in both languages",
        ["Infrastructure/Frame.cs"] = "the platform's default name in each language",
        ["Infrastructure/Localization.cs"] = "the Chinese date format",
        ["Shared/_Layout.cshtml"] = "the language switch names each language in itself",
        ["Features/Registry/Import.cshtml.cs"] = "the import template's example row, in the values the import reads",
        ["Features/Registry/LicenceImport.cshtml.cs"] = "the import template's example row, in the values the import reads",
        ["Features/Sampling/Samples/LabImport.cshtml.cs"] = "the import template's example row, in the values the import reads",
        ["Features/Common/Calendar.cshtml.cs"] = "the words an administrator may type for a day's kind",
        ["Features/Organization/TownshipEdit.cshtml"] = "the kinds of township (街道, 镇, 乡), which are data",
        ["Features/Organization/TownshipEdit.cshtml.cs"] = "the kinds of township (街道, 镇, 乡), which are data",
        ["Features/Organization/OrganizationApi.cs"] = "the API description names the Chinese term",
        ["Features/Rectification/New.cshtml.cs"] = "the order number's official format (整改〔年〕)",
        ["Features/Grain/GrainRights.cs"] = "the grain centre found by its registered name",
        ["Features/Sampling/Samples/SamplesNew.cshtml.cs"] = "the form's default unit and the signature file's name, which are data",
        ["Features/Sampling/Failures/FailuresDetail.cshtml.cs"] = "the notice stored for the laboratory, in the district's language",
        ["Features/Sampling/Announcements/AnnouncementsNew.cshtml.cs"] = "the default title of a public announcement, a document in Chinese",
        ["Features/Traceability/Products/LabelSheet.cs"] = "the printed product label",
    };

    [Fact]
    public void No_page_holds_Chinese_wording_outside_the_resource_files()
    {
        var web = Path.Combine(RepositoryRoot(), "src", "Shian.Web");
        var found = new List<string>();
        foreach (var file in Directory.EnumerateFiles(web, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal)))
        {
            var relative = Path.GetRelativePath(web, file).Replace(Path.DirectorySeparatorChar, '/');
            if (relative.StartsWith("obj/", StringComparison.Ordinal) || relative.StartsWith("bin/", StringComparison.Ordinal)
                || WebFilesWithChineseData.ContainsKey(relative))
            {
                continue;
            }
            var razor = file.EndsWith(".cshtml", StringComparison.Ordinal);
            // Razor comments may span lines; placeholders show an example of the data to type, which is Chinese.
            var text = razor ? Placeholder().Replace(RazorComment().Replace(File.ReadAllText(file), m => new string('\n', m.Value.Count(c => c == '\n'))), "") : File.ReadAllText(file);
            foreach (var (line, number) in text.Split('\n').Select((l, i) => (l, i + 1)))
            {
                var code = line.TrimStart();
                if (code.StartsWith("//", StringComparison.Ordinal))
                {
                    continue;
                }
                if (razor ? Chinese().IsMatch(code) : ChineseLiteral().IsMatch(code))
                {
                    found.Add($"{relative}:{number}: {code}");
                }
            }
        }
        Assert.True(found.Count == 0, $"{found.Count} lines of Chinese wording in src/Shian.Web (use a resource key, l.Term(enum) or l.Word(problem)):\n" + string.Join("\n", found));
    }

    [GeneratedRegex("\\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Chinese();

    [GeneratedRegex("\"[^\"\\n]*\\p{IsCJKUnifiedIdeographs}[^\"\\n]*\"")]
    private static partial Regex ChineseLiteral();

    [GeneratedRegex("@\\*.*?\\*@", RegexOptions.Singleline)]
    private static partial Regex RazorComment();

    [GeneratedRegex("placeholder=\"[^\"]*\"")]
    private static partial Regex Placeholder();

    /// <summary>
    /// Seed-file readers whose line-by-line complaints a developer reads when a district's CSV files are wrong: not yet
    /// Problem codes. Nothing else may add a Chinese sentence to a list of errors.
    /// </summary>
    private static readonly string[] SeedFileReaders = [Path.Combine("Organization", "DistrictFiles.cs"), Path.Combine("Sampling", "FoodCategory.cs")];

    [Fact]
    public void No_domain_refusal_is_a_Chinese_sentence()
    {
        var domain = Path.Combine(RepositoryRoot(), "src", "Shian");
        var found = Directory.EnumerateFiles(domain, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !SeedFileReaders.Contains(Path.GetRelativePath(domain, f)))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Path.GetRelativePath(domain, f), Line: i + 1, Text: line)))
            .Where(l => ChineseRefusal().IsMatch(l.Text) && !l.Text.TrimStart().StartsWith("//", StringComparison.Ordinal))
            .Select(l => $"{l.File}:{l.Line}: {l.Text.Trim()}")
            .ToList();
        Assert.True(found.Count == 0, $"{found.Count} Chinese refusals in src/Shian (return a Problem instead):\n" + string.Join("\n", found));
    }

    [Theory]
    [InlineData("errors.Add((nameof(Input.Code), \"仓房编号：必填。\"));", true)]
    [InlineData("errors.Add((field, $\"{item.Name}：不能为负数。\"));", true)]
    [InlineData("return (0, [new RowError(0, FileColumn, \"文件为空\")]);", true)]
    [InlineData("errors.Add((nameof(Input.Code), new Problem(\"Grain.Required\", Field)));", false)]
    [InlineData("black.Add($\"近 {WindowMonths} 个月抽检不合格 {f.FailedSamples} 批次\");", false)] // a recorded reason: data
    [InlineData("(AgriculturalName, \"蔬菜\"),", false)]
    public void The_refusal_pattern_finds_Chinese_sentences_added_to_errors_only(string line, bool refusal) =>
        Assert.Equal(refusal, ChineseRefusal().IsMatch(line));

    // A Chinese literal handed to an error list, a row error or a failure: a sentence the domain words itself.
    [GeneratedRegex("(?:\\b[Ee]rrors\\.Add|\\bnew RowError|\\bFail)\\([^;]*?\\$?\"[^\"\\n]*\\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex ChineseRefusal();

    [Theory]
    [InlineData("return \"抽样单已提交 / the form has already been submitted\";", true)]
    [InlineData("$\"{at}无法识别“{Detail}” / {atEn}cannot read '{Detail}'\"", true)]
    [InlineData("new Problem(\"Sample.AlreadySubmitted\")", false)]
    [InlineData("var path = \"抽检/2026\";", false)]
    [InlineData("const string Unit = \"批次/千人\";", false)]
    public void The_pattern_finds_bilingual_messages_only(string line, bool bilingual) =>
        Assert.Equal(bilingual, BilingualLiteral().IsMatch(line));

    // A string literal holding Chinese, then " / ", then a Latin word: the "中文 / English" message shape.
    [GeneratedRegex("\"[^\"\\n]*\\p{IsCJKUnifiedIdeographs}[^\"\\n]* / [^\"\\n]*[A-Za-z]{2}[^\"\\n]*\"")]
    private static partial Regex BilingualLiteral();

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Shian.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Shian.slnx not found above " + AppContext.BaseDirectory);
    }
}
