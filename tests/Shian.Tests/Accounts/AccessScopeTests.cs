using Shian.Accounts;
using Shian.Grain;
using Shian.Registry;
using Shian.Sampling;
using Shian.Schools;

namespace Shian.Tests.Accounts;

/// <summary>
/// Which level each role and attachment gives (<see cref="AccessScope.For"/>), and the modules' own filters over their
/// entities' columns. The role table in docs/access.md is asserted end to end by the web tests' RoleMatrixTests.
/// </summary>
public class AccessScopeTests
{
    private static readonly Guid TownshipA = Guid.Parse("a0000000-0000-0000-0000-000000000001");
    private static readonly Guid TownshipB = Guid.Parse("b0000000-0000-0000-0000-000000000002");
    private static readonly Guid UnitMarket = Guid.Parse("c0000000-0000-0000-0000-000000000003");
    private static readonly Guid UnitGrain = Guid.Parse("d0000000-0000-0000-0000-000000000004");
    private static readonly Guid Lab = Guid.Parse("90000000-0000-0000-0000-000000000009");
    private static readonly Guid ShopA = Guid.Parse("e0000000-0000-0000-0000-000000000005");
    private static readonly Guid ShopB = Guid.Parse("f0000000-0000-0000-0000-000000000006");
    private static readonly IReadOnlySet<Guid> NoBusinesses = new HashSet<Guid>();

    private static AccessScope Scope(string[] roles, Guid? unit = null, Guid? township = null, IReadOnlySet<Guid>? businesses = null) =>
        AccessScope.For(roles, unit, township, businesses ?? NoBusinesses);

    private static readonly List<Business> Businesses =
    [
        new() { Id = ShopA, Name = "shop A", TownshipId = TownshipA },
        new() { Id = ShopB, Name = "shop B", TownshipId = TownshipB },
    ];

    private static HashSet<string> SeenBusinesses(AccessScope scope) => Businesses.AsQueryable().VisibleTo(scope).Select(b => b.Name).ToHashSet();

    [Theory]
    [InlineData(Roles.Admin, AccessLevel.Jurisdiction)]
    [InlineData(Roles.Office, AccessLevel.Jurisdiction)]
    [InlineData(Roles.Inspector, AccessLevel.Jurisdiction)]
    [InlineData(Roles.Department, AccessLevel.None)]
    [InlineData(Roles.Laboratory, AccessLevel.None)]
    [InlineData(Roles.Township, AccessLevel.None)]
    [InlineData(Roles.Operator, AccessLevel.OwnBusinesses)]
    [InlineData("Admin", AccessLevel.None)]
    [InlineData("superuser", AccessLevel.None)]
    public void A_role_without_attachments_gets_its_level_or_nothing(string role, AccessLevel expected)
    {
        Assert.Equal(expected, Scope([role]).Level);
    }

    [Fact]
    public void Attachments_give_the_unit_laboratory_and_township_levels()
    {
        Assert.Equal(AccessLevel.Unit, Scope([Roles.Department], unit: UnitMarket).Level);
        var lab = Scope([Roles.Laboratory], unit: Lab);
        Assert.Equal(AccessLevel.Laboratory, lab.Level);
        Assert.Equal(Lab, lab.LaboratoryId);
        Assert.Equal(TownshipA, Scope([Roles.Township], township: TownshipA).BoundTownship);
        Assert.Equal(TownshipB, Scope([Roles.Inspector], township: TownshipB).BoundTownship);
        Assert.Null(Scope([Roles.Inspector]).BoundTownship);
    }

    [Fact]
    public void User_with_two_roles_gets_the_wider_scope_in_either_order()
    {
        Assert.Equal(AccessLevel.Township, Scope([Roles.Operator, Roles.Township], township: TownshipA).Level);
        Assert.Equal(AccessLevel.Township, Scope([Roles.Township, Roles.Operator], township: TownshipA).Level);
        Assert.Equal(AccessLevel.Jurisdiction, Scope([Roles.Township, Roles.Office], township: TownshipA).Level);
        // A township role without a township grants nothing, but the operator role still works.
        Assert.Equal(AccessLevel.OwnBusinesses, Scope([Roles.Township, Roles.Operator], businesses: new HashSet<Guid> { ShopA }).Level);
    }

    [Fact]
    public void The_register_is_open_to_supervisors_by_township_and_closed_to_laboratories()
    {
        Assert.Equal(["shop A", "shop B"], SeenBusinesses(Scope([Roles.Department], unit: UnitMarket)).Order());
        Assert.Equal(["shop A"], SeenBusinesses(Scope([Roles.Township], township: TownshipA)));
        Assert.Equal(["shop B"], SeenBusinesses(Scope([Roles.Inspector], township: TownshipB)));
        Assert.Equal(["shop B"], SeenBusinesses(Scope([Roles.Operator], businesses: new HashSet<Guid> { ShopB })));
        Assert.Empty(SeenBusinesses(Scope([Roles.Laboratory], unit: Lab)));
        Assert.Empty(SeenBusinesses(AccessScope.Nothing));
    }

    [Fact]
    public void Grain_records_show_a_department_its_units_and_the_offices()
    {
        List<Silo> silos =
        [
            new() { Code = "office", TownshipId = TownshipA, UnitId = null },
            new() { Code = "grain", TownshipId = TownshipA, UnitId = UnitGrain },
            new() { Code = "market", TownshipId = TownshipB, UnitId = UnitMarket },
        ];
        HashSet<string> Seen(AccessScope scope) => silos.AsQueryable().VisibleTo(scope).Select(s => s.Code).ToHashSet();
        Assert.Equal(["grain", "office"], Seen(Scope([Roles.Department], unit: UnitGrain)).Order());
        Assert.Equal(["grain", "office"], Seen(Scope([Roles.Township], township: TownshipA)).Order());
        Assert.Equal(3, Seen(Scope([Roles.Office])).Count);
        Assert.Empty(Seen(Scope([Roles.Laboratory], unit: UnitGrain)));
        Assert.Empty(Seen(Scope([Roles.Operator], businesses: new HashSet<Guid> { ShopA })));
    }

    [Fact]
    public void School_meal_records_are_the_districts_for_departments()
    {
        List<SchoolMealRecord> records =
        [
            new() { BusinessId = ShopA, TownshipId = TownshipA, PersonName = "a" },
            new() { BusinessId = ShopB, TownshipId = TownshipB, PersonName = "b" },
        ];
        HashSet<string> Seen(AccessScope scope) => records.AsQueryable().VisibleTo(scope).Select(r => r.PersonName).ToHashSet();
        Assert.Equal(["a", "b"], Seen(Scope([Roles.Department], unit: UnitMarket)).Order());
        Assert.Equal(["b"], Seen(Scope([Roles.Township], township: TownshipB)));
        Assert.Equal(["a"], Seen(Scope([Roles.Operator], businesses: new HashSet<Guid> { ShopA })));
        Assert.Empty(Seen(Scope([Roles.Laboratory], unit: Lab)));
    }

    [Fact]
    public void A_laboratory_sees_the_samples_sent_to_it_and_a_department_those_it_took()
    {
        List<Sample> samples =
        [
            new() { SampleName = "to lab", LaboratoryId = Lab, SamplingUnitId = UnitMarket, TownshipId = TownshipA, BusinessId = ShopA },
            new() { SampleName = "elsewhere", LaboratoryId = Guid.NewGuid(), SamplingUnitId = UnitGrain, TownshipId = TownshipB, BusinessId = ShopB },
        ];
        HashSet<string> Seen(AccessScope scope) => samples.AsQueryable().VisibleTo(scope).Select(s => s.SampleName).ToHashSet();
        Assert.Equal(["to lab"], Seen(Scope([Roles.Laboratory], unit: Lab)));
        Assert.Equal(["to lab"], Seen(Scope([Roles.Department], unit: UnitMarket)));
        Assert.Equal(["elsewhere"], Seen(Scope([Roles.Township], township: TownshipB)));
        Assert.Empty(Seen(Scope([Roles.Laboratory], unit: UnitGrain)));
    }
}
