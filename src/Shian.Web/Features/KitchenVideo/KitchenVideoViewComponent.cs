using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Shian.Data;
using Shian.KitchenVideo;

namespace Shian.Web.Features.KitchenVideo;

/// <summary>
/// The 明厨亮灶 section of a catering business's page: status and cameras, each camera's live view as a plain link that
/// opens in a new tab without a referrer or a handle back to Shian. The business page has already checked scope.
/// </summary>
public class KitchenVideoViewComponent(ShianDb db) : ViewComponent
{
    public sealed record Model(Guid BusinessId, KitchenVideoStatus Status, IReadOnlyList<KitchenCamera> Cameras);

    public async Task<IViewComponentResult> InvokeAsync(Guid businessId)
    {
        var link = await db.KitchenVideoLinks.AsNoTracking().Include(l => l.Cameras).FirstOrDefaultAsync(l => l.BusinessId == businessId);
        return View("/Features/KitchenVideo/_BusinessVideo.cshtml",
            new Model(businessId, link?.Status ?? KitchenVideoStatus.None, link?.Cameras.OrderBy(c => c.AddedAt).ToList() ?? []));
    }
}
