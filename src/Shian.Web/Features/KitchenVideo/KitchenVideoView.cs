using Shian.KitchenVideo;

namespace Shian.Web.Features.KitchenVideo;

/// <summary>How a status looks: the tag colour of site.css.</summary>
public static class KitchenVideoView
{
    public static string Css(KitchenVideoStatus status) => status switch
    {
        KitchenVideoStatus.Active => "ok",
        KitchenVideoStatus.Pending => "warn",
        KitchenVideoStatus.Degraded => "bad",
        _ => "",
    };
}
