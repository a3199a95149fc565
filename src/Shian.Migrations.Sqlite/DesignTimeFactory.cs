using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Shian.Data;

namespace Shian.Migrations.Sqlite;

/// <summary>Used only by <c>dotnet ef migrations add</c>; the application chooses its provider from configuration.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<ShianDb>
{
    public ShianDb CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<ShianDb>();
        options.UseShianDatabase(DatabaseSettings.Sqlite("design-time.db"));
        return new ShianDb(options.Options);
    }
}
