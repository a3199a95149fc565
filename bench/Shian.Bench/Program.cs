if (args is ["trace-store"])
{
    // Builds (once) the EPCIS store the trace benchmark reads: see TraceStore.Settings for the environment variables.
    var (path, events) = Shian.Bench.TraceStore.Settings();
    Shian.Bench.TraceStore.EnsureBuilt(path, events);
    return;
}
if (args is ["trace-probe"])
{
    await Shian.Bench.TraceProbe.RunAsync();
    return;
}
if (args is ["pages-at-size"])
{
    await Shian.Bench.PagesAtSize.RunAsync();
    return;
}
if (args is ["capture-throughput"])
{
    await Shian.Bench.CaptureThroughput.RunAsync();
    return;
}
BenchmarkDotNet.Running.BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
