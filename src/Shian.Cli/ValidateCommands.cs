using System.CommandLine;
using Shian.Registry;

namespace Shian.Cli;

/// <summary><c>shian validate uscc CODE</c>: checks a credit code; exit 0 when valid, 1 with the reason when not.</summary>
public static class ValidateCommands
{
    public static Command Create(CliConsole console)
    {
        var code = new Argument<string>("code") { Description = "统一社会信用代码 / unified social credit code" };
        var uscc = new Command("uscc", "校验统一社会信用代码 / check a unified social credit code (GB 32100-2015)") { code };
        uscc.SetAction(parse =>
        {
            var check = CreditCode.Validate(parse.GetValue(code) ?? "");
            if (check.Valid)
            {
                console.Out(Words.Format("Cli.CodeValid", check.Normalized));
                return ShianCli.Ok;
            }
            console.Error(Words.Format("Cli.CodeInvalid", check.Normalized, Words.Of(check.Error!)));
            if (check.ExpectedCheck is { } expected)
            {
                console.Out($"{check.Normalized[..17]}{expected}");
            }
            return ShianCli.Failed;
        });
        return new Command("validate", "校验代码和证号 / check codes and licence numbers") { uscc };
    }
}
