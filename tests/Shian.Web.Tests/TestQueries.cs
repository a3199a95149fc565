using Microsoft.Extensions.DependencyInjection;
using Shian.Data;

namespace Shian.Web.Tests;

/// <summary>Reading what the pages stored: a query on the test host's database, in a scope of its own.</summary>
public static class TestQueries
{
    public static async Task<T> QueryAsync<T>(this ShianWebFactory factory, Func<ShianDb, Task<T>> query)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<ShianDb>());
    }

    /// <summary>As above, with the scope's services for the domain calls a test makes beside the query.</summary>
    public static async Task<T> QueryAsync<T>(this ShianWebFactory factory, Func<ShianDb, IServiceProvider, Task<T>> query)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<ShianDb>(), scope.ServiceProvider);
    }
}
