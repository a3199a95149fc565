using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Shian.Common;
using Shian.Data;
using Shian.Organization;

namespace Shian.Plans;

/// <summary>
/// Stores a parsed plan for a year, all at once: tasks, each unit's part, and the targets. Printed unit names are
/// resolved to units (by name, alias, or the person's mapping, which is remembered as an alias). Importing the same
/// document again changes nothing; a corrected document replaces the tasks and reports what changed.
/// </summary>
public static class PlanImport
{
    public sealed record UnknownUnit(string PrintedName, IReadOnlyList<Unit> Suggestions);

    public enum Outcome
    {
        Created,
        Unchanged,
        Revised,
        Refused,
    }

    /// <summary>One difference between the stored plan and the imported one, by task number.</summary>
    public sealed record Change(int Number, string Title, string What);

    public sealed record Result(Outcome Outcome, Guid? PlanId, IReadOnlyList<Change> Changes, IReadOnlyList<Problem> Errors);

    public static string HashOf(string sourceText) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sourceText.Replace("\r\n", "\n", StringComparison.Ordinal))));

    /// <summary>
    /// The hash of what is stored: the document alone while the plan is what the document parses to (so plans stored
    /// before corrections existed keep their hash), else the document and the corrected tasks. The same document with
    /// the same corrections is then the same import, and dropping the corrections is a revision.
    /// </summary>
    public static string HashOf(string sourceText, ParsedPlan stored)
    {
        var tasks = PlanJson.Canonical(stored.Tasks);
        return PlanParser.Parse(sourceText).Plan is { } parsed && PlanJson.Canonical(parsed.Tasks) == tasks
            ? HashOf(sourceText)
            : HashOf(sourceText + "\n" + tasks);
    }

    /// <summary>The printed names no unit answers to yet, with suggestions.</summary>
    public static IReadOnlyList<UnknownUnit> UnknownUnits(ParsedPlan plan, IReadOnlyList<Unit> units)
    {
        var matcher = new UnitMatcher(units);
        return plan.Tasks.SelectMany(t => t.UnitNames).Distinct()
            .Where(name => matcher.Find(name) is null)
            .Select(name => new UnknownUnit(name, matcher.Suggest(name)))
            .ToList();
    }

    /// <param name="mapping">Printed name → the unit it means, for names the units do not already answer to.</param>
    /// <param name="create">Printed names to create as new units.</param>
    public static async Task<Result> ImportAsync(ShianDb db, ParsedPlan parsed, string sourceText, int year,
        IReadOnlyDictionary<string, Guid> mapping, IReadOnlySet<string> create, TimeProvider clock, CancellationToken ct = default)
    {
        if (parsed.Tasks.Count == 0)
        {
            return Refused(new Problem("Plan.NoTasks"));
        }
        if (year is < 2000 or > 2100)
        {
            return Refused(new Problem("Plan.YearInvalid", year));
        }
        var jurisdiction = await db.JurisdictionIdAsync(ct);
        if (jurisdiction is null)
        {
            return Refused(new Problem("Plan.NoJurisdiction"));
        }

        var units = await db.Units.ToListAsync(ct);
        var matcher = new UnitMatcher(units);
        var resolved = new Dictionary<string, Unit>();
        var errors = new List<Problem>();
        foreach (var name in parsed.Tasks.SelectMany(t => t.UnitNames).Distinct())
        {
            if (mapping.TryGetValue(name, out var unitId))
            {
                var unit = units.FirstOrDefault(u => u.Id == unitId);
                if (unit is null)
                {
                    errors.Add(new Problem("Plan.MappedUnitMissing", name));
                    continue;
                }
                // Remember the document's name for the unit, so that the next plan resolves it by itself.
                if (matcher.Find(name) is null)
                {
                    unit.Aliases = string.Join("、", unit.Aliases.Split('、', StringSplitOptions.RemoveEmptyEntries).Append(name).Distinct());
                }
                resolved[name] = unit;
            }
            else if (matcher.Find(name) is { } known)
            {
                resolved[name] = known;
            }
            else if (create.Contains(name))
            {
                var unit = new Unit { JurisdictionId = jurisdiction.Value, Name = name, Kind = UnitKind.Other };
                db.Units.Add(unit);
                units.Add(unit);
                resolved[name] = unit;
            }
            else
            {
                errors.Add(new Problem("Plan.UnitNotMatched", name));
            }
        }
        if (errors.Count > 0)
        {
            db.ChangeTracker.Clear(); // nothing of a refused import is saved
            return new Result(Outcome.Refused, null, [], errors);
        }

        var hash = HashOf(sourceText, parsed);
        var existing = await db.Plans
            .Include(p => p.Tasks).ThenInclude(t => t.Responsibilities)
            .Include(p => p.Tasks).ThenInclude(t => t.Indicators)
            .FirstOrDefaultAsync(p => p.Year == year, ct);
        if (existing is not null && existing.SourceHash == hash)
        {
            db.ChangeTracker.Clear();
            return new Result(Outcome.Unchanged, existing.Id, [], []);
        }

        var tasks = parsed.Tasks.Select(t => BuildTask(t, resolved)).ToList();
        var plan = existing ?? new Plan { Year = year };
        var changes = existing is null ? [] : Compare(existing.Tasks, tasks);
        if (existing is null)
        {
            db.Plans.Add(plan);
            plan.Tasks.AddRange(tasks);
        }
        else
        {
            // A task keeps its identity (and its progress reports) when the corrected document still has it; its units
            // and targets are replaced. Everything goes through the change tracker so that the audit trail sees it.
            var gone = existing.Tasks.Where(t => !tasks.Any(n => Same(n, t))).ToList();
            var goneIds = gone.Select(t => t.Id).ToList();
            var reported = await db.TaskReports.Where(r => goneIds.Contains(r.TaskId)).Select(r => r.TaskId).Distinct().ToListAsync(ct);
            if (reported.Count > 0)
            {
                db.ChangeTracker.Clear();
                return Refused(new Problem("Plan.RevisionDropsReportedTasks",
                    string.Join("、", gone.Where(t => reported.Contains(t.Id)).Select(t => $"{t.Number}. {t.Title}"))));
            }
            // A target stays (with its reported values) while the corrected document states it the same way.
            var droppedIndicators = gone.SelectMany(t => t.Indicators).ToList();
            var keptIndicators = new Dictionary<PlanTask, List<PlanIndicator>>();
            foreach (var task in tasks)
            {
                if (existing.Tasks.FirstOrDefault(t => Same(task, t)) is not { } kept)
                {
                    continue;
                }
                var carried = new List<PlanIndicator>();
                foreach (var indicator in task.Indicators)
                {
                    var same = kept.Indicators.FirstOrDefault(i => !carried.Contains(i) && i.Subject == indicator.Subject && i.Target == indicator.Target);
                    if (same is not null)
                    {
                        same.Order = indicator.Order;
                        same.Text = indicator.Text;
                        same.Kind = indicator.Kind;
                        same.Metric = indicator.Metric;
                        same.OwnerUnitId = indicator.OwnerUnitId;
                        carried.Add(same);
                    }
                    else
                    {
                        carried.Add(indicator);
                    }
                }
                keptIndicators[kept] = carried;
                droppedIndicators.AddRange(kept.Indicators.Where(i => !carried.Contains(i)));
            }
            var droppedIds = droppedIndicators.Select(i => i.Id).ToList();
            var measured = await db.IndicatorValues.Where(v => droppedIds.Contains(v.IndicatorId)).Select(v => v.IndicatorId).Distinct().ToListAsync(ct);
            if (measured.Count > 0)
            {
                db.ChangeTracker.Clear();
                return Refused(new Problem("Plan.RevisionDropsMeasuredTargets",
                    string.Join("、", droppedIndicators.Where(i => measured.Contains(i.Id)).Select(i => i.Subject))));
            }

            db.RemoveRange(gone.SelectMany(t => t.Responsibilities));
            db.RemoveRange(droppedIndicators);
            db.RemoveRange(gone);
            foreach (var task in tasks)
            {
                if (existing.Tasks.FirstOrDefault(t => Same(task, t)) is { } kept)
                {
                    kept.Label = task.Label;
                    kept.Title = task.Title;
                    kept.Text = task.Text;
                    db.RemoveRange(kept.Responsibilities);
                    kept.Responsibilities = task.Responsibilities;
                    kept.Indicators = keptIndicators[kept];
                }
                else
                {
                    existing.Tasks.Add(task);
                }
            }
            plan.Revision++;
        }
        plan.Title = parsed.Title ?? $"{year}年计划";
        plan.Issuer = parsed.Issuer ?? "";
        plan.IssuedDate = parsed.IssuedDate;
        plan.SourceText = sourceText;
        plan.SourceHash = hash;
        plan.ImportedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return new Result(existing is null ? Outcome.Created : Outcome.Revised, plan.Id, changes, []);
    }

    private static Result Refused(Problem error) => new(Outcome.Refused, null, [], [error]);

    /// <summary>The same task in two versions of a document: same section, same number.</summary>
    private static bool Same(PlanTask a, PlanTask b) => a.Number == b.Number && a.Section == b.Section;

    private static PlanTask BuildTask(ParsedTask parsed, Dictionary<string, Unit> units)
    {
        var task = new PlanTask
        {
            Number = parsed.Number, Label = parsed.Label, Section = parsed.Section ?? "", Title = parsed.Title, Text = parsed.Text,
        };
        foreach (var responsibility in parsed.Responsibilities)
        {
            foreach (var name in responsibility.Units)
            {
                task.Responsibilities.Add(new TaskResponsibility
                {
                    Order = task.Responsibilities.Count,
                    Role = responsibility.Role, UnitId = units[name].Id, PrintedName = name, Text = responsibility.Text,
                });
            }
        }
        var owner = task.Responsibilities.FirstOrDefault(r => r.Role == ResponsibilityRole.Lead) ?? task.Responsibilities.FirstOrDefault();
        foreach (var indicator in parsed.Indicators)
        {
            var metric = Metrics.Match(indicator.Subject, indicator.Unit);
            task.Indicators.Add(new PlanIndicator
            {
                Order = task.Indicators.Count,
                Text = indicator.Text, Subject = indicator.Subject, Comparator = indicator.Comparator, Value = indicator.Value, Unit = indicator.Unit,
                Kind = metric is null ? IndicatorKind.Reported : IndicatorKind.Computed, Metric = metric?.Name, OwnerUnitId = owner?.UnitId,
            });
        }
        return task;
    }

    /// <summary>What a corrected document changes, task by task.</summary>
    private static List<Change> Compare(List<PlanTask> before, List<PlanTask> after)
    {
        var changes = new List<Change>();
        foreach (var task in after)
        {
            var old = before.FirstOrDefault(t => Same(t, task));
            if (old is null)
            {
                changes.Add(new Change(task.Number, task.Title, "added"));
                continue;
            }
            if (old.Title != task.Title)
            {
                changes.Add(new Change(task.Number, task.Title, "title"));
            }
            else if (old.Text != task.Text)
            {
                changes.Add(new Change(task.Number, task.Title, "text"));
            }
            if (!Units(old).SequenceEqual(Units(task)))
            {
                changes.Add(new Change(task.Number, task.Title, "units"));
            }
            if (!old.Indicators.OrderBy(i => i.Order).Select(i => i.Subject + i.Target).SequenceEqual(task.Indicators.Select(i => i.Subject + i.Target)))
            {
                changes.Add(new Change(task.Number, task.Title, "indicators"));
            }
        }
        changes.AddRange(before.Where(t => !after.Any(a => Same(a, t)))
            .Select(t => new Change(t.Number, t.Title, "removed")));
        return changes.OrderBy(c => c.Number).ToList();

        static IEnumerable<string> Units(PlanTask task) => task.Responsibilities.OrderBy(r => r.Order).Select(r => $"{r.Role}:{r.UnitId}");
    }
}
