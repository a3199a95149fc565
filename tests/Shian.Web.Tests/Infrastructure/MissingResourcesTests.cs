using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
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
}
