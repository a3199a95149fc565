using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Shian.Common;

/// <summary>
/// An in-app notice (通知) to a business's operators or to a unit's users: what happened, a line of detail and where to
/// act. Modules add one beside the record it is about, in the same save; the recipient reads it on their home page.
/// </summary>
public class Notice
{
    public const int TitleMaxLength = 200;
    public const int BodyMaxLength = 2000;

    public Guid Id { get; set; }

    /// <summary>The business whose operators receive it (null when a unit is the recipient).</summary>
    public Guid? BusinessId { get; set; }

    /// <summary>The unit whose users receive it (null when a business is the recipient).</summary>
    public Guid? UnitId { get; set; }

    public string Title { get; set; } = "";
    public string Body { get; set; } = "";

    /// <summary>A site-relative address of the record, e.g. /sampling/failures/{id}.</summary>
    public string Link { get; set; } = "";

    public DateTime CreatedAt { get; set; }
    public DateTime? ReadAt { get; set; }

    public bool IsRead => ReadAt is not null;

    public static Notice ToBusiness(Guid businessId, string title, string body, string link, DateTime at) => new()
    {
        Id = Guid.CreateVersion7(), BusinessId = businessId, Title = Cut(title, TitleMaxLength), Body = Cut(body, BodyMaxLength), Link = link, CreatedAt = at,
    };

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..max];
}

/// <summary>
/// Sends a text message (短信). The product calls it wherever a person must be told outside the platform (a failed
/// sample's notice to the operator); the deployment decides whether a gateway is behind it.
/// </summary>
public interface ISmsSender
{
    Task SendAsync(string phone, string text, CancellationToken ct = default);
}

internal sealed class NoticeConfiguration : IEntityTypeConfiguration<Notice>
{
    public void Configure(EntityTypeBuilder<Notice> e)
    {
        e.HasIndex(n => new { n.BusinessId, n.CreatedAt });
        e.HasIndex(n => new { n.UnitId, n.CreatedAt });
        e.Property(n => n.Title).HasMaxLength(Notice.TitleMaxLength);
        e.Property(n => n.Body).HasMaxLength(Notice.BodyMaxLength);
        e.Property(n => n.Link).HasMaxLength(300);
        e.Ignore(n => n.IsRead);
    }
}
