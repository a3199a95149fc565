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
