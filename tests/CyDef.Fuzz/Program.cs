using System.Globalization;
using CyDef.Fuzz;
using SharpFuzz;

// The fuzz targets for CyDef.Stix and CyDef.Patterns (see README.md). One engine per run, chosen by the first
// argument, after an optional "--target stix|patterns".
const string Usage = """
    usage: CyDef.Fuzz [--target stix|patterns] ENGINE
    engines:
           CyDef.Fuzz --afl                       run under afl-fuzz (CyDef.Stix.dll instrumented by the sharpfuzz tool)
           CyDef.Fuzz --libfuzzer                 run under libfuzzer-dotnet
           CyDef.Fuzz --replay PATH...            run every file under each PATH once, no engine
           CyDef.Fuzz --mutate CORPUS... [--seconds N] [--executions N] [--seed N] [--crashes DIR]
                                                  the built-in mutation fuzzer (no instrumentation)
    """;

if (args is ["--target", var name, .. var afterTarget])
{
    if (!FuzzTargets.Select(name!))
    {
        return PrintUsage();
    }

    args = afterTarget;
}

return args switch
{
    ["--afl"] => RunAfl(),
    ["--libfuzzer"] => RunLibFuzzer(),
    ["--replay", .. var paths] when paths.Length > 0 => Replay.Run(paths),
    ["--mutate", .. var rest] when rest.Length > 0 => RunMutate(rest),
    _ => PrintUsage(),
};

static int RunAfl()
{
    // SharpFuzz runs this in AFL's persistent mode: one process, many inputs.
    Fuzzer.Run(stream =>
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        FuzzTargets.Current(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
    });
    return 0;
}

static int RunLibFuzzer()
{
    Fuzzer.LibFuzzer.Run(span => FuzzTargets.Current(span));
    return 0;
}

static int RunMutate(string[] rest)
{
    var corpus = new List<string>();
    var seconds = 180;
    var executions = long.MaxValue;
    var seed = 1;
    var crashes = "fuzz-crashes";
    for (var i = 0; i < rest.Length; i++)
    {
        switch (rest[i])
        {
            case "--seconds": seconds = int.Parse(rest[++i], CultureInfo.InvariantCulture); break;
            case "--executions": executions = long.Parse(rest[++i], CultureInfo.InvariantCulture); break;
            case "--seed": seed = int.Parse(rest[++i], CultureInfo.InvariantCulture); break;
            case "--crashes": crashes = rest[++i]; break;
            default: corpus.Add(rest[i]); break;
        }
    }

    var seeds = corpus.SelectMany(path => Directory.Exists(path) ? Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories) : [path])
        .Order(StringComparer.Ordinal)
        .Select(File.ReadAllBytes)
        .ToList();
    if (seeds.Count == 0)
    {
        return PrintUsage();
    }

    return new MutationFuzzer(seeds, seed, crashes).Run(TimeSpan.FromSeconds(seconds), executions);
}

static int PrintUsage()
{
    Console.Error.WriteLine(Usage);
    return 2;
}
