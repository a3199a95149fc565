using System.Collections;
using System.Globalization;
using System.Resources;
using Shian.Accounts;
using Shian.Audit;
using Shian.Common;
using Shian.Organization;

namespace Shian.Web.Tests.Infrastructure;

/// <summary>The UI is complete in both languages: every string exists in Chinese and in English, and differs where it must.</summary>
public class LocalizationTests
{
    private static readonly ResourceManager Resources = new("Shian.Web.Resources.SharedResource", typeof(SharedResource).Assembly);

    private static Dictionary<string, string> Strings(string culture) =>
        Resources.GetResourceSet(culture.Length == 0 ? CultureInfo.InvariantCulture : new CultureInfo(culture), createIfNotExists: true, tryParents: false)!
            .Cast<DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string)e.Value!);

    [Fact]
    public void Chinese_and_English_have_the_same_keys()
    {
        var chinese = Strings("");
        var english = Strings("en");
        Assert.True(chinese.Count > 100, $"only {chinese.Count} Chinese strings were found: is the resource file embedded?");
        Assert.Empty(chinese.Keys.Except(english.Keys));
        Assert.Empty(english.Keys.Except(chinese.Keys));
    }

    [Fact]
    public void Chinese_strings_are_chinese_and_english_strings_are_not()
    {
        var chinese = Strings("");
        var english = Strings("en");
        // Every default string that says something in words carries Chinese characters; its English twin carries none.
        var notChinese = chinese.Where(s => s.Value.Any(char.IsLetter) && !s.Value.Any(IsCjk) && !s.Key.StartsWith("Scope.", StringComparison.Ordinal)).Select(s => s.Key).ToList();
        var notEnglish = english.Where(s => s.Value.Any(IsCjk) && !AllowsChineseInEnglish(s.Key)).Select(s => s.Key).ToList();
        Assert.Empty(notChinese);
        Assert.Empty(notEnglish);
    }

    [Fact]
    public void Keys_built_from_enums_and_lists_all_exist()
    {
        var keys = Roles.All.Select(r => "Role." + r)
            .Concat(ApiScopes.All.Select(s => "Scope." + s))
            .Concat(Enum.GetNames<UnitKind>().Select(k => "UnitKind." + k))
            .Concat(Enum.GetNames<AuditAction>().Select(a => "AuditAction." + a))
            .Concat(Enum.GetNames<CalendarDayKind>().Select(k => "CalendarKind." + k))
            .Concat(Enum.GetNames<DayOfWeek>().Select(d => "Weekday." + d))
            .Concat(Enum.GetNames<AccessLevel>().Select(l => "Home.Scope." + l))
            .Concat(Enum.GetNames<Shian.Plans.PlanImport.Outcome>().Select(o => "Plan.Outcome." + o))
            .Concat(new[] { "added", "removed", "title", "text", "units", "indicators" }.Select(c => "Plan.Change." + c))
            .Concat(Enum.GetNames<Shian.Plans.ResponsibilityRole>().Select(r => "Role.Plan." + r))
            .Concat(Enum.GetNames<Shian.Plans.IndicatorKind>().Select(k => "IndicatorKind." + k))
            .Concat(Enum.GetNames<Shian.Plans.ReportKind>().Select(k => "ReportKind." + k))
            .Concat(Enum.GetNames<Shian.Plans.IndicatorStatus>().Select(k => "IndicatorStatus." + k))
            .Concat(Enum.GetNames<Shian.Plans.TaskProgress>().Select(k => "TaskProgress." + k))
            .Concat(Enum.GetNames<Shian.Plans.ReportReview>().Select(k => "ReportReview." + k))
            .Concat(new[] { "accepted", "pending", "returned", "overdue", "due-later" }.Select(s => "Report.State." + s))
            .Concat(Enum.GetNames<Shian.Registry.LicenceStatus>().Select(s => "LicenceStatus." + s))
            .Concat(Enum.GetValues<Shian.Registry.LicenceStatus>().SelectMany(Shian.Registry.Licence.NextStatuses).Distinct().Select(s => "Licence.Action." + s))
            .Concat(Enum.GetValues<Shian.Registry.LicenceStatus>().Where(s => s != Shian.Registry.LicenceStatus.Valid).Select(s => "Licence.Verdict" + s))
            .Concat(Enum.GetNames<Shian.Schools.SchoolMeal>().Select(m => "SchoolMeal." + m))
            .Concat(Enum.GetNames<Shian.KitchenVideo.KitchenVideoStatus>().Select(m => "KitchenVideoStatus." + m))
            .Concat(Shian.Web.Infrastructure.Frame.Navigation.Select(n => n.Label))
            .Concat(Shian.Web.Infrastructure.Frame.Navigation.Where(n => n.Group is not null).Select(n => n.Group!));
        var chinese = Strings("");
        var english = Strings("en");
        var missing = keys.Where(k => !chinese.ContainsKey(k) || !english.ContainsKey(k)).ToList();
        Assert.True(missing.Count == 0, "missing strings: " + string.Join(", ", missing));
    }

    private static bool IsCjk(char c) => c is >= '\u4e00' and <= '\u9fff' or >= '\u3000' and <= '\u303f' or >= '\uff00' and <= '\uffef';

    // Chinese terms kept in English text on purpose (街道, 镇, 乡 name the division kinds; 调休 has no English word).
    private static bool AllowsChineseInEnglish(string key) => key is "Township.IsTownship" or "Unit.AliasesHint" or "Calendar.Intro";
}
