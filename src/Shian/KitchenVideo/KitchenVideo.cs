using Shian.Common;

namespace Shian.KitchenVideo;

/// <summary>A caterer's connection to the district's 互联网+明厨亮灶 video platform.</summary>
public enum KitchenVideoStatus
{
    None,     // 未接入
    Pending,  // 申请中/建设中
    Active,   // 已接入
    Degraded, // 故障/离线
}

/// <summary>
/// 明厨亮灶 for one catering business: whether its kitchen is on the video platform, with every change of status
/// (who, when, why) and its cameras. A business without a row is <see cref="KitchenVideoStatus.None"/>.
/// </summary>
public class KitchenVideoLink
{
    public Guid Id { get; set; }
    public Guid BusinessId { get; set; }
    public Guid TownshipId { get; set; }
    public KitchenVideoStatus Status { get; set; }
    public DateTime ChangedAt { get; set; }
    public string ChangedBy { get; set; } = "";
    public List<KitchenVideoStatusChange> Changes { get; set; } = [];
    public List<KitchenCamera> Cameras { get; set; } = [];

    public const int ReasonMax = 500;
    public const int MaxCameras = 20;

    /// <summary>
    /// Which statuses may follow which: an application is made (未接入 → 申请中) or a kitchen connected directly; a connected
    /// kitchen breaks down (已接入 ⇄ 故障) or is disconnected (→ 未接入, e.g. the business stops catering).
    /// </summary>
    public static IReadOnlyList<KitchenVideoStatus> Next(KitchenVideoStatus from) => from switch
    {
        KitchenVideoStatus.None => [KitchenVideoStatus.Pending, KitchenVideoStatus.Active],
        KitchenVideoStatus.Pending => [KitchenVideoStatus.Active, KitchenVideoStatus.None],
        KitchenVideoStatus.Active => [KitchenVideoStatus.Degraded, KitchenVideoStatus.None],
        KitchenVideoStatus.Degraded => [KitchenVideoStatus.Active, KitchenVideoStatus.None],
        _ => [],
    };

    public static string Name(KitchenVideoStatus s) => s switch
    {
        KitchenVideoStatus.None => "未接入",
        KitchenVideoStatus.Pending => "申请中",
        KitchenVideoStatus.Active => "已接入",
        _ => "故障",
    };

    /// <summary>The camera asked for is not (or no longer) on the link.</summary>
    public static readonly Problem CameraMissing = new("KitchenVideo.CameraMissing");

    /// <summary>A new link for a business, not yet connected.</summary>
    public static KitchenVideoLink For(Guid businessId, Guid townshipId, string by, DateTime at) => new()
    {
        Id = Guid.CreateVersion7(), BusinessId = businessId, TownshipId = townshipId, Status = KitchenVideoStatus.None, ChangedAt = at, ChangedBy = by,
    };

    /// <summary>Changes the status with a reason, recording who and when; null when done, otherwise why not.</summary>
    public Problem? ChangeStatus(KitchenVideoStatus to, string? reason, string by, DateTime at)
    {
        var why = reason?.Trim() ?? "";
        if (!Enum.IsDefined(to)) return new Problem("KitchenVideo.StatusRequired");
        if (to == Status) return new Problem("KitchenVideo.StatusUnchanged", Problem.TermFor(to));
        if (!Next(Status).Contains(to)) return new Problem("KitchenVideo.StatusNotAllowed", Problem.TermFor(Status), Problem.TermFor(to));
        if (why.Length == 0) return new Problem("KitchenVideo.ReasonRequired");
        if (why.Length > ReasonMax) return new Problem("KitchenVideo.ReasonTooLong", ReasonMax);
        Changes.Add(new KitchenVideoStatusChange
        {
            Id = Guid.CreateVersion7(), LinkId = Id, From = Status, To = to, Reason = why, By = by, At = at,
        });
        Status = to;
        ChangedAt = at;
        ChangedBy = by;
        return null;
    }

    /// <summary>Adds a camera after checking its name, location and address; null when added, otherwise why not.</summary>
    public Problem? AddCamera(string? name, string? location, string? url, string by, DateTime at)
    {
        var n = name?.Trim() ?? "";
        var place = location?.Trim() ?? "";
        if (Cameras.Count >= MaxCameras) return new Problem("KitchenVideo.TooManyCameras", MaxCameras);
        if (n.Length == 0) return new Problem("KitchenVideo.CameraNameRequired");
        if (n.Length > KitchenCamera.NameMax) return new Problem("KitchenVideo.CameraNameTooLong", KitchenCamera.NameMax);
        if (!KitchenCamera.Locations.Contains(place)) return new Problem("KitchenVideo.LocationInvalid", string.Join("、", KitchenCamera.Locations));
        var (checkedUrl, error) = StreamUrl.Check(url);
        if (error is not null) return error;
        Cameras.Add(new KitchenCamera
        {
            Id = Guid.CreateVersion7(), LinkId = Id, Name = n, Location = place, StreamUrl = checkedUrl!, Online = true, AddedAt = at, AddedBy = by,
        });
        return null;
    }

    /// <summary>
    /// The operator (or staff) reports a camera offline: the camera is marked so and a connected kitchen becomes
    /// 故障 with the report as its reason. Null when done, otherwise why not.
    /// </summary>
    public Problem? ReportOffline(Guid cameraId, string? note, string by, DateTime at)
    {
        var camera = Cameras.FirstOrDefault(c => c.Id == cameraId);
        if (camera is null) return CameraMissing;
        if (!camera.Online) return new Problem("KitchenVideo.CameraAlreadyOffline", camera.Name);
        var text = note?.Trim() ?? "";
        if (text.Length > ReasonMax) return new Problem("KitchenVideo.NoteTooLong", ReasonMax);
        camera.Online = false;
        camera.OfflineSince = at;
        if (Status == KitchenVideoStatus.Active)
        {
            return ChangeStatus(KitchenVideoStatus.Degraded, $"摄像头“{camera.Name}”离线" + (text.Length > 0 ? $"：{text}" : ""), by, at);
        }
        return null;
    }

    /// <summary>A camera back on line (staff, after a repair); the kitchen's status is changed separately.</summary>
    public Problem? MarkOnline(Guid cameraId)
    {
        var camera = Cameras.FirstOrDefault(c => c.Id == cameraId);
        if (camera is null) return CameraMissing;
        if (camera.Online) return new Problem("KitchenVideo.CameraAlreadyOnline", camera.Name);
        camera.Online = true;
        camera.OfflineSince = null;
        return null;
    }
}

/// <summary>One change of a kitchen's video status: from, to, why, who, when.</summary>
public class KitchenVideoStatusChange
{
    public Guid Id { get; set; }
    public Guid LinkId { get; set; }
    public KitchenVideoStatus From { get; set; }
    public KitchenVideoStatus To { get; set; }
    public string Reason { get; set; } = "";
    public string By { get; set; } = "";
    public DateTime At { get; set; }
}

/// <summary>A camera in the kitchen with the address of its live view (<see cref="StreamUrl"/>-checked).</summary>
public class KitchenCamera
{
    public Guid Id { get; set; }
    public Guid LinkId { get; set; }
    public string Name { get; set; } = "";
    public string Location { get; set; } = "";
    public string StreamUrl { get; set; } = "";
    public bool Online { get; set; }
    public DateTime? OfflineSince { get; set; }
    public DateTime AddedAt { get; set; }
    public string AddedBy { get; set; } = "";

    public const int NameMax = 100;

    /// <summary>Where cameras are put (the places 明厨亮灶 asks to show).</summary>
    public static readonly IReadOnlyList<string> Locations = ["后厨", "切配间", "烹饪区", "备餐间", "专间", "洗消间", "库房", "其他"];
}
