using Shian.Sampling;

namespace Shian.Tests.Sampling;

/// <summary>The food-category tree: the shipped 33 top-level categories and the rules for adding below them.</summary>
public sealed class FoodCategoryTests
{
    [Fact]
    public void The_shipped_file_gives_33_top_level_categories_in_sampling_order()
    {
        var read = FoodCategories.ReadShipped();
        Assert.Empty(read.Errors);
        Assert.Equal(33, read.Categories.Count);
        Assert.All(read.Categories, c => Assert.Equal(1, c.Level));
        Assert.Equal(Enumerable.Range(1, 33), read.Categories.Select(c => c.SamplingOrder));
        Assert.Equal("粮食加工品", read.Categories[0].Name);
        Assert.Equal("01", read.Categories[0].Code);
        Assert.Equal("101", read.Categories[0].ScProductionCode);
        Assert.Equal("", read.Categories.Single(c => c.Name == "餐饮食品").ScProductionCode);
        // Only 食用农产品 is agricultural (the 97% target); the rest are foods (98%).
        Assert.Equal("32", Assert.Single(read.Categories, c => c.IsAgricultural).Code);
        Assert.Equal(33, read.Categories.Select(c => c.Name).Distinct().Count());
    }

    [Fact]
    public void Every_starter_subcategory_names_a_shipped_parent()
    {
        var names = FoodCategories.ReadShipped().Categories.Select(c => c.Name).ToHashSet();
        Assert.All(FoodCategories.StarterSubcategories, s => Assert.Contains(s.Parent, names));
        Assert.Equal(7, FoodCategories.StarterSubcategories.Count(s => s.Parent == FoodCategories.AgriculturalName));
    }

    [Theory]
    [InlineData("sampling_order,name,sc_production_code\n1,粮食加工品,101\n1,别的,102", "序号或名称重复")]
    [InlineData("sampling_order,name,sc_production_code\nx,粮食加工品,101", "序号“x”")]
    [InlineData("order,name\n1,粮食加工品", "缺少表头")]
    [InlineData("sampling_order,name,sc_production_code\n2,,", "应为 序号,名称,SC类别代码")]
    public void A_bad_file_is_refused_with_the_line(string csv, string expected)
    {
        var read = FoodCategories.ReadTopLevel(csv);
        Assert.Empty(read.Categories);
        Assert.Contains(read.Errors, e => e.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void A_child_extends_the_parent_code_stays_within_four_levels_and_inherits_the_agricultural_flag()
    {
        var farm = new FoodCategory { Id = Guid.NewGuid(), Code = "32", Name = "食用农产品", Level = 1, IsAgricultural = true, SamplingOrder = 32 };
        Assert.Empty(FoodCategory.ValidateChild(farm, "3208", "食用菌", ["3201"]));
        Assert.Equal("Code", Assert.Single(FoodCategory.ValidateChild(farm, "3201", "食用菌", ["3201"])).Field);
        Assert.Equal("Code", Assert.Single(FoodCategory.ValidateChild(farm, "0108", "食用菌", [])).Field);
        Assert.Equal("Code", Assert.Single(FoodCategory.ValidateChild(farm, "32x1", "食用菌", [])).Field);
        Assert.Equal("Name", Assert.Single(FoodCategory.ValidateChild(farm, "3208", "", [])).Field);
        Assert.Equal("ParentId", Assert.Single(FoodCategory.ValidateChild(null, "3208", "食用菌", [])).Field);

        var child = farm.Child("3208", "食用菌");
        Assert.Equal((2, farm.Id, true, 32), (child.Level, child.ParentId, child.IsAgricultural, child.SamplingOrder));
        var fine = new FoodCategory { Id = Guid.NewGuid(), Code = "32080101", Name = "x", Level = 4 };
        Assert.Contains(FoodCategory.ValidateChild(fine, "3208010101", "y", []), e => e.Field == "ParentId");
    }
}
