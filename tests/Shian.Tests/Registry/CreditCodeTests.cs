using Shian.Registry;

namespace Shian.Tests.Registry;

/// <summary>GB 32100-2015 credit codes, with the real codes listed in docs/domain.md §2.</summary>
public class CreditCodeTests
{
    [Theory]
    [InlineData("91350200776049653A")]
    [InlineData("91440101MA5CJQ4N59")]
    [InlineData("9135021359498494XQ")]
    [InlineData("123502001549897397")]
    public void Real_codes_pass(string code)
    {
        var check = CreditCode.Validate(code);
        Assert.True(check.Valid, check.Error?.ToString());
        Assert.Null(check.ExpectedCheck);
    }

    [Fact]
    public void The_standards_own_worked_example_fails_with_the_computed_check_character()
    {
        var check = CreditCode.Validate("91350100M000100Y4Z");
        Assert.False(check.Valid);
        Assert.Equal('3', check.ExpectedCheck);
        Assert.Equal("CreditCode.CheckCharacter(3, Z)", check.Error?.ToString());
    }

    [Theory]
    [InlineData(" 91440101ma5cjq4n59 ", "91440101MA5CJQ4N59")] // pasted in lower case with spaces
    [InlineData("９１３５０２００７７６０４９６５３Ａ", "91350200776049653A")] // full-width from a Chinese input method
    [InlineData("9135 0200 7760 4965 3A", "91350200776049653A")]
    public void Case_width_and_spaces_are_normalised(string typed, string normalized)
    {
        var check = CreditCode.Validate(typed);
        Assert.True(check.Valid, check.Error?.ToString());
        Assert.Equal(normalized, check.Normalized);
    }

    [Theory]
    [InlineData("91350200776049653", "CreditCode.Length(17)")]
    [InlineData("91350200776049653AB", "CreditCode.Length(19)")]
    [InlineData("9135020077604965IA", "CreditCode.Character(17, I)")]
    [InlineData("", "CreditCode.Length(0)")]
    public void Malformed_codes_say_what_is_wrong(string code, string message)
    {
        var check = CreditCode.Validate(code);
        Assert.False(check.Valid);
        Assert.Equal(message, check.Error?.ToString());
    }

    [Fact]
    public void A_single_mistyped_character_is_caught()
    {
        var check = CreditCode.Validate("91350200776049635A"); // two digits swapped
        Assert.False(check.Valid);
        Assert.NotNull(check.ExpectedCheck);
    }

    [Fact]
    public void The_region_is_positions_3_to_8() => Assert.Equal("440101", CreditCode.Region("91440101MA5CJQ4N59"));
}
