using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Shian.Common;
using Shian.Web.Infrastructure;

namespace Shian.Web.Tests.Infrastructure;

/// <summary>The one localisation path: problems are worded from the resource files, and a key they lack is caught.</summary>
public class MissingResourcesTests(ShianWebFactory factory) : IClassFixture<ShianWebFactory>
{
    [Fact]
    public void A_key_the_resource_files_lack_is_recorded_for_the_crawl_and_an_optional_one_is_not()
    {
        using var _ = factory.NewClient();
        var l = factory.Services.GetRequiredService<IStringLocalizer<SharedResource>>();
        var missing = factory.Services.GetRequiredService<MissingResources>();

        Assert.Equal("Nav.NoSuchEntry", l["Nav.NoSuchEntry"].Value);
        Assert.Null(l.Optional("BizStep.no_such_step"));
        Assert.Contains("Nav.NoSuchEntry", missing.Keys);
        Assert.DoesNotContain("BizStep.no_such_step", missing.Keys);
    }

    [Fact]
    public void A_problem_is_worded_in_the_users_language_and_its_values_filled_in()
    {
        using var _ = factory.NewClient();
        var l = factory.Services.GetRequiredService<IStringLocalizer<SharedResource>>();
        var problem = new Problem("HolidayNotice.CountMismatch", new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 8), 8, 9);
        var before = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = new CultureInfo("zh-Hans");
            var chinese = l.Word(problem);
            CultureInfo.CurrentUICulture = new CultureInfo("en");
            var english = l.Word(problem);
            Assert.Contains("2026-10-08", chinese);
            Assert.Contains("2026-10-08", english);
            Assert.Contains(chinese, c => c >= '\u4e00' && c <= '\u9fff');
            Assert.DoesNotContain(english, c => c >= '\u4e00' && c <= '\u9fff');
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    [Fact]
    public void The_command_line_words_problems_from_the_same_resources_in_chinese_unless_told()
    {
        var l = factory.Services.GetRequiredService<IStringLocalizer<SharedResource>>();
        var problem = new Problem("HolidayNotice.CountMismatch", new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 8), 8, 9);
        var before = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = new CultureInfo("zh-Hans");
            Assert.Equal(l.Word(problem), Shian.Cli.Words.Of(problem));
            CultureInfo.CurrentUICulture = new CultureInfo("en");
            Assert.Equal(l.Word(problem), Shian.Cli.Words.Of(problem, new CultureInfo("en")));
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }
}
