using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Shian.Accounts;
using Shian.Inspections;
using Shian.Organization;
using Shian.Registry;

namespace Shian.Data;

internal sealed class PlannedInspectionConfiguration : IEntityTypeConfiguration<PlannedInspection>
{
    public void Configure(EntityTypeBuilder<PlannedInspection> e)
    {
        e.HasOne<Business>().WithMany().HasForeignKey(p => p.BusinessId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Township>().WithMany().HasForeignKey(p => p.TownshipId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<InspectionTeam>().WithMany().HasForeignKey(p => p.TeamId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(p => new { p.Year, p.TownshipId, p.Month });
        e.HasIndex(p => new { p.Year, p.TeamId, p.Month });
        e.HasIndex(p => new { p.Year, p.BusinessId });
    }
}

internal sealed class InspectionTeamConfiguration : IEntityTypeConfiguration<InspectionTeam>
{
    public void Configure(EntityTypeBuilder<InspectionTeam> e)
    {
        e.Property(t => t.Name).HasMaxLength(InspectionTeam.NameMaxLength);
        e.HasOne<Township>().WithMany().HasForeignKey(t => t.TownshipId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Unit>().WithMany().HasForeignKey(t => t.UnitId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(t => t.Members).WithOne().HasForeignKey(m => m.TeamId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(t => new { t.TownshipId, t.Active });
        e.HasIndex(t => new { t.UnitId, t.Active });
        // A team belongs to a township or to a unit, never both or neither.
        e.ToTable(t => t.HasCheckConstraint("CK_InspectionTeams_Owner",
            "(\"TownshipId\" IS NULL AND \"UnitId\" IS NOT NULL) OR (\"TownshipId\" IS NOT NULL AND \"UnitId\" IS NULL)"));
    }
}

internal sealed class InspectionTeamMemberConfiguration : IEntityTypeConfiguration<InspectionTeamMember>
{
    public void Configure(EntityTypeBuilder<InspectionTeamMember> e)
    {
        e.HasKey(m => new { m.TeamId, m.UserId });
        e.HasOne<ShianUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(m => m.UserId); // a person's teams
    }
}

internal sealed class InspectionConfiguration : IEntityTypeConfiguration<Inspection>
{
    public void Configure(EntityTypeBuilder<Inspection> e)
    {
        e.HasOne<Business>().WithMany().HasForeignKey(i => i.BusinessId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Township>().WithMany().HasForeignKey(i => i.TownshipId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<PlannedInspection>().WithMany().HasForeignKey(i => i.PlannedInspectionId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<InspectionTeam>().WithMany().HasForeignKey(i => i.TeamId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(i => new { i.BusinessId, i.EndedAt });
        e.HasIndex(i => new { i.TownshipId, i.EndedAt });
        e.HasIndex(i => i.CampaignId);
        e.Property(i => i.CreatedBy).HasMaxLength(100);
        e.Property(i => i.ChecklistName).HasMaxLength(100);
        e.Property(i => i.AcknowledgedBy).HasMaxLength(100);
        e.Property(i => i.AcknowledgementComment).HasMaxLength(Inspection.CommentMaxLength);
        // A phone's draft is stored once: the same draft sent again finds the record already there.
        e.HasIndex(i => new { i.BusinessId, i.ClientDraftId }).IsUnique();
        e.HasMany(i => i.Items).WithOne().HasForeignKey(x => x.InspectionId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(i => i.Inspectors).WithOne().HasForeignKey(x => x.InspectionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class InspectionItemConfiguration : IEntityTypeConfiguration<InspectionItem>
{
    public void Configure(EntityTypeBuilder<InspectionItem> e)
    {
        e.HasIndex(x => new { x.InspectionId, x.Code }).IsUnique();
        e.Property(x => x.Code).HasMaxLength(40);
        e.Property(x => x.Note).HasMaxLength(Inspection.NoteMaxLength);
    }
}

internal sealed class InspectionInspectorConfiguration : IEntityTypeConfiguration<InspectionInspector>
{
    public void Configure(EntityTypeBuilder<InspectionInspector> e)
    {
        e.HasKey(x => new { x.InspectionId, x.UserId });
        e.HasOne<ShianUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => x.UserId);
    }
}

internal sealed class ChecklistRecordConfiguration : IEntityTypeConfiguration<ChecklistRecord>
{
    public void Configure(EntityTypeBuilder<ChecklistRecord> e)
    {
        e.HasIndex(s => new { s.Name, s.Version }).IsUnique();
        e.Property(s => s.Name).HasMaxLength(100);
    }
}

internal sealed class RectificationOrderConfiguration : IEntityTypeConfiguration<Shian.Rectification.RectificationOrder>
{
    public void Configure(EntityTypeBuilder<Shian.Rectification.RectificationOrder> e)
    {
        e.HasOne<Inspection>().WithMany().HasForeignKey(o => o.InspectionId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Inspection>().WithMany().HasForeignKey(o => o.FollowUpInspectionId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Business>().WithMany().HasForeignKey(o => o.BusinessId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Township>().WithMany().HasForeignKey(o => o.TownshipId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(o => o.Number).IsUnique();
        e.HasIndex(o => new { o.BusinessId, o.Status });
        e.HasIndex(o => new { o.Status, o.Deadline });
        e.Property(o => o.Number).HasMaxLength(40);
        e.Property(o => o.Requirements).HasMaxLength(Shian.Rectification.RectificationOrder.RequirementsMaxLength);
        e.Property(o => o.Response).HasMaxLength(Shian.Rectification.RectificationOrder.TextMaxLength);
        e.Property(o => o.Conclusion).HasMaxLength(Shian.Rectification.RectificationOrder.TextMaxLength);
        e.Property(o => o.EscalationReason).HasMaxLength(Shian.Rectification.RectificationOrder.TextMaxLength);
        e.Property(o => o.IssuedBy).HasMaxLength(100);
        e.Property(o => o.RespondedBy).HasMaxLength(100);
        e.Property(o => o.ConcludedBy).HasMaxLength(100);
    }
}
