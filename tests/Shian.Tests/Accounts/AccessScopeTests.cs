using Shian.Accounts;

namespace Shian.Tests.Accounts;

public class AccessScopeTests
{
    private sealed record Rec(string Name, Guid? TownshipId, Guid? UnitId, Guid? BusinessId) : IScopedRecord;

    private static readonly Guid TownshipA = Guid.Parse("a0000000-0000-0000-0000-000000000001");
    private static readonly Guid TownshipB = Guid.Parse("b0000000-0000-0000-0000-000000000002");
    private static readonly Guid UnitMarket = Guid.Parse("c0000000-0000-0000-0000-000000000003");
    private static readonly Guid UnitHealth = Guid.Parse("d0000000-0000-0000-0000-000000000004");
    private static readonly Guid ShopA = Guid.Parse("e0000000-0000-0000-0000-000000000005");
    private static readonly Guid ShopB = Guid.Parse("f0000000-0000-0000-0000-000000000006");
    private static readonly IReadOnlySet<Guid> NoBusinesses = new HashSet<Guid>();

    private static readonly List<Rec> Records =
    [
        new("shop A in township A", TownshipA, null, ShopA),
        new("shop B in township B", TownshipB, null, ShopB),
        new("inspection of shop A by market", TownshipA, UnitMarket, ShopA),
        new("market task report", null, UnitMarket, null),
        new("health task report", null, UnitHealth, null),
        new("health inspection of shop B", TownshipB, UnitHealth, ShopB),
        new("district-wide record", null, null, null),
        new("township A meeting", TownshipA, null, null),
    ];

    private static HashSet<string> Visible(AccessScope scope) =>
        scope.Apply(Records.AsQueryable()).Select(r => r.Name).ToHashSet();

    private static AccessScope Scope(string[] roles, Guid? unit = null, Guid? township = null, IReadOnlySet<Guid>? businesses = null) =>
        AccessScope.For(roles, unit, township, businesses ?? NoBusinesses);

    [Theory]
    [InlineData(Roles.Admin)]
    [InlineData(Roles.Office)]
    public void Office_and_admin_see_every_record(string role)
    {
        var scope = Scope([role], UnitMarket, TownshipA);
        Assert.Equal(AccessLevel.Jurisdiction, scope.Level);
        Assert.Equal(Records.Count, Visible(scope).Count);
    }

    [Fact]
    public void Township_officer_sees_only_their_township()
    {
        var scope = Scope([Roles.Township], township: TownshipA);
        Assert.Equal(AccessLevel.Township, scope.Level);
        Assert.Equal(
            new HashSet<string> { "shop A in township A", "inspection of shop A by market", "township A meeting" },
            Visible(scope));
    }

    [Fact]
    public void Township_officer_without_a_township_sees_nothing()
    {
        var scope = Scope([Roles.Township], unit: UnitMarket);
        Assert.Equal(AccessLevel.None, scope.Level);
        Assert.Empty(Visible(scope));
    }

    [Fact]
    public void Department_sees_its_unit_and_unowned_records_but_not_another_units()
    {
        var scope = Scope([Roles.Department], unit: UnitMarket);
        Assert.Equal(AccessLevel.Unit, scope.Level);
        Assert.Equal(
            new HashSet<string>
            {
                "shop A in township A", "shop B in township B", "inspection of shop A by market", "market task report",
                "district-wide record", "township A meeting",
            },
            Visible(scope));
        Assert.DoesNotContain("health task report", Visible(scope));
    }

    [Fact]
    public void Department_without_a_unit_sees_nothing()
    {
        Assert.Empty(Visible(Scope([Roles.Department])));
    }

    [Fact]
    public void Laboratory_is_scoped_to_its_unit_like_a_department()
    {
        var scope = Scope([Roles.Laboratory], unit: UnitHealth);
        Assert.Equal(AccessLevel.Unit, scope.Level);
        Assert.Contains("health task report", Visible(scope));
        Assert.DoesNotContain("market task report", Visible(scope));
        Assert.Empty(Visible(Scope([Roles.Laboratory])));
    }

    [Fact]
    public void Inspector_of_a_township_office_sees_that_township_and_a_district_inspector_sees_all()
    {
        Assert.Equal(
            new HashSet<string> { "shop B in township B", "health inspection of shop B" },
            Visible(Scope([Roles.Inspector], township: TownshipB)));
        Assert.Equal(Records.Count, Visible(Scope([Roles.Inspector])).Count);
    }

    [Fact]
    public void Operator_sees_only_their_businesses()
    {
        var scope = Scope([Roles.Operator], businesses: new HashSet<Guid> { ShopA });
        Assert.Equal(AccessLevel.OwnBusinesses, scope.Level);
        Assert.Equal(new HashSet<string> { "shop A in township A", "inspection of shop A by market" }, Visible(scope));
    }

    [Fact]
    public void Operator_with_no_business_sees_nothing()
    {
        Assert.Empty(Visible(Scope([Roles.Operator])));
    }

    [Fact]
    public void Anonymous_user_without_roles_sees_nothing()
    {
        var scope = Scope([], UnitMarket, TownshipA, new HashSet<Guid> { ShopA });
        Assert.Equal(AccessLevel.None, scope.Level);
        Assert.Empty(Visible(scope));
    }

    [Theory]
    [InlineData("Admin")]
    [InlineData("OFFICE")]
    [InlineData("superuser")]
    [InlineData("")]
    public void Unknown_or_miscased_role_grants_nothing(string role)
    {
        Assert.Empty(Visible(Scope([role], UnitMarket, TownshipA, new HashSet<Guid> { ShopA })));
    }

    [Fact]
    public void User_with_two_roles_gets_the_wider_scope_in_either_order()
    {
        var businesses = new HashSet<Guid> { ShopB };
        var a = Scope([Roles.Operator, Roles.Township], township: TownshipA, businesses: businesses);
        var b = Scope([Roles.Township, Roles.Operator], township: TownshipA, businesses: businesses);
        Assert.Equal(AccessLevel.Township, a.Level);
        Assert.Equal(Visible(a), Visible(b));

        var c = Scope([Roles.Township, Roles.Office], township: TownshipA);
        Assert.Equal(AccessLevel.Jurisdiction, c.Level);
        Assert.Equal(Records.Count, Visible(c).Count);
    }

    [Fact]
    public void Role_needing_a_missing_attachment_does_not_shadow_a_role_that_works()
    {
        // Township role without a township grants nothing, but the operator role still works.
        var scope = Scope([Roles.Township, Roles.Operator], businesses: new HashSet<Guid> { ShopA });
        Assert.Equal(AccessLevel.OwnBusinesses, scope.Level);
        Assert.Contains("shop A in township A", Visible(scope));
    }

    public static TheoryData<string> ScopeNames() => new(AllScopes().Keys);

    private static Dictionary<string, AccessScope> AllScopes()
    {
        var some = new HashSet<Guid> { ShopA };
        var scopes = new Dictionary<string, AccessScope>
        {
            ["nothing"] = AccessScope.Nothing,
            ["anonymous"] = Scope([], UnitMarket, TownshipA, some),
            ["admin"] = Scope([Roles.Admin]),
            ["office"] = Scope([Roles.Office]),
            ["township A"] = Scope([Roles.Township], township: TownshipA),
            ["township none"] = Scope([Roles.Township]),
            ["department market"] = Scope([Roles.Department], unit: UnitMarket),
            ["department none"] = Scope([Roles.Department]),
            ["lab health"] = Scope([Roles.Laboratory], unit: UnitHealth),
            ["inspector B"] = Scope([Roles.Inspector], township: TownshipB),
            ["inspector district"] = Scope([Roles.Inspector]),
            ["operator A"] = Scope([Roles.Operator], businesses: some),
            ["operator A+B"] = Scope([Roles.Operator], businesses: new HashSet<Guid> { ShopA, ShopB }),
            ["operator none"] = Scope([Roles.Operator]),
            ["operator+township"] = Scope([Roles.Operator, Roles.Township], township: TownshipB, businesses: some),
            // Hand-built scopes that For never returns; Apply and Allows must still agree on them.
            ["raw township null"] = new(AccessLevel.Township, null, null, NoBusinesses),
            ["raw unit null"] = new(AccessLevel.Unit, null, null, NoBusinesses),
        };
        return scopes;
    }

    [Theory]
    [MemberData(nameof(ScopeNames))]
    public void Allows_agrees_with_apply_on_every_record(string scopeName)
    {
        var scope = AllScopes()[scopeName];
        var applied = scope.Apply(Records.AsQueryable()).ToHashSet();
        foreach (var record in Records)
        {
            Assert.True(applied.Contains(record) == scope.Allows(record),
                $"{scopeName}: Apply {(applied.Contains(record) ? "shows" : "hides")} '{record.Name}' but Allows says {scope.Allows(record)}");
        }
    }

    [Fact]
    public void Allows_agrees_with_apply_on_generated_records_and_scopes()
    {
        Guid?[] townships = [null, TownshipA, TownshipB];
        Guid?[] units = [null, UnitMarket, UnitHealth];
        Guid?[] businesses = [null, ShopA, ShopB];
        var records = (from t in townships from u in units from b in businesses select new Rec($"{t}/{u}/{b}", t, u, b)).ToList();
        Assert.Equal(27, records.Count);

        IReadOnlySet<Guid>[] businessSets = [NoBusinesses, new HashSet<Guid> { ShopA }, new HashSet<Guid> { ShopA, ShopB }];
        var checkedScopes = 0;
        foreach (var level in Enum.GetValues<AccessLevel>())
        {
            foreach (var unit in units)
            {
                foreach (var township in townships)
                {
                    foreach (var set in businessSets)
                    {
                        var scope = new AccessScope(level, unit, township, set);
                        var applied = scope.Apply(records.AsQueryable()).ToHashSet();
                        foreach (var record in records)
                        {
                            Assert.True(applied.Contains(record) == scope.Allows(record), $"{scope} on {record}");
                        }
                        checkedScopes++;
                    }
                }
            }
        }
        Assert.Equal(5 * 3 * 3 * 3, checkedScopes);
    }
}
