using BenchmarkDotNet.Running;
using CyDef.Benchmarks.Detection;
using CyDef.Benchmarks.Federation;
using CyDef.Benchmarks.Ingest;
using CyDef.Benchmarks.Load;
using CyDef.Benchmarks.Patterns;
using CyDef.Benchmarks.Taxii;

// `ndjson …`, `patterns …`, `detection …`, `taxii …`, `ingest …`, `signatures …`, `ui …` and `federation …` run the load tools; anything else goes to BenchmarkDotNet (--filter, --job, --list…).
if (args.Length > 0 && args[0] == "ndjson")
{
    return NdjsonLoadTool.Run(args.AsSpan(1));
}

if (args.Length > 0 && args[0] == "patterns")
{
    return PatternLoadTool.Run(args.AsSpan(1));
}

if (args.Length > 0 && args[0] == "detection")
{
    return DetectionLoadTool.Run(args.AsSpan(1));
}

if (args.Length > 0 && args[0] == "taxii")
{
    return TaxiiLoadTool.Run(args.AsSpan(1));
}

if (args.Length > 0 && args[0] == "signatures")
{
    return CyDef.Benchmarks.Signatures.SignatureLoadTool.Run(args.AsSpan(1));
}

if (args.Length > 0 && args[0] == "ui")
{
    return await CyDef.Benchmarks.Ui.UiLoadTool.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "federation")
{
    return FederationLoadTool.Run(args.AsSpan(1));
}

if (args.Length > 0 && args[0] == "ingest")
{
    return await IngestLoadTool.RunAsync(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
