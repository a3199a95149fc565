namespace Shian.Web.Features.Complaints;

/// <summary>The addresses of 有奖举报 and the complaint analysis, for links and redirects (ComplaintsRoutes holds the staff pages').</summary>
public static class RewardsRoutes
{
    public const string Rewards = "/complaints/rewards";
    public const string Analysis = "/complaints/analysis";

    /// <summary>One reward's row on the rewards page.</summary>
    public static string Reward(Guid id) => $"{Rewards}#reward-{id}";

    public static string AnalysisOf(int year) => $"{Analysis}?year={year}";
    public static string AnalysisExport(int year) => $"{Analysis}?handler=Export&year={year}";
}
