namespace Shian.Web.Infrastructure;

public static class RequestLimits
{
    /// <summary>The largest request body accepted: a plan document (5 MB) with its form around it.</summary>
    public const long MaxBodyBytes = Shian.Plans.PlanDocument.MaxBytes + 1024 * 1024;
}
