using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Shian.Common;

namespace Shian.Plans;

/// <summary>
/// Reads the text of an official supervision plan (通知 + 计划) into its notice, title, sections and numbered tasks, with
/// each task's responsible units and quantitative targets. Pure and deterministic; real plans number tasks as
/// <c>1．</c>, <c>1.</c>, <c>1、</c>, <c>（一）</c> or <c>(一)</c> and name units in several forms, all handled here.
/// </summary>
public static partial class PlanParser
{
    public sealed record Result(ParsedPlan? Plan, Problem? Error);

    private enum Style
    {
        Digit,         // 1． 1. 1、
        ParenChinese,  // （一） (一)
        ParenDigit,    // （1） (1)
        ChineseDun,    // 一、 used for tasks rather than section headings
    }

    private sealed record Line(int Index, string Text, Style? Style, int Number, string Label, string Rest);

    public static Result Parse(string text)
    {
        var lines = Normalize(text);
        if (lines.All(l => l.Length == 0))
        {
            return new Result(null, new Problem("Plan.DocumentEmpty"));
        }

        var classified = lines.Select(Classify).ToList();
        var taskStyle = classified.FirstOrDefault(l => l.Style is not null && !IsSectionHeading(l))?.Style;
        if (taskStyle is null)
        {
            return new Result(null, new Problem("Plan.NoNumberedTask"));
        }

        var sections = new List<ParsedSection>();
        var tasks = new List<ParsedTask>();
        string? section = null;
        Line? current = null;
        var body = new List<string>();
        var firstStructuralLine = -1;

        void Flush()
        {
            if (current is not null)
            {
                tasks.Add(BuildTask(current, section, body));
            }
            current = null;
            body.Clear();
        }

        foreach (var line in classified)
        {
            if (line.Style == Style.ChineseDun && IsSectionHeading(line) && taskStyle != Style.ChineseDun)
            {
                Flush();
                section = line.Rest;
                sections.Add(new ParsedSection(line.Label, line.Rest));
                firstStructuralLine = firstStructuralLine < 0 ? line.Index : firstStructuralLine;
            }
            else if (line.Style == taskStyle)
            {
                Flush();
                current = line;
                body.Add(line.Rest);
                firstStructuralLine = firstStructuralLine < 0 ? line.Index : firstStructuralLine;
            }
            else if (current is not null && IsClosing(line.Text))
            {
                Flush();
            }
            else if (current is not null && line.Text.Length > 0)
            {
                body.Add(line.Text);
            }
        }
        Flush();

        var notice = lines.Take(firstStructuralLine < 0 ? lines.Count : firstStructuralLine).ToList();
        var title = FindTitle(notice);
        var (issuer, date) = FindIssuerAndDate(notice);
        var year = title is null ? date?.Year : YearIn(title) ?? date?.Year;
        return new Result(new ParsedPlan(title, year, issuer, date, FindRecipients(notice), sections, tasks), null);
    }

    // ---- lines ---------------------------------------------------------------------------------------------------

    private static List<string> Normalize(string text) => text
        .Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n')
        .Replace('\u3000', ' ').Replace("\uFEFF", "", StringComparison.Ordinal)
        .Split('\n')
        .Select(l => l.Trim())
        .ToList();

    private static Line Classify(string text, int index)
    {
        foreach (var (regex, style) in Numberings)
        {
            var match = regex.Match(text);
            if (match.Success)
            {
                var label = match.Groups["n"].Value;
                var number = style is Style.Digit or Style.ParenDigit ? int.Parse(label, CultureInfo.InvariantCulture) : ChineseNumber(label);
                if (number > 0)
                {
                    return new Line(index, text, style, number, label, text[match.Length..].Trim());
                }
            }
        }
        return new Line(index, text, null, 0, "", text);
    }

    private static readonly (Regex Regex, Style Style)[] Numberings =
    [
        (DigitNumber(), Style.Digit),
        (ParenChineseNumber(), Style.ParenChinese),
        (ParenDigitNumber(), Style.ParenDigit),
        (ChineseDunNumber(), Style.ChineseDun),
    ];

    [GeneratedRegex(@"^(?<n>\d{1,3})\s*[．.、](?!\d)\s*")]
    private static partial Regex DigitNumber();

    [GeneratedRegex(@"^[（(]\s*(?<n>[一二三四五六七八九十]{1,3})\s*[）)]\s*")]
    private static partial Regex ParenChineseNumber();

    [GeneratedRegex(@"^[（(]\s*(?<n>\d{1,3})\s*[）)]\s*")]
    private static partial Regex ParenDigitNumber();

    [GeneratedRegex(@"^(?<n>[一二三四五六七八九十]{1,3})\s*[、．.]\s*")]
    private static partial Regex ChineseDunNumber();

    /// <summary>一、年度重点工作任务 is a heading: short, no sentence inside. 一、落实责任。… is a task.</summary>
    private static bool IsSectionHeading(Line line) =>
        line.Style == Style.ChineseDun && line.Rest.Length is > 0 and <= 30 && line.Rest.IndexOfAny(['。', '；', ';']) < 0;

    /// <summary>What follows the last task: attachments, publication marks, signatures.</summary>
    private static bool IsClosing(string text) =>
        text.StartsWith("附件", StringComparison.Ordinal) || text is "（此件主动公开）" or "(此件主动公开)" || text.StartsWith("抄送", StringComparison.Ordinal);

    // ---- tasks ---------------------------------------------------------------------------------------------------

    private static ParsedTask BuildTask(Line head, string? section, List<string> body)
    {
        var text = string.Join("\n", body);
        var markers = Markers(text);
        var plain = RemoveMarkers(text, markers).Trim();
        return new ParsedTask(head.Number, head.Label, section, TitleOf(body[0], body.Count), text,
            Responsibilities(text, markers, plain), Indicators(plain));
    }

    private static string TitleOf(string firstLine, int lineCount)
    {
        // A sentence ends at 。；！ or at an ASCII full stop that is not a decimal point.
        var stop = SentenceEnd().Match(firstLine);
        var end = stop.Success ? stop.Index : -1;
        if (end > 0 && end <= 60)
        {
            return firstLine[..end].Trim();
        }
        if (lineCount > 1 && firstLine.Length <= 40)
        {
            return firstLine.TrimEnd('：', ':').Trim();
        }
        return firstLine.Length <= 30 ? firstLine : firstLine[..30] + "…";
    }

    [GeneratedRegex(@"[。；;！]|\.(?!\d)")]
    private static partial Regex SentenceEnd();

    /// <summary>A parenthesised group that names units, where it sits in the task text, and what it says.</summary>
    private sealed record Marker(int Start, int End, bool WholeTask, IReadOnlyList<(ResponsibilityRole Role, IReadOnlyList<string> Units)> Parts);

    /// <summary>Top-level parenthesised groups (full-width or ASCII, nested allowed) that name responsible units.</summary>
    private static List<Marker> Markers(string text)
    {
        var markers = new List<Marker>();
        var depth = 0;
        var start = -1;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is '（' or '(')
            {
                if (depth++ == 0)
                {
                    start = i;
                }
            }
            else if (text[i] is '）' or ')' && depth > 0 && --depth == 0)
            {
                var content = text[(start + 1)..i].Trim();
                if (ClassifyMarker(content) is { } marker)
                {
                    markers.Add(marker with { Start = start, End = i + 1 });
                }
            }
        }
        return markers;
    }

    private static Marker? ClassifyMarker(string content)
    {
        var labelled = LabelledUnits().Match(content);
        if (labelled.Success)
        {
            // （责任单位：A、B） or （牵头单位：A；配合单位：B、C）
            var parts = new List<(ResponsibilityRole, IReadOnlyList<string>)>();
            foreach (var clause in content.Split(['；', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var m = LabelledUnits().Match(clause);
                var units = SplitUnits(m.Success ? m.Groups["units"].Value : clause);
                var label = m.Success ? m.Groups["label"].Value : "";
                var role = label.StartsWith("牵头", StringComparison.Ordinal) ? ResponsibilityRole.Lead
                    : label.StartsWith("配合", StringComparison.Ordinal) || label.StartsWith("协办", StringComparison.Ordinal) ? ResponsibilityRole.Cooperate
                    : ResponsibilityRole.Responsible;
                if (role == ResponsibilityRole.Responsible && LeadAndCooperate(m.Success ? m.Groups["units"].Value : clause) is { } split)
                {
                    parts.AddRange(split);
                }
                else if (units.Count > 0)
                {
                    parts.Add((role, units));
                }
            }
            return parts.Count > 0 ? new Marker(0, 0, WholeTask: true, parts) : null;
        }
        if (LeadAndCooperate(content) is { } lead)
        {
            return new Marker(0, 0, WholeTask: false, lead);
        }
        var responsible = ResponsibleUnits().Match(content);
        if (responsible.Success && SplitUnits(responsible.Groups["units"].Value) is { Count: > 0 } named && named.All(LooksLikeUnit))
        {
            return new Marker(0, 0, WholeTask: false, [(ResponsibilityRole.Responsible, named)]);
        }
        return null;
    }

    /// <summary>A牵头，B、C按职责分工配合 → lead A, cooperate B and C.</summary>
    private static List<(ResponsibilityRole, IReadOnlyList<string>)>? LeadAndCooperate(string content)
    {
        var m = LeadCooperate().Match(content);
        if (!m.Success)
        {
            return null;
        }
        var lead = SplitUnits(m.Groups["lead"].Value);
        var cooperate = SplitUnits(m.Groups["coop"].Value);
        if (lead.Count == 0 || !lead.Concat(cooperate).All(LooksLikeUnit))
        {
            return null;
        }
        var parts = new List<(ResponsibilityRole, IReadOnlyList<string>)> { (ResponsibilityRole.Lead, lead) };
        if (cooperate.Count > 0)
        {
            parts.Add((ResponsibilityRole.Cooperate, cooperate));
        }
        return parts;
    }

    [GeneratedRegex(@"^(?<label>责任单位|责任部门|牵头单位|牵头部门|配合单位|配合部门|协办单位)\s*[：:]\s*(?<units>.+)$")]
    private static partial Regex LabelledUnits();

    [GeneratedRegex(@"^(?<lead>.+?)牵头(?:\s*[，,；;、]\s*(?<coop>.+?)(?:按照?职责分工|按职责|分别|共同)?(?:配合|参与))?$")]
    private static partial Regex LeadCooperate();

    [GeneratedRegex(@"^(?:由)?(?<units>.+?)(?:按照?职责分工|按职责|分别|共同)?负责$")]
    private static partial Regex ResponsibleUnits();

    /// <summary>Splits 区市场监管局、各乡镇（街道），区教育局 at separators outside parentheses.</summary>
    private static List<string> SplitUnits(string text)
    {
        var units = new List<string>();
        var current = new StringBuilder();
        var depth = 0;
        foreach (var c in text)
        {
            if (c is '（' or '(')
            {
                depth++;
            }
            else if (c is '）' or ')')
            {
                depth = Math.Max(0, depth - 1);
            }
            if (depth == 0 && c is '、' or '，' or ',' or '；' or ';')
            {
                units.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }
        units.Add(current.ToString());
        return units
            .Select(u => u.Trim().TrimEnd('。', '.').Trim())
            .Select(u => u.StartsWith('由') ? u[1..] : u)
            .Select(u => u.EndsWith('等') && u.Length > 2 ? u[..^1] : u)
            .Where(u => u.Length > 0)
            .Distinct()
            .ToList();
    }

    /// <summary>A unit name is a short name, not a clause: 区市场监管局, 各乡镇（街道）, 各级食安委.</summary>
    private static bool LooksLikeUnit(string name) =>
        name.Length is >= 2 and <= 30 && name.IndexOfAny(['。', '：', ':', '，']) < 0 && !name.Any(char.IsAsciiDigit);

    private static string RemoveMarkers(string text, List<Marker> markers)
    {
        var result = new StringBuilder(text);
        foreach (var marker in markers.OrderByDescending(m => m.Start))
        {
            result.Remove(marker.Start, marker.End - marker.Start);
        }
        return result.ToString();
    }

    /// <summary>
    /// A whole-task marker covers all of the task; a per-sentence marker covers the text since the previous
    /// per-sentence marker.
    /// </summary>
    private static List<ParsedResponsibility> Responsibilities(string text, List<Marker> markers, string plain)
    {
        var result = new List<ParsedResponsibility>();
        var from = 0;
        foreach (var marker in markers)
        {
            string covered;
            if (marker.WholeTask)
            {
                covered = plain;
            }
            else
            {
                covered = RemoveMarkers(text[from..marker.Start], markers.Where(m => m.Start >= from && m.End <= marker.Start).Select(m => m with { Start = m.Start - from, End = m.End - from }).ToList());
                from = marker.End;
            }
            covered = covered.Trim().TrimStart('。', '；', ';', '，', ',').Trim();
            foreach (var (role, units) in marker.Parts)
            {
                result.Add(new ParsedResponsibility(role, units, covered));
            }
        }
        return result;
    }

    // ---- indicators ----------------------------------------------------------------------------------------------

    private sealed record Pattern(Regex Regex, string Comparator, string? Unit, SubjectFrom Subject);

    private enum SubjectFrom
    {
        Before,          // 抽检量不少于4批次/千人: what precedes the number
        BeforeAndAfter,  // 进口保健食品100%联网核查监管: both sides of the number
        After,           // 每半年对区级储备粮进行强制检验: what follows
    }

    // Earlier patterns win where two would match the same words.
    private static readonly Pattern[] Patterns =
    [
        new(new(@"不少于(?<v>\d+(?:\.\d+)?)(?<u>批次/千人|批次/万人|批次|家|次|个|项|人|%)"), ">=", null, SubjectFrom.Before),
        new(new(@"不低于(?<v>\d+(?:\.\d+)?)(?<u>%|批次|家|次)(?:的)?(?:比例)?"), ">=", null, SubjectFrom.Before),
        new(new(@"(?:达到|提高到|提升到|保持在|稳定在|达)(?<v>\d+(?:\.\d+)?)(?<u>%|分)(?:以上)?"), ">=", null, SubjectFrom.Before),
        new(new(@"(?:超过|高于|大于)(?<v>\d+(?:\.\d+)?)(?<u>%|家|个|分)"), ">", null, SubjectFrom.Before),
        new(new(@"(?:控制在|降至|降低到)?(?<v>\d+(?:\.\d+)?)(?<u>/10万|/万|/千|%)(?:以下|以内)"), "<=", null, SubjectFrom.Before),
        new(new(@"(?:低于|不超过|少于)(?<v>\d+(?:\.\d+)?)(?<u>/10万|/万|/千|%)"), "<", null, SubjectFrom.Before),
        new(new(@"评分(?<v>\d+(?:\.\d+)?)(?<u>分)以上"), ">=", null, SubjectFrom.Before),
        new(new(@"(?<v>\d+(?:\.\d+)?)(?<u>分|%)以上"), ">=", null, SubjectFrom.Before),
        new(new(@"完成(?<v>\d+)(?<u>家|个|次|项|批次|所|户)"), ">=", null, SubjectFrom.After),
        new(new(@"(?<v>100)(?<u>%)"), "=", null, SubjectFrom.BeforeAndAfter),
        // 实行全覆盖检查: every one of them, i.e. 100% (unless the number is written out: 100%全覆盖).
        new(new(@"(?<!%)(?<full>全覆盖)"), ">=", "%", SubjectFrom.BeforeAndAfter),
        new(new(@"每(?<p>半年|学期|季度|月|年|周)"), ">=", "次", SubjectFrom.After),
    ];

    private static List<ParsedIndicator> Indicators(string text)
    {
        var found = new List<(int Start, int End, ParsedIndicator Indicator)>();
        foreach (var pattern in Patterns)
        {
            foreach (Match match in pattern.Regex.Matches(text))
            {
                if (found.Any(f => match.Index < f.End && f.Start < match.Index + match.Length))
                {
                    continue;
                }
                var (clauseStart, clauseEnd) = Clause(text, match.Index, match.Index + match.Length);
                var before = text[clauseStart..match.Index];
                var after = text[(match.Index + match.Length)..clauseEnd];
                var subject = pattern.Subject switch
                {
                    SubjectFrom.Before => Clean(before) is { Length: >= 2 } s ? s : Clean(after),
                    SubjectFrom.BeforeAndAfter => Clean(before + after),
                    _ => Clean(after) is { Length: >= 2 } s ? s : Clean(before),
                };
                var (value, unit) = match.Groups["p"].Success ? (1m, $"{pattern.Unit}/{match.Groups["p"].Value}")
                    : match.Groups["full"].Success ? (100m, pattern.Unit!)
                    : (decimal.Parse(match.Groups["v"].Value, CultureInfo.InvariantCulture), match.Groups["u"].Value);
                found.Add((match.Index, match.Index + match.Length,
                    new ParsedIndicator(text[clauseStart..clauseEnd].Trim(), subject, pattern.Comparator, value, unit)));
            }
        }
        // "每季度检查不少于1次" is one target, 1 per quarter: the count takes the period, the bare period goes.
        var periodic = found.Where(f => f.Indicator.Unit.StartsWith("次/", StringComparison.Ordinal)).ToList();
        foreach (var period in periodic)
        {
            var counted = found.FindIndex(f => f.Indicator.Unit == "次" && f.Indicator.Text == period.Indicator.Text);
            if (counted >= 0)
            {
                found[counted] = found[counted] with { Indicator = found[counted].Indicator with { Unit = period.Indicator.Unit } };
                found.Remove(period);
            }
        }
        return found.OrderBy(f => f.Start).Select(f => f.Indicator).ToList();
    }

    /// <summary>The clause around a match: between the nearest ，；。 or line break on either side.</summary>
    private static (int Start, int End) Clause(string text, int start, int end)
    {
        const string breaks = "，,；;。\n：:";
        var from = start;
        while (from > 0 && !breaks.Contains(text[from - 1], StringComparison.Ordinal))
        {
            from--;
        }
        var to = end;
        while (to < text.Length && !breaks.Contains(text[to], StringComparison.Ordinal))
        {
            to++;
        }
        return (from, to);
    }

    private static readonly string[] LeadingWords = ["推动", "确保", "力争", "实现", "按照", "使", "将", "要", "并"];
    private static readonly string[] TrailingWords = ["要", "均", "应"];

    private static string Clean(string subject)
    {
        var s = subject.Trim();
        foreach (var word in LeadingWords.Where(w => s.StartsWith(w, StringComparison.Ordinal)))
        {
            s = s[word.Length..];
        }
        foreach (var word in TrailingWords.Where(w => s.EndsWith(w, StringComparison.Ordinal)))
        {
            s = s[..^word.Length];
        }
        return s.Trim();
    }

    // ---- notice --------------------------------------------------------------------------------------------------

    private static string? FindTitle(List<string> notice)
    {
        var candidates = notice.Where(l => l.Length is > 4 and <= 60 && YearIn(l) is not null
            && PlanWord().IsMatch(l) && !l.StartsWith("关于", StringComparison.Ordinal) && !l.Contains('《', StringComparison.Ordinal)).ToList();
        if (candidates.Count > 0)
        {
            return candidates[^1];
        }
        // Fall back to the document named in the notice: 现将《…计划》印发给你们 or 关于印发…计划的通知.
        var joined = string.Join("", notice);
        var quoted = Regex.Match(joined, "《(?<t>[^》]*(?:计划|方案|要点|安排))》");
        if (quoted.Success)
        {
            return quoted.Groups["t"].Value;
        }
        var printed = Regex.Match(joined, "关于印发(?<t>.+?(?:计划|方案|要点|安排))的通知");
        return printed.Success ? printed.Groups["t"].Value : null;
    }

    [GeneratedRegex("(?:计划|方案|要点|安排)$")]
    private static partial Regex PlanWord();

    private static int? YearIn(string text)
    {
        var digits = Regex.Match(text, @"(?<!\d)(19|20)(\d{2})年");
        if (digits.Success)
        {
            return int.Parse(digits.Groups[1].Value + digits.Groups[2].Value, CultureInfo.InvariantCulture);
        }
        var chinese = Regex.Match(text, "([〇零一二三四五六七八九]{4})年");
        return chinese.Success ? int.Parse(string.Concat(chinese.Groups[1].Value.Select(ChineseDigit)), CultureInfo.InvariantCulture) : null;
    }

    private static (string? Issuer, DateOnly? Date) FindIssuerAndDate(List<string> notice)
    {
        for (var i = 0; i < notice.Count; i++)
        {
            if (DateLine(notice[i]) is not { } date)
            {
                continue;
            }
            var previous = notice.Take(i).LastOrDefault(l => l.Length > 0);
            var issuer = previous is { Length: <= 40 } && !previous.EndsWith('。') && !previous.EndsWith('：') ? previous : null;
            return (issuer ?? IssuerFromHeading(notice), date);
        }
        return (IssuerFromHeading(notice), null);
    }

    private static string? IssuerFromHeading(List<string> notice)
    {
        var heading = notice.FirstOrDefault(l => l.Contains("关于", StringComparison.Ordinal));
        var index = heading?.IndexOf("关于", StringComparison.Ordinal) ?? -1;
        return index > 1 ? heading![..index] : null;
    }

    private static DateOnly? DateLine(string line)
    {
        var digits = Regex.Match(line, @"^(\d{4})年(\d{1,2})月(\d{1,2})日$");
        if (digits.Success)
        {
            return SafeDate(int.Parse(digits.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(digits.Groups[2].Value, CultureInfo.InvariantCulture), int.Parse(digits.Groups[3].Value, CultureInfo.InvariantCulture));
        }
        var chinese = Regex.Match(line, "^([〇零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日$");
        return chinese.Success
            ? SafeDate(int.Parse(string.Concat(chinese.Groups[1].Value.Select(ChineseDigit)), CultureInfo.InvariantCulture), ChineseNumber(chinese.Groups[2].Value), ChineseNumber(chinese.Groups[3].Value))
            : null;
    }

    private static DateOnly? SafeDate(int year, int month, int day) =>
        month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month) ? new DateOnly(year, month, day) : null;

    private static IReadOnlyList<string> FindRecipients(List<string> notice)
    {
        var line = notice.FirstOrDefault(l => l.Length is > 1 and <= 120 && (l.EndsWith('：') || l.EndsWith(':')) && !l.Contains("关于", StringComparison.Ordinal));
        return line is null ? [] : line.TrimEnd('：', ':').Split(['，', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    // ---- numerals ------------------------------------------------------------------------------------------------

    private static char ChineseDigit(char c) => c switch
    {
        '〇' or '零' => '0',
        '一' => '1',
        '二' => '2',
        '三' => '3',
        '四' => '4',
        '五' => '5',
        '六' => '6',
        '七' => '7',
        '八' => '8',
        '九' => '9',
        _ => '?',
    };

    /// <summary>一 … 九十九: 十 = 10, 十二 = 12, 二十 = 20, 二十三 = 23.</summary>
    private static int ChineseNumber(string text)
    {
        if (text.Length == 0 || text.Any(c => ChineseDigit(c) == '?' && c != '十'))
        {
            return 0;
        }
        var ten = text.IndexOf('十', StringComparison.Ordinal);
        if (ten < 0)
        {
            return text.Length == 1 ? ChineseDigit(text[0]) - '0' : 0;
        }
        var tens = ten == 0 ? 1 : ChineseDigit(text[0]) - '0';
        var ones = ten == text.Length - 1 ? 0 : ChineseDigit(text[ten + 1]) - '0';
        return tens * 10 + ones;
    }
}
