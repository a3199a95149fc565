return Shian.Cli.ShianCli.Run(args, Console.Out, Console.Error);
