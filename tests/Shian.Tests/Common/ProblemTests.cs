using Shian.Common;

namespace Shian.Tests.Common;

public class ProblemTests
{
    private static readonly Dictionary<string, string> Words = new()
    {
        ["Problem.Sample.ReceivedBeforeSampled"] = "接收日期 {0} 早于抽样日期 {1}",
        ["Problem.Sample.WrongStatus"] = "当前状态为{0}",
        ["Problem.Outer"] = "第 {0} 行：{1}",
        ["SampleStatus.Received"] = "已接收",
    };

    private static string Word(Problem p) => ProblemWording.Word(p, k => Words.GetValueOrDefault(k));

    [Fact]
    public void Fills_the_format_with_iso_dates() =>
        Assert.Equal("接收日期 2026-03-01 早于抽样日期 2026-03-02",
            Word(new Problem("Sample.ReceivedBeforeSampled", new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 2))));

    [Fact]
    public void Words_terms_and_nested_problems() =>
        Assert.Equal("第 7 行：当前状态为已接收",
            Word(new Problem("Outer", 7, new Problem("Sample.WrongStatus", Problem.TermFor(Shian.Sampling.SampleStatus.Received)))));

    [Fact]
    public void A_missing_key_shows_the_code_and_values_not_a_blank() =>
        Assert.Equal("Nowhere.Unknown(3, x)", Word(new Problem("Nowhere.Unknown", 3, "x")));

    [Fact]
    public void A_format_without_values_is_left_alone() =>
        Assert.Equal("当前状态为{0}", ProblemWording.Word(new Problem("Sample.WrongStatus"), k => Words.GetValueOrDefault(k)));
}
