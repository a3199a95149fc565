using System.Text.RegularExpressions;

namespace Shian.Web.Tests.Infrastructure;

/// <summary>
/// Every form that posts carries its own antiforgery token. A Razor form with an explicit <c>action</c> attribute gets none
/// unless it asks (<c>asp-antiforgery="true"</c>), and a real browser is then refused with 400; the form helpers of the
/// web tests take the first token of the page, so only this check catches it.
/// </summary>
public sealed class FormTokenTests(ShianWebFactory factory) : IClassFixture<ShianWebFactory>
{
    private static readonly Regex PostForm = new("<form\\b[^>]*method=\"post\"[^>]*>.*?</form>", RegexOptions.Singleline | RegexOptions.IgnoreCase);

    [Theory]
    [InlineData("/campaigns/new")]
    [InlineData("/sampling/categories")]
    [InlineData("/sampling/plans/new")]
    [InlineData("/inspections/checklists/new")]
    [InlineData("/sampling/samples/new")]
    [InlineData("/sampling/announcements/new")]
    [InlineData("/sampling/samples/import")]
    public async Task Each_post_form_carries_its_token(string page)
    {
        var client = await factory.SignedInAsync("admin");
        var response = await client.GetAsync(page);
        response.EnsureSuccessStatusCode();
        var forms = PostForm.Matches(await response.Content.ReadAsStringAsync()).Select(m => m.Value).ToList();
        // The sign-out form is on every page; a page under test has at least one form of its own.
        Assert.True(forms.Count >= 2, $"{page}: expected a form of the page besides the sign-out form");
        Assert.All(forms, form => Assert.Contains("__RequestVerificationToken", form));
    }
}
