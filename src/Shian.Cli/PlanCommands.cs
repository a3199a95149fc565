using System.CommandLine;
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
        return new Command("plan", "年度计划 / annual plans") { parse };
    }

    /// <summary>The parsed plan, or null with the message printed and the exit code set (1 unreadable, 2 not a plan).</summary>
    internal static ParsedPlan? Read(FileInfo file, CliConsole console, out int exitCode)
    {
        exitCode = ShianCli.Failed;
        if (!file.Exists)
        {
            console.Error($"文件不存在：{file.FullName} / no such file");
            return null;
        }
        if (file.Length > PlanDocument.MaxBytes)
        {
            console.Error(PlanDocument.TooLarge(file.Length).Error!);
            return null;
        }
        var document = PlanDocument.Read(File.ReadAllBytes(file.FullName), file.Name);
        if (document.Text is null)
        {
            console.Error(document.Error!);
            return null;
        }
        var parsed = PlanParser.Parse(document.Text);
        if (parsed.Plan is null || parsed.Plan.Tasks.Count == 0)
        {
            console.Error(parsed.Error ?? "未识别到任何任务 / no task was recognised");
            exitCode = ShianCli.Usage;
            return null;
        }
        exitCode = ShianCli.Ok;
        return parsed.Plan;
    }

    private static void Print(ParsedPlan plan, CliConsole console)
    {
        console.Out($"{plan.Title}（{plan.Year}）");
        console.Out($"印发：{plan.Issuer} {plan.IssuedDate:yyyy-MM-dd}");
        console.Out($"{plan.Sections.Count} 个部分，{plan.Tasks.Count} 项任务 / {plan.Sections.Count} sections, {plan.Tasks.Count} tasks");
        foreach (var task in plan.Tasks)
        {
            console.Out($"{task.Number}. {task.Title}");
            foreach (var r in task.Responsibilities)
            {
                console.Out($"     {r.Role.ToString().ToLowerInvariant()}: {string.Join("、", r.Units)}");
            }
            foreach (var i in task.Indicators)
            {
                console.Out($"     指标 / target: {i.Subject} {i.Comparator} {i.Value}{i.Unit}");
            }
        }
    }
}
