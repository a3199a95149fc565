using Shian.Common;
using Shian.KitchenVideo;

namespace Shian.Tests.KitchenVideo;

public class KitchenVideoLinkTests
{
    private static readonly DateTime At = new(2026, 11, 2, 2, 0, 0, DateTimeKind.Utc);

    private static KitchenVideoLink New() => KitchenVideoLink.For(Guid.NewGuid(), Guid.NewGuid(), "staff", At);

    [Fact]
    public void A_kitchen_is_applied_for_connected_breaks_down_and_is_repaired_each_change_recorded()
    {
        var link = New();
        Assert.Equal(KitchenVideoStatus.None, link.Status);
        Assert.Null(link.ChangeStatus(KitchenVideoStatus.Pending, "已提交接入申请", "a", At.AddDays(1)));
        Assert.Null(link.ChangeStatus(KitchenVideoStatus.Active, "平台验收通过", "b", At.AddDays(10)));
        Assert.Null(link.ChangeStatus(KitchenVideoStatus.Degraded, "画面中断", "c", At.AddDays(20)));
        Assert.Null(link.ChangeStatus(KitchenVideoStatus.Active, "已修复", "d", At.AddDays(21)));
        Assert.Equal(KitchenVideoStatus.Active, link.Status);
        Assert.Equal(("d", At.AddDays(21)), (link.ChangedBy, link.ChangedAt));
        Assert.Equal(
            [(KitchenVideoStatus.None, KitchenVideoStatus.Pending, "已提交接入申请", "a"), (KitchenVideoStatus.Pending, KitchenVideoStatus.Active, "平台验收通过", "b"),
             (KitchenVideoStatus.Active, KitchenVideoStatus.Degraded, "画面中断", "c"), (KitchenVideoStatus.Degraded, KitchenVideoStatus.Active, "已修复", "d")],
            link.Changes.Select(c => (c.From, c.To, c.Reason, c.By)).ToList());
    }

    [Theory]
    [InlineData(KitchenVideoStatus.None, KitchenVideoStatus.Degraded)]
    [InlineData(KitchenVideoStatus.Pending, KitchenVideoStatus.Degraded)]
    [InlineData(KitchenVideoStatus.Active, KitchenVideoStatus.Pending)]
    [InlineData(KitchenVideoStatus.Degraded, KitchenVideoStatus.Pending)]
    public void Illegal_transitions_are_refused_and_nothing_changes(KitchenVideoStatus from, KitchenVideoStatus to)
    {
        var link = New();
        link.Status = from;
        var error = link.ChangeStatus(to, "原因", "x", At);
        Assert.Equal(new Problem("KitchenVideo.StatusNotAllowed", Problem.TermFor(from), Problem.TermFor(to)).ToString(), error?.ToString());
        Assert.Equal(from, link.Status);
        Assert.Empty(link.Changes);
    }

    [Fact]
    public void The_same_status_an_undefined_one_or_no_reason_is_refused()
    {
        var link = New();
        Assert.Equal([Problem.TermFor(KitchenVideoStatus.None)], link.ChangeStatus(KitchenVideoStatus.None, "x", "x", At)!.Args);
        Assert.Equal("KitchenVideo.StatusRequired", link.ChangeStatus((KitchenVideoStatus)42, "x", "x", At)?.Code);
        Assert.Equal("KitchenVideo.ReasonRequired", link.ChangeStatus(KitchenVideoStatus.Pending, "  ", "x", At)?.Code);
        Assert.Empty(link.Changes);
        Assert.Equal(KitchenVideoStatus.None, link.Status);
    }

    [Fact]
    public void A_camera_reported_offline_degrades_an_active_kitchen_once()
    {
        var link = New();
        link.ChangeStatus(KitchenVideoStatus.Active, "接入", "staff", At);
        Assert.Null(link.AddCamera("1号", "后厨", "rtsp://10.0.0.8/1", "staff", At));
        Assert.Null(link.AddCamera("2号", "洗消间", "https://v.example.cn/2", "staff", At));
        var camera = link.Cameras[0];
        Assert.Null(link.ReportOffline(camera.Id, "黑屏", "operator", At.AddHours(1)));
        Assert.False(camera.Online);
        Assert.Equal(KitchenVideoStatus.Degraded, link.Status);
        Assert.Equal("摄像头“1号”离线：黑屏", link.Changes[^1].Reason);
        Assert.Equal("operator", link.Changes[^1].By);
        Assert.Equal("KitchenVideo.CameraAlreadyOffline(1号)", link.ReportOffline(camera.Id, null, "operator", At)?.ToString());
        // A second camera down while degraded: the camera is marked, no second status change.
        Assert.Null(link.ReportOffline(link.Cameras[1].Id, null, "operator", At.AddHours(2)));
        Assert.Equal(2, link.Changes.Count);
        Assert.Equal("KitchenVideo.CameraMissing", link.ReportOffline(Guid.NewGuid(), null, "operator", At)?.Code);
        Assert.Null(link.MarkOnline(camera.Id));
        Assert.True(camera.Online);
    }

    [Fact]
    public void A_camera_with_a_bad_address_or_place_is_not_added()
    {
        var link = New();
        Assert.StartsWith("StreamUrl.", link.AddCamera("1号", "后厨", "javascript:alert(1)", "s", At)?.Code);
        Assert.Equal("KitchenVideo.LocationInvalid", link.AddCamera("1号", "屋顶", "https://v.example.cn/1", "s", At)?.Code);
        Assert.Equal("KitchenVideo.CameraNameRequired", link.AddCamera(" ", "后厨", "https://v.example.cn/1", "s", At)?.Code);
        Assert.Empty(link.Cameras);
    }
}
