using Shian.Complaints;
using Shian.Organization;

namespace Shian.Tests.Complaints;

public class ComplaintRulesTests
{
    [Theory]
    [InlineData(1, "100000", "5000")]      // 5% is exactly the floor
    [InlineData(1, "50000", "5000")]       // 2,500 lifted to the floor
    [InlineData(1, "20000000", "1000000")] // exactly the cap
    [InlineData(1, "20000020", "1000000")] // one yuan over the cap is cut
    [InlineData(2, "200000", "6000")]
    [InlineData(2, "0", "3000")]
    [InlineData(3, "123456.78", "1234.57")]
    [InlineData(3, "99999", "1000")]
    public void The_2021_rules_give_the_tier_share_with_its_floor_and_the_cap(int tier, string fines, string expected)
    {
        var (amount, error) = RewardRules.Compute(tier, decimal.Parse(fines, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Null(error);
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), amount);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    public void A_tier_outside_1_to_3_is_refused(int tier) =>
        Assert.Equal("Reward.TierOutOfRange", RewardRules.Compute(tier, 1000m).Error!.Code);

    [Fact]
    public void Negative_fines_are_refused() => Assert.Equal("Reward.FinesNegative", RewardRules.Compute(1, -1m).Error!.Code);

    [Theory]
    [InlineData(false, false, false, false, "Reward.NotNaturalPerson")]
    [InlineData(true, true, false, false, "Reward.RegulatorStaff")]
    [InlineData(true, false, true, false, "Reward.InjuredParty")]
    [InlineData(true, false, false, true, "Reward.Offender")]
    [InlineData(true, false, false, false, null)]
    public void Only_a_natural_person_who_is_neither_staff_nor_injured_nor_the_offender_is_eligible(bool natural, bool staff, bool injured, bool offender, string? code) =>
        Assert.Equal(code, RewardRules.Eligibility(new RewardRules.Informant(natural, staff, injured, offender))?.Code);

    [Fact]
    public void Tracking_codes_are_read_back_as_typed()
    {
        var code = TrackingCodes.New();
        Assert.Equal(TrackingCodes.Length, code.Length);
        Assert.Equal(code, TrackingCodes.Normalize(" " + TrackingCodes.Display(code).ToLowerInvariant() + " "));
        Assert.Null(TrackingCodes.Normalize("ABCD-EFGH-IJK0")); // I and 0 are not in the alphabet
        Assert.Null(TrackingCodes.Normalize("ABCD"));
        Assert.NotEqual(code, TrackingCodes.New());
    }

    [Fact]
    public void Similar_descriptions_of_the_same_business_within_the_window_are_duplicates()
    {
        Assert.True(ComplaintDuplicates.Similarity("在店内用餐后腹泻，怀疑凉菜不洁", "在该店用餐后腹泻，怀疑凉菜不干净") >= 0.5);
        Assert.True(ComplaintDuplicates.Similarity("在店内用餐后腹泻，怀疑凉菜不洁", "超市销售过期酸奶") < 0.2);
        Assert.Equal(1.0, ComplaintDuplicates.Similarity("过期酸奶", "过期酸奶"));
        Assert.Equal(0.0, ComplaintDuplicates.Similarity("", "过期酸奶"));
    }

    [Fact]
    public void Routing_sends_food_businesses_to_their_township_and_other_fields_to_their_unit()
    {
        var wenchang = new Township { Id = Guid.NewGuid(), Name = "文昌街道" };
        var yuyang = new Township { Id = Guid.NewGuid(), Name = "渔阳镇" };
        var bureau = new Unit { Id = Guid.NewGuid(), Name = "区市场监管局" };
        var agriculture = new Unit { Id = Guid.NewGuid(), Name = "区农业农村委员会", Aliases = "区农业农村委、区农委" };
        Township[] townships = [wenchang, yuyang];
        Unit[] units = [bureau, agriculture];
        var routing = ComplaintRouting.Default;

        Assert.Equal(new Complaint.Handler(yuyang.Id, null), routing.Route(ComplaintField.FoodBusiness, yuyang.Id, "文昌街道某路", townships, units));
        Assert.Equal(new Complaint.Handler(wenchang.Id, null), routing.Route(ComplaintField.FoodBusiness, null, "蓟州区文昌街道北大街8号", townships, units));
        Assert.Equal(new Complaint.Handler(null, agriculture.Id), routing.Route(ComplaintField.FarmProduce, yuyang.Id, "", townships, units));
        // No township in the address, no grain centre in the register: the bureau triages.
        Assert.Equal(new Complaint.Handler(null, bureau.Id), routing.Route(ComplaintField.FoodBusiness, null, "某地", townships, units));
        Assert.Equal(new Complaint.Handler(null, bureau.Id), routing.Route(ComplaintField.Grain, null, "", townships, units));
    }
}
