using Shian.Demo;
using Shian.Organization;
using Shian.Registry;

namespace Shian.Tests.Demo;

public class DemoBusinessesTests
{
    [Fact]
    public void The_demo_register_is_valid_varied_and_repeatable()
    {
        var townships = Enumerable.Range(1, 27).Select(i => new Township { Id = Guid.NewGuid(), Name = $"第{i}镇", Code = $"120119{i:000}" }).ToList();
        var (businesses, licences) = DemoBusinesses.Generate(townships, 3000, DateTime.UtcNow);
        Assert.Equal(3000, businesses.Count);
        Assert.All(businesses, b => Assert.True(CreditCode.Validate(b.CreditCode).Valid, b.CreditCode));
        Assert.Equal(3000, businesses.Select(b => b.CreditCode).Distinct().Count());
        Assert.Equal(27, businesses.Select(b => b.TownshipId).Distinct().Count());
        Assert.True(businesses.Select(b => b.Category).Distinct().Count() >= 8);
        Assert.Equal(licences.Count, licences.Select(l => l.Number).Distinct().Count());
        var byId = businesses.ToDictionary(b => b.Id);
        foreach (var licence in licences.Where(l => l.Kind is AuthorisationKind.BusinessLicence or AuthorisationKind.ProductionLicence))
        {
            var (errors, warnings) = Licence.Check(licence.Kind, licence.Number, licence.IssuedOn, licence.ExpiresOn, byId[licence.BusinessId]);
            Assert.Empty(errors);
            Assert.Empty(warnings);
        }
        var again = DemoBusinesses.Generate(townships, 3000, DateTime.UtcNow).Businesses;
        Assert.Equal(businesses.Select(b => b.CreditCode), again.Select(b => b.CreditCode));
    }
}
