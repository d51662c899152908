using BenchmarkDotNet.Running;
using CyDef.Benchmarks.Load;

// `ndjson …` runs the end-to-end load tool; anything else goes to BenchmarkDotNet (--filter, --job, --list…).
if (args.Length > 0 && args[0] == "ndjson")
{
    return NdjsonLoadTool.Run(args.AsSpan(1));
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
