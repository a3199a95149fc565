using System.Globalization;
using Shian.Common;

namespace Shian.Plans;

/// <summary>
/// The person's corrections to a parsed plan before it is stored: a task's title, its units, its targets. Edits are
/// kept as typed (a value is text until it is checked) and applied to the parse as a whole, so the same edits on the
/// same document always give the same plan. Pure.
/// </summary>
public static class PlanCorrections
{
    /// <summary>
    /// The corrected state of one task, identified by its position in the parsed task list. A list that is given
    /// replaces the task's list; null leaves it as parsed.
    /// </summary>
    public sealed record TaskEdit(
        int Index,
        string? Title = null,
        IReadOnlyList<ResponsibilityEdit>? Responsibilities = null,
        IReadOnlyList<IndicatorEdit>? Indicators = null);

    /// <param name="Role">Responsible, Lead or Cooperate.</param>
    /// <param name="Units">Unit names as typed, separated by 、 ， , ; — none removes the responsibility.</param>
    public sealed record ResponsibilityEdit(string Role, string Units);

    /// <summary>A target as typed; a row left blank is ignored, a removed one dropped.</summary>
    public sealed record IndicatorEdit(string Subject, string Comparator, string Value, string Unit, bool Removed = false);

    /// <param name="Edited">Positions of the tasks the edits actually change.</param>
    public sealed record Result(ParsedPlan? Plan, IReadOnlySet<int> Edited, IReadOnlyList<Problem> Errors);

    public static readonly IReadOnlyList<string> Comparators = [">=", ">", "=", "<=", "<"];

    // The database's column sizes, checked here so that a long entry is named rather than failing the save.
    private const int MaxTitle = 200;
    private const int MaxSubject = 300;
    private const int MaxUnit = 20;
    private const int MaxUnitName = 100;

    public static Result Apply(ParsedPlan plan, IEnumerable<TaskEdit> edits)
    {
        var tasks = plan.Tasks.ToList();
        var edited = new HashSet<int>();
        var errors = new List<Problem>();
        foreach (var edit in edits)
        {
            if (edit.Index < 0 || edit.Index >= tasks.Count)
            {
                errors.Add(new Problem("Plan.NoTaskAt", edit.Index + 1));
                continue;
            }
            var original = plan.Tasks[edit.Index];
            var corrected = Correct(original, edit, errors);
            if (PlanJson.Canonical(corrected) != PlanJson.Canonical(original))
            {
                tasks[edit.Index] = corrected;
                edited.Add(edit.Index);
            }
        }
        return errors.Count > 0
            ? new Result(null, new HashSet<int>(), errors)
            : new Result(plan with { Tasks = tasks }, edited, []);
    }

    private static ParsedTask Correct(ParsedTask task, TaskEdit edit, List<Problem> errors)
    {
        var n = task.Number;
        var title = edit.Title?.Trim() ?? task.Title;
        if (title.Length == 0)
        {
            errors.Add(new Problem("Plan.TaskTitleEmpty", n));
        }
        else if (title.Length > MaxTitle)
        {
            errors.Add(new Problem("Plan.TaskTitleTooLong", n, MaxTitle));
        }
        var responsibilities = edit.Responsibilities is null ? task.Responsibilities : Responsibilities(task, edit.Responsibilities, errors);
        var indicators = edit.Indicators is null ? task.Indicators : Indicators(task, edit.Indicators, errors);
        return task with { Title = title, Responsibilities = responsibilities, Indicators = indicators };
    }

    private static List<ParsedResponsibility> Responsibilities(ParsedTask task, IReadOnlyList<ResponsibilityEdit> rows, List<Problem> errors)
    {
        var result = new List<ParsedResponsibility>();
        for (var k = 0; k < rows.Count; k++)
        {
            var where = new Problem("Plan.TaskUnitsRow", task.Number, k + 1);
            var units = SplitUnits(rows[k].Units);
            if (units.Count == 0)
            {
                continue;
            }
            if (!Enum.TryParse<ResponsibilityRole>(rows[k].Role, ignoreCase: false, out var role) || !Enum.IsDefined(role))
            {
                errors.Add(new Problem("Plan.RoleInvalid", where));
                continue;
            }
            foreach (var name in units.Where(u => u.Length > MaxUnitName))
            {
                errors.Add(new Problem("Plan.UnitNameTooLong", where, MaxUnitName, name[..20]));
            }
            // A row the person left as printed keeps the part of the text it answers for; a changed row keeps the
            // text of the row it replaces, and a new row answers for the whole task.
            var same = task.Responsibilities.FirstOrDefault(r => r.Role == role && r.Units.SequenceEqual(units));
            var text = same?.Text ?? (k < task.Responsibilities.Count ? task.Responsibilities[k].Text : task.Text);
            result.Add(new ParsedResponsibility(role, units, text));
        }
        return result;
    }

    /// <summary>区市场监管局、区卫健委 → the two names; the separators are those people type.</summary>
    public static List<string> SplitUnits(string? typed) =>
        (typed ?? "").Split(['、', '，', ',', ';', '；'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct()
            .ToList();

    private static List<ParsedIndicator> Indicators(ParsedTask task, IReadOnlyList<IndicatorEdit> rows, List<Problem> errors)
    {
        var result = new List<ParsedIndicator>();
        var unused = task.Indicators.ToList();
        for (var k = 0; k < rows.Count; k++)
        {
            var row = rows[k];
            var subject = row.Subject?.Trim() ?? "";
            var typedValue = row.Value?.Trim() ?? "";
            var unit = row.Unit?.Trim() ?? "";
            if (row.Removed || subject.Length + typedValue.Length + unit.Length == 0)
            {
                continue;
            }
            var where = new Problem("Plan.TaskTargetRow", task.Number, k + 1);
            var comparator = row.Comparator?.Trim() ?? "";
            var rowErrors = errors.Count;
            if (subject.Length == 0)
            {
                errors.Add(new Problem("Plan.TargetSubjectEmpty", where));
            }
            else if (subject.Length > MaxSubject)
            {
                errors.Add(new Problem("Plan.TargetSubjectTooLong", where, MaxSubject));
            }
            if (!Comparators.Contains(comparator))
            {
                errors.Add(new Problem("Plan.TargetComparatorInvalid", where));
            }
            if (!decimal.TryParse(typedValue, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            {
                errors.Add(new Problem("Plan.TargetValueInvalid", where));
            }
            else if (value < 0)
            {
                errors.Add(new Problem("Plan.TargetValueNegative", where));
            }
            else if (unit == "%" && value > 100)
            {
                errors.Add(new Problem("Plan.TargetPercentOver100", where));
            }
            if (unit.Length > MaxUnit)
            {
                errors.Add(new Problem("Plan.TargetUnitTooLong", where, MaxUnit));
            }
            if (errors.Count > rowErrors)
            {
                continue;
            }
            // A target left as parsed keeps its printed sentence; a changed or new one is written out from its parts,
            // since the printed sentence would no longer say what is stored.
            var same = unused.FirstOrDefault(i => i.Subject == subject && i.Comparator == comparator && i.Value == value && i.Unit == unit);
            if (same is not null)
            {
                unused.Remove(same);
                result.Add(same);
            }
            else
            {
                value = Normalized(value);
                result.Add(new ParsedIndicator(TextOf(subject, comparator, value, unit), subject, comparator, value, unit));
            }
        }
        return result;
    }

    /// <summary>全年农产品和食品抽检量, &gt;=, 5, 批次/千人 → 全年农产品和食品抽检量不少于5批次/千人, the way plans word it.</summary>
    public static string TextOf(string subject, string comparator, decimal value, string unit)
    {
        var words = comparator switch
        {
            ">=" => "不少于",
            ">" => "超过",
            "<=" => "不超过",
            "<" => "低于",
            _ => "达到",
        };
        return $"{subject}{words}{value.ToString(CultureInfo.InvariantCulture)}{unit}";
    }

    /// <summary>5.0 and 5 are one value; without trailing zeros they are also one text and one hash.</summary>
    private static decimal Normalized(decimal value) => value / 1.000000000000000000000000000000000m;
}
