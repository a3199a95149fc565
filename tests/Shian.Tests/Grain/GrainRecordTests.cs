using Microsoft.EntityFrameworkCore;
using Shian.Data;
using Shian.Grain;

namespace Shian.Tests.Grain;

/// <summary>
/// The one grain filter (<see cref="GrainScope.VisibleTo{T}"/>) is generic over <see cref="IGrainRecord"/>; it translates
/// only if every implementer stores its township and unit as columns. A computed property would compile and fail at run
/// time (as the old generic access filter did), so the model is checked here.
/// </summary>
public class GrainRecordTests
{
    [Fact]
    public void Every_grain_record_stores_its_township_and_unit_as_columns()
    {
        using var db = new ShianDb(new DbContextOptionsBuilder<ShianDb>().UseSqlite("Data Source=:memory:").Options);
        var implementers = typeof(IGrainRecord).Assembly.GetTypes()
            .Where(t => t.IsClass && !t.IsAbstract && typeof(IGrainRecord).IsAssignableFrom(t)).ToList();
        Assert.Equal(5, implementers.Count);
        foreach (var type in implementers)
        {
            var entity = db.Model.FindEntityType(type);
            Assert.True(entity is not null, $"{type.Name} is not an entity");
            Assert.NotNull(entity!.FindProperty(nameof(IGrainRecord.TownshipId)));
            Assert.NotNull(entity.FindProperty(nameof(IGrainRecord.UnitId)));
        }
    }
}
