using Shian.Registry;

namespace Shian.Tests.Registry;

/// <summary>A business's status moves by what staff record: 停业, 恢复, 注销; a closed registration stays as it was closed.</summary>
public class BusinessTests
{
    private static readonly DateTime Now = new(2024, 5, 6, 2, 0, 0, DateTimeKind.Utc);

    private static readonly BusinessDetails Details = new("蓟州区小李面馆", "92120119MA0000001X", "", "李四", "渔阳镇南大街 3 号", Guid.NewGuid(),
        null, null, BusinessCategory.Caterer, "restaurant", BusinessScale.Micro, "李四", "13800001111", "");

    private static Business Active() => Business.Register(Details, BusinessStatus.Active, Now);

    [Fact]
    public void A_registration_takes_its_details_status_and_time()
    {
        var business = Business.Register(Details, BusinessStatus.Suspended, Now);
        Assert.Equal((BusinessStatus.Suspended, Now), (business.Status, business.CreatedAt));
        Assert.Equal(Details, business.Details);
    }

    [Fact]
    public void An_active_business_is_suspended_reopened_and_closed_once()
    {
        var business = Active();
        Assert.Equal("Business.AlreadyActive", business.Reopen()?.Code);
        Assert.Null(business.Suspend());
        Assert.Equal(BusinessStatus.Suspended, business.Status);
        Assert.Equal("Business.AlreadySuspended", business.Suspend()?.Code);
        Assert.Null(business.Reopen());
        Assert.Equal(BusinessStatus.Active, business.Status);
        Assert.Null(business.Close());
        Assert.Equal(BusinessStatus.Closed, business.Status);
        Assert.Equal("Business.AlreadyClosed", business.Close()?.Code);
    }

    [Fact]
    public void A_closed_business_is_neither_reopened_nor_suspended_nor_corrected()
    {
        var business = Active();
        Assert.Null(business.ChangeStatus(BusinessStatus.Suspended));
        Assert.Null(business.ChangeStatus(BusinessStatus.Closed));
        Assert.Equal("Business.ClosedIsFinal", business.Reopen()?.Code);
        Assert.Equal("Business.ClosedIsFinal", business.Suspend()?.Code);
        Assert.Equal("Business.ClosedIsFinal", business.UpdateDetails(Details with { Name = "新名称" })?.Code);
        Assert.Equal((BusinessStatus.Closed, "蓟州区小李面馆"), (business.Status, business.Name));
        Assert.Equal("Business.StatusUnknown", business.ChangeStatus((BusinessStatus)9)?.Code);
    }

    [Fact]
    public void Details_are_corrected_in_one_step()
    {
        var business = Active();
        var corrected = Details with { Address = "渔阳镇北大街 8 号", Scale = BusinessScale.Small, Tags = "|kitchen-video|" };
        Assert.Null(business.UpdateDetails(corrected));
        Assert.Equal(corrected, business.Details);
        Assert.Equal(Now, business.CreatedAt);
    }
}
