using System.CommandLine;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Shian.Plans;

namespace Shian.Cli;

/// <summary><c>shian plan parse FILE</c>: reads an official plan document and prints its tasks, units and targets.</summary>
public static class PlanCommands
{
    public static Command Create(CliConsole console)
    {
        var file = new Argument<FileInfo>("file") { Description = "计划文件（.txt UTF-8/GB18030 或 .docx） / plan document (.txt or .docx)" };
        var json = new Option<bool>("--json") { Description = "输出 JSON / print JSON" };
        var parse = new Command("parse", "解析计划文件 / parse a plan document") { file, json };
        parse.SetAction(parseResult =>
        {
            var plan = Read(parseResult.GetValue(file)!, console, out var exitCode);
            if (plan is null)
            {
                return exitCode;
            }
            if (parseResult.GetValue(json))
            {
                console.Out(PlanJson.Serialize(plan));
            }
            else
            {
                Print(plan, console);
            }
            return ShianCli.Ok;
        });
        var importFile = new Argument<FileInfo>("file") { Description = "计划文件 / plan document" };
        var year = new Option<int>("--year") { Description = "计划年度 / the plan's year", Required = true };
        var map = new Option<string[]>("--map") { Description = "文中名称=单位名称，可重复 / printed name=unit name, repeatable", AllowMultipleArgumentsPerToken = true };
        var createUnits = new Option<bool>("--create-units") { Description = "把未对应的名称新建为单位 / create unmatched names as new units" };
        var db = CliDatabase.Option();
        var import = new Command("import", "导入计划：任务、责任单位和指标 / import a plan: tasks, units, targets") { importFile, year, map, createUnits, db };
        import.SetAction(async parseResult =>
        {
            var file = parseResult.GetValue(importFile)!;
            var plan = Read(file, console, out var exitCode);
            if (plan is null)
            {
                return exitCode;
            }
            await using var database = await CliDatabase.OpenAsync(parseResult.GetValue(db), console, CliOpen.Existing);
            if (database is null)
            {
                return ShianCli.Failed;
            }
            var units = await database.Db.Units.ToListAsync();
            var mapping = new Dictionary<string, Guid>();
            foreach (var pair in parseResult.GetValue(map) ?? [])
            {
                var parts = pair.Split('=', 2, StringSplitOptions.TrimEntries);
                var unit = parts.Length == 2 ? units.FirstOrDefault(u => u.Name == parts[1]) : null;
                if (unit is null)
                {
                    console.Error(Words.Format("Cli.PlanMapInvalid", pair));
                    return ShianCli.Usage;
                }
                mapping[parts[0]] = unit.Id;
            }
            var unknown = PlanImport.UnknownUnits(plan, units).Where(u => !mapping.ContainsKey(u.PrintedName)).ToList();
            var create = parseResult.GetValue(createUnits) ? unknown.Select(u => u.PrintedName).ToHashSet() : [];
            var text = PlanDocument.Read(File.ReadAllBytes(file.FullName), file.Name).Text!;
            var result = await PlanImport.ImportAsync(database.Db, plan, text, parseResult.GetValue(year), mapping, create, database.Clock);
            if (result.Outcome == PlanImport.Outcome.Refused)
            {
                foreach (var error in result.Errors)
                {
                    console.Error(Words.Of(error));
                }
                foreach (var u in unknown.Where(u => u.Suggestions.Count > 0))
                {
                    console.Out(Words.Format("Cli.PlanUnitSuggested", u.PrintedName, string.Join(Words.Format("Cli.ListSeparator"), u.Suggestions.Select(s => s.Name)), u.Suggestions[0].Name));
                }
                return ShianCli.Failed;
            }
            console.Out(result.Outcome switch
            {
                PlanImport.Outcome.Unchanged => Words.Format("Cli.PlanUnchanged"),
                PlanImport.Outcome.Revised => Words.Format("Cli.PlanRevised", result.Changes.Count),
                _ => Words.Format("Cli.PlanImported", plan.Tasks.Count),
            });
            foreach (var change in result.Changes)
            {
                console.Out($"  {change.Number}. {change.Title}: {change.What}");
            }
            return ShianCli.Ok;
        });
        return new Command("plan", "年度计划 / annual plans") { parse, import };
    }

    /// <summary>The parsed plan, or null with the message printed and the exit code set (1 unreadable, 2 not a plan).</summary>
    internal static ParsedPlan? Read(FileInfo file, CliConsole console, out int exitCode)
    {
        exitCode = ShianCli.Failed;
        if (!file.Exists)
        {
            console.Error(Words.Format("Cli.FileNotFound", file.FullName));
            return null;
        }
        if (file.Length > PlanDocument.MaxBytes)
        {
            console.Error(Words.Of(PlanDocument.TooLarge(file.Length)));
            return null;
        }
        var document = PlanDocument.Read(File.ReadAllBytes(file.FullName), file.Name);
        if (document.Text is null)
        {
            console.Error(Words.Of(document.Error!));
            return null;
        }
        var parsed = PlanParser.Parse(document.Text);
        if (parsed.Plan is null || parsed.Plan.Tasks.Count == 0)
        {
            console.Error(parsed.Error is { } error ? Words.Of(error) : Words.Format("Cli.PlanNoTask"));
            exitCode = ShianCli.Usage;
            return null;
        }
        exitCode = ShianCli.Ok;
        return parsed.Plan;
    }

    private static void Print(ParsedPlan plan, CliConsole console)
    {
        console.Out($"{plan.Title}（{plan.Year}）");
        console.Out(Words.Format("Cli.PlanIssued", plan.Issuer, plan.IssuedDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        console.Out(Words.Format("Cli.PlanCounts", plan.Sections.Count, plan.Tasks.Count));
        foreach (var task in plan.Tasks)
        {
            console.Out($"{task.Number}. {task.Title}");
            foreach (var r in task.Responsibilities)
            {
                console.Out($"     {r.Role.ToString().ToLowerInvariant()}: {string.Join("、", r.Units)}");
            }
            foreach (var i in task.Indicators)
            {
                console.Out(Words.Format("Cli.PlanTarget", i.Subject, i.Comparator, i.Value, i.Unit));
            }
        }
    }
}
