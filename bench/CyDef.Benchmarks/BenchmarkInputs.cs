using System.Collections.Concurrent;
using CyDef.Benchmarks.Generation;
using CyDef.Stix.Json;

namespace CyDef.Benchmarks;

/// <summary>
/// The inputs the benchmarks read, by the name their <c>[Params]</c> use: the ATT&amp;CK for ICS bundle in
/// <c>demo/</c>, and NDJSON feeds made by <see cref="StixFeedGenerator"/> (seed 1, so every process that
/// asks for one, the benchmark and the host that computes the columns, gets the same bytes).
/// </summary>
internal static class BenchmarkInputs
{
    /// <summary>The ATT&amp;CK for ICS 18.1 bundle (3.5 MB, 1,826 objects, indented).</summary>
    public const string IcsAttack = "ics-attack-18.1";

    /// <summary>A generated NDJSON feed of 1 MB.</summary>
    public const string Ndjson1Mb = "ndjson-1mb";

    /// <summary>A generated NDJSON feed of 16 MB.</summary>
    public const string Ndjson16Mb = "ndjson-16mb";

    private const int Seed = 1;
    private const string IcsAttackPath = "demo/ics-attack-18.1.json";

    private static readonly ConcurrentDictionary<string, byte[]> BytesByName = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, int> ObjectsByName = new(StringComparer.Ordinal);

    public static byte[] Bytes(string name) => BytesByName.GetOrAdd(name, Load);

    /// <summary>How many objects (items that read without error) the input holds.</summary>
    public static int ObjectCount(string name) => ObjectsByName.GetOrAdd(name, n => ReadAll(Bytes(n)).Length);

    /// <summary>Every object of <paramref name="utf8"/>, read with <see cref="StixStreamReader"/>.</summary>
    public static StixValue[] ReadAll(byte[] utf8)
    {
        var objects = new List<StixValue>();
        using var reader = new StixStreamReader(new MemoryStream(utf8, writable: false));
        foreach (var item in reader.ReadObjects())
        {
            if (item.Value is { } value)
            {
                objects.Add(value);
            }
        }

        return [.. objects];
    }

    private static byte[] Load(string name) => name switch
    {
        IcsAttack => File.ReadAllBytes(FindRepositoryFile(IcsAttackPath)),
        Ndjson1Mb => NdjsonFeed.Generate(1L << 20, Seed),
        Ndjson16Mb => NdjsonFeed.Generate(16L << 20, Seed),
        _ => throw new ArgumentException($"unknown benchmark input '{name}'", nameof(name)),
    };

    /// <summary>
    /// A file of the repository: BenchmarkDotNet runs each benchmark from a generated project below
    /// <c>bin/</c>, so the search walks up from there (and from the working directory) to the file.
    /// </summary>
    private static string FindRepositoryFile(string relative)
    {
        if (Environment.GetEnvironmentVariable("CYDEF_ICS_BUNDLE") is { Length: > 0 } overridden)
        {
            return overridden;
        }

        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, relative);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new FileNotFoundException($"'{relative}' not found above {AppContext.BaseDirectory}; set CYDEF_ICS_BUNDLE to its path");
    }
}
