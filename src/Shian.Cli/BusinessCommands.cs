using System.CommandLine;
using Shian.Registry;

namespace Shian.Cli;

/// <summary><c>shian businesses import FILE</c>: the registry import from the shell, all rows or none.</summary>
public static class BusinessCommands
{
    public static Command Create(CliConsole console)
    {
        var file = new Argument<FileInfo>("file") { Description = ".xlsx 或 .csv，第一行为列名 / .xlsx or .csv with a header row" };
        var allowOverride = new Option<bool>("--allow-override")
        {
            Description = "接受校验位错误但在“代码校验说明”列写明原因的代码 / accept codes failing their check when the 代码校验说明 column gives a reason",
        };
        var db = CliDatabase.Option();
        var import = new Command("import", "导入市场主体，有错误时全部不导入 / import businesses; any bad row imports nothing") { file, allowOverride, db };
        import.SetAction(async parse =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                console.Error(Words.Format("Cli.FileNotFound", path.FullName));
                return ShianCli.Usage;
            }
            if (path.Length > BusinessImport.Limits.MaxFileBytes)
            {
                console.Error(Words.Of(BusinessImport.Limits.TooLarge(path.Name))); // before reading it into memory
                return ShianCli.Failed;
            }
            await using var database = await CliDatabase.OpenAsync(parse.GetValue(db), console, CliOpen.Existing);
            if (database is null)
            {
                return ShianCli.Failed;
            }
            var (imported, errors) = await BusinessImport.ImportAsync(database.Db, await File.ReadAllBytesAsync(path.FullName), path.Name,
                parse.GetValue(allowOverride), database.Clock);
            if (errors.Count > 0)
            {
                foreach (var error in errors)
                {
                    console.Error(Line(error));
                }
                console.Error(Words.Format("Cli.ImportRefused", errors.Count));
                return ShianCli.Failed;
            }
            console.Out(Words.Format("Cli.BusinessesImported", imported));
            return ShianCli.Ok;
        });
        return new Command("businesses", "市场主体 / the business registry") { import };
    }

    /// <summary><c>shian licences import FILE</c>: licences of registered businesses, all rows or none.</summary>
    public static Command Licences(CliConsole console)
    {
        var file = new Argument<FileInfo>("file") { Description = ".xlsx 或 .csv，第一行为列名 / .xlsx or .csv with a header row" };
        var db = CliDatabase.Option();
        var import = new Command("import", "导入许可证和备案，有错误时全部不导入 / import licences; any bad row imports nothing") { file, db };
        import.SetAction(async parse =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                console.Error(Words.Format("Cli.FileNotFound", path.FullName));
                return ShianCli.Usage;
            }
            if (path.Length > LicenceImport.Limits.MaxFileBytes)
            {
                console.Error(Words.Of(LicenceImport.Limits.TooLarge(path.Name))); // before reading it into memory
                return ShianCli.Failed;
            }
            await using var database = await CliDatabase.OpenAsync(parse.GetValue(db), console, CliOpen.Existing);
            if (database is null)
            {
                return ShianCli.Failed;
            }
            var (imported, errors, warnings) = await LicenceImport.ImportAsync(database.Db, await File.ReadAllBytesAsync(path.FullName), path.Name,
                database.Clock);
            foreach (var error in errors)
            {
                console.Error(Line(error));
            }
            // Warnings (a number whose region or type does not fit the business) are reported, never a refusal.
            foreach (var warning in warnings)
            {
                console.Error(Words.Format("Cli.Warning", Line(warning)));
            }
            if (errors.Count > 0)
            {
                console.Error(Words.Format("Cli.ImportRefused", errors.Count));
                return ShianCli.Failed;
            }
            if (warnings.Count > 0)
            {
                console.Out(Words.Format("Cli.WarningsToReview", warnings.Count));
            }
            console.Out(Words.Format("Cli.LicencesImported", imported));
            return ShianCli.Ok;
        });
        return new Command("licences", "许可证和备案 / licences and filings") { import };
    }

    /// <summary>One refused row as the import report shows it: line, column and the reason worded.</summary>
    private static string Line(BusinessImport.RowError error) =>
        error.Row > 0 ? Words.Format("Cli.RowError", error.Row, error.Column, Words.Of(error.Problem)) : Words.Format("Cli.FileError", error.Column, Words.Of(error.Problem));
}
