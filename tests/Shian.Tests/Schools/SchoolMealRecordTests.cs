using Shian.Common;
using Shian.Schools;

namespace Shian.Tests.Schools;

public class SchoolMealRecordTests
{
    private static readonly DateOnly Today = new(2026, 11, 20); // autumn term from 2026-08-01
    private static readonly SchoolMealRecord.Input Good = new(Today, SchoolMeal.Lunch, " 王校长 ", "校长", "米饭、番茄炒蛋、青菜", "口味偏咸");

    private static (SchoolMealRecord? Record, IReadOnlyList<(string Field, Problem Problem)> Errors) Make(SchoolMealRecord.Input input) =>
        SchoolMealRecord.Create(Guid.NewGuid(), Guid.NewGuid(), input, Today, "op", DateTime.UtcNow);

    [Fact]
    public void A_complete_record_is_made_trimmed()
    {
        var (record, errors) = Make(Good);
        Assert.Empty(errors);
        Assert.Equal(("王校长", "校长", SchoolMeal.Lunch, Today), (record!.PersonName, record.PersonRole, record.Meal, record.Date));
    }

    [Fact]
    public void Findings_may_be_left_empty()
    {
        Assert.Empty(Make(Good with { Findings = null }).Errors);
    }

    [Fact]
    public void A_date_in_the_future_or_before_the_term_is_refused()
    {
        Assert.Equal(("Date", "SchoolMeal.DateInFuture"), Make(Good with { Date = Today.AddDays(1) }).Errors.Select(e => (e.Field, e.Problem.Code)).Single());
        Assert.Equal([new DateOnly(2026, 8, 1)], Make(Good with { Date = new DateOnly(2026, 7, 31) }).Errors.Single().Problem.Args);
        Assert.Empty(Make(Good with { Date = new DateOnly(2026, 8, 1) }).Errors);
    }

    [Fact]
    public void Every_missing_field_is_named()
    {
        var (record, errors) = Make(new SchoolMealRecord.Input(null, null, "", null, " ", null));
        Assert.Null(record);
        Assert.Equal(["Date", "Meal", "PersonName", "PersonRole", "Dishes"], errors.Select(e => e.Field).ToArray());
        Assert.All(errors, e => Assert.StartsWith("SchoolMeal.", e.Problem.Code));
        Assert.Equal("SchoolMeal.PersonRoleInvalid", Make(Good with { PersonRole = "厨师" }).Errors.Single().Problem.Code);
        Assert.NotEmpty(Make(Good with { Meal = (SchoolMeal)7 }).Errors);
    }

    [Fact]
    public void A_school_without_a_record_in_30_days_is_overdue()
    {
        Assert.True(SchoolMealRecord.Overdue(null, Today));
        Assert.False(SchoolMealRecord.Overdue(Today.AddDays(-29), Today));
        Assert.True(SchoolMealRecord.Overdue(Today.AddDays(-30), Today));
    }
}
