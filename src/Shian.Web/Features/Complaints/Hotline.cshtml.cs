using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Shian.Common;
using Shian.Complaints;
using Shian.Data;
using Shian.Web.Infrastructure;

namespace Shian.Web.Features.Complaints;

/// <summary>
/// 录入热线工单: staff type a 12315 / 12345 work order (the ticket number required, unique per hotline) or a visit or
/// letter; it enters through <see cref="ComplaintIntake"/> like every other channel, so it is checked, routed and clocked
/// the same way.
/// </summary>
[Authorize(Policy = Policies.ComplaintsHandle)]
public class HotlineModel(ShianDb db, CurrentUser user, TimeProvider clock, ComplaintSettings settings, IStringLocalizer<SharedResource> l) : PageModel
{
    public static readonly ComplaintChannel[] Channels = [ComplaintChannel.Hotline12315, ComplaintChannel.Hotline12345, ComplaintChannel.Visit];

    [BindProperty] public ComplaintChannel Channel { get; set; } = ComplaintChannel.Hotline12315;
    [BindProperty] public string? HotlineTicket { get; set; }
    [BindProperty] public ComplaintKind? Kind { get; set; }
    [BindProperty] public ComplaintField Field { get; set; } = ComplaintField.FoodBusiness;
    [BindProperty] public string? BusinessName { get; set; }
    [BindProperty] public string? BusinessCreditCode { get; set; }
    [BindProperty] public string? Address { get; set; }
    [BindProperty] public string? Description { get; set; }
    [BindProperty] public DateOnly? OccurredOn { get; set; }
    [BindProperty] public string? ContactName { get; set; }
    [BindProperty] public string? ContactPhone { get; set; }

    /// <summary>The tracking code of the one just entered, when it went to a township or unit the user does not see.</summary>
    [BindProperty(SupportsGet = true)] public string? Done { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!Channels.Contains(Channel))
        {
            Channel = ComplaintChannel.Hotline12315;
        }
        var input = new Complaint.Input(Kind, BusinessName, BusinessCreditCode, Address, Description, OccurredOn, ContactName, ContactPhone,
            Field: Field, HotlineTicket: Channel == ComplaintChannel.Visit ? null : HotlineTicket);
        var (complaint, errors) = await ComplaintIntake.ReceiveAsync(db, input, Channel, settings, user.Name, ShianTime.UtcNow(clock), HttpContext.RequestAborted);
        if (complaint is null)
        {
            ModelState.AddProblems(errors, l);
            return Page();
        }
        var visible = await db.Complaints.VisibleTo(await user.ScopeAsync()).AnyAsync(c => c.Id == complaint.Id);
        return Redirect(visible ? ComplaintsRoutes.ComplaintDone(complaint.Id, "received") : ComplaintsRoutes.HotlineDone(complaint.TrackingCode));
    }
}
