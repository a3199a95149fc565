using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shian.Accounts;
using Shian.Data;

namespace Shian.Web.Tests.Accounts;

public sealed class SignInTests(ShianWebFactory factory) : IClassFixture<ShianWebFactory>
{
    [Theory]
    [InlineData("admin", "/workbench")]
    [InlineData("office", "/workbench")]
    [InlineData("department", "/workbench")]
    [InlineData("township", "/workbench")]
    [InlineData("inspector", "/workbench")]
    [InlineData("lab", "/workbench")]
    [InlineData("operator", "/operator")]
    public async Task Each_demo_account_signs_in_and_lands_on_its_home(string user, string home)
    {
        using var client = factory.NewClient();
        var response = await client.PostFormAsync("/account/login", new() { ["Input.UserName"] = user, ["Input.Password"] = Shian.Demo.DemoSeeder.Password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(home, response.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(home)).StatusCode);
    }

    [Fact]
    public async Task Sign_in_returns_to_the_page_asked_for_but_never_off_site()
    {
        using var client = factory.NewClient();
        var local = await client.PostFormAsync("/account/login?ReturnUrl=%2Fadmin%2Faudit",
            new() { ["Input.UserName"] = "admin", ["Input.Password"] = Shian.Demo.DemoSeeder.Password, ["ReturnUrl"] = "/admin/audit" });
        Assert.Equal("/admin/audit", local.Headers.Location!.OriginalString);

        using var other = factory.NewClient();
        var offsite = await other.PostFormAsync("/account/login",
            new() { ["Input.UserName"] = "admin", ["Input.Password"] = Shian.Demo.DemoSeeder.Password, ["ReturnUrl"] = "https://evil.example/" });
        Assert.Equal("/workbench", offsite.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_against_the_right_one()
    {
        await CreateUserAsync("locktest", Roles.Inspector);
        using var client = factory.NewClient();
        for (var i = 0; i < 5; i++)
        {
            var wrong = await client.PostFormAsync("/account/login", new() { ["Input.UserName"] = "locktest", ["Input.Password"] = "Wrong#Passw0rd" });
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
            var html = await wrong.Content.ReadAsStringAsync();
            Assert.Contains("用户名或密码错误", html); // the same answer as for a name that does not exist
        }
        var right = await client.PostFormAsync("/account/login", new() { ["Input.UserName"] = "locktest", ["Input.Password"] = Password });
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("用户名或密码错误", await right.Content.ReadAsStringAsync());

        await using var scope = factory.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<ShianUser>>().FindByNameAsync("locktest");
        Assert.True(user!.LockoutEnd > DateTimeOffset.UtcNow.AddMinutes(10));
    }

    [Fact]
    public async Task Missing_fields_are_named_in_chinese()
    {
        using var client = factory.NewClient();
        var response = await client.PostFormAsync("/account/login", new() { ["Input.UserName"] = "", ["Input.Password"] = "" });
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("请填写用户名", html);
        Assert.Contains("请填写密码", html);
    }

    [Fact]
    public async Task Changing_the_password_needs_the_current_one_and_follows_the_policy()
    {
        await CreateUserAsync("pwtest", Roles.Office);
        using var client = await factory.SignedInAsync("pwtest", Password);

        var wrongCurrent = await client.PostFormAsync("/account/password", new() { ["Input.Current"] = "Nope#Nope123", ["Input.New"] = "Another#Pass2", ["Input.Confirm"] = "Another#Pass2" });
        Assert.Contains("当前密码不正确", await wrongCurrent.Content.ReadAsStringAsync());
        var weak = await client.PostFormAsync("/account/password", new() { ["Input.Current"] = Password, ["Input.New"] = "weakweak", ["Input.Confirm"] = "weakweak" });
        var weakHtml = await weak.Content.ReadAsStringAsync();
        Assert.Contains("至少需要 10 个字符", weakHtml);
        Assert.Contains("须包含大写字母", weakHtml);
        var ok = await client.PostFormAsync("/account/password", new() { ["Input.Current"] = Password, ["Input.New"] = "Another#Pass2", ["Input.Confirm"] = "Another#Pass2" });
        Assert.Contains("密码已修改", await ok.Content.ReadAsStringAsync());

        using var fresh = factory.NewClient();
        var old = await fresh.PostFormAsync("/account/login", new() { ["Input.UserName"] = "pwtest", ["Input.Password"] = Password });
        Assert.Equal(HttpStatusCode.OK, old.StatusCode);
        var renewed = await fresh.PostFormAsync("/account/login", new() { ["Input.UserName"] = "pwtest", ["Input.Password"] = "Another#Pass2" });
        Assert.Equal(HttpStatusCode.Redirect, renewed.StatusCode);
    }

    [Fact]
    public async Task Logout_ends_the_session()
    {
        using var client = await factory.SignedInAsync("office");
        var logout = await client.PostFormAsync("/workbench", new(), action: "/account/logout");
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        var after = await client.GetAsync("/workbench");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("/account/login", after.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_disabled_account_cannot_sign_in()
    {
        await CreateUserAsync("disabletest", Roles.Inspector);
        using var admin = await factory.SignedInAsync("admin");
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var id = await scope.ServiceProvider.GetRequiredService<ShianDb>().Users.Where(u => u.UserName == "disabletest").Select(u => u.Id).SingleAsync();
            var disabled = await admin.PostFormAsync($"/admin/users/edit/{id}", new(), action: $"/admin/users/edit/{id}?handler=Disable");
            Assert.Equal(HttpStatusCode.Redirect, disabled.StatusCode);
        }
        using var client = factory.NewClient();
        var attempt = await client.PostFormAsync("/account/login", new() { ["Input.UserName"] = "disabletest", ["Input.Password"] = Password });
        Assert.Equal(HttpStatusCode.OK, attempt.StatusCode); // not signed in: the form again, with the one refusal message
        Assert.Contains("用户名或密码错误", await attempt.Content.ReadAsStringAsync());
    }

    private const string Password = "Test#Passw0rd";

    private async Task CreateUserAsync(string name, string role)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ShianUser>>();
        var user = new ShianUser { UserName = name, DisplayName = name };
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
    }
}
