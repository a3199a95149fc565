using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Shian.Web.Infrastructure;

namespace Shian.Web.Tests.Sampling;

/// <summary>
/// The sampling pages in both languages: no raw resource key reaches the screen, and a refused form is worded in the
/// reader's language only (the domain returns problem codes; no "中文 / English" pair).
/// </summary>
public sealed class SamplingLanguageWebTests(ShianWebFactory factory) : IClassFixture<ShianWebFactory>
{
    private static readonly string[] Pages =
    [
        "/sampling", "/sampling/samples", "/sampling/samples/new", "/sampling/failures", "/sampling/announcements",
        "/sampling/announcements/new", "/sampling/results", "/sampling/categories",
    ];

    private static async Task<HttpClient> InEnglishAsync(HttpClient client)
    {
        var switched = await client.PostFormAsync("/sampling", new() { ["culture"] = "en", ["returnUrl"] = "/sampling" }, action: "/culture");
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        return client;
    }

    [Fact]
    public async Task Sampling_pages_show_no_raw_resource_keys_in_Chinese_or_English()
    {
        using var office = await factory.SignedInAsync("office");
        foreach (var page in Pages)
        {
            Assert.Equal(HttpStatusCode.OK, (await office.GetAsync(page)).StatusCode);
        }
        await InEnglishAsync(office);
        foreach (var page in Pages)
        {
            Assert.Equal(HttpStatusCode.OK, (await office.GetAsync(page)).StatusCode);
        }
        var plans = await office.GetStringAsync("/sampling");
        Assert.DoesNotContain("SamplingKind.", plans);
        Assert.DoesNotContain("Sampling.Kind.", plans);
        var missing = factory.Services.GetRequiredService<MissingResources>().Keys;
        Assert.DoesNotContain(missing, k => k.StartsWith("Sampl", StringComparison.Ordinal) || k.StartsWith("Problem.Sampl", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_refused_sample_form_is_worded_in_the_readers_language_only()
    {
        var fields = new Dictionary<string, string> { ["Input.TaskSource"] = "", ["Input.SampleName"] = "", ["Input.SampledOn"] = "昨天" };
        using var inspector = await factory.SignedInAsync("inspector");
        var chinese = await (await inspector.PostFormAsync("/sampling/samples/new", fields)).Content.ReadAsStringAsync();
        Assert.Contains("请填写任务来源", chinese);
        Assert.Contains("不是有效日期", chinese);
        Assert.DoesNotContain("is required", chinese);

        await InEnglishAsync(inspector);
        var english = await (await inspector.PostFormAsync("/sampling/samples/new", fields)).Content.ReadAsStringAsync();
        Assert.Contains("Task source is required", english);
        Assert.Contains("Sample name is required", english);
        Assert.Contains("is not a valid date", english);
        Assert.DoesNotContain("请填写", english);
        Assert.DoesNotContain("Problem.", english);
    }
}
