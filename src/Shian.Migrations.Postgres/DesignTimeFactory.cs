using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Shian.Data;

namespace Shian.Migrations.Postgres;

/// <summary>Used only by <c>dotnet ef migrations add</c>; no server is contacted to generate a migration.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<ShianDb>
{
    public ShianDb CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<ShianDb>();
        options.UseShianDatabase(new DatabaseSettings(DatabaseProvider.Postgres, "Host=localhost;Database=shian_design"));
        return new ShianDb(options.Options);
    }
}
