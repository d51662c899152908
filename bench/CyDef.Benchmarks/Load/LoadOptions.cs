using System.Globalization;

namespace CyDef.Benchmarks.Load;

/// <summary>The command line of the <c>ndjson</c> load tool.</summary>
/// <param name="SizeMegabytes">How much NDJSON to generate, in MB (2^20 bytes).</param>
/// <param name="Seed">The generator's seed.</param>
/// <param name="File">An NDJSON file to use (generated there when absent); a temporary file when null.</param>
/// <param name="Keep">Whether to keep the generated file afterwards (it is reused when it exists).</param>
/// <param name="Breakdown">Whether to add the stage-by-stage breakdown of read+validate.</param>
internal sealed record LoadOptions(int SizeMegabytes, int Seed, string? File, bool Keep, bool Breakdown, int Rounds)
{
    public const string Usage =
        "usage: CyDef.Benchmarks ndjson [--size-mb N (1024)] [--seed N (1)] [--file PATH] [--keep] [--breakdown] [--rounds N (3)]";

    /// <summary>Parses the arguments after <c>ndjson</c>; null (with a message on stderr) when they are wrong.</summary>
    public static LoadOptions? Parse(ReadOnlySpan<string> args)
    {
        var options = new LoadOptions(1024, 1, null, false, false, 3);
        for (var i = 0; i < args.Length; i++)
        {
            var (updated, consumed) = ParseOne(options, args[i], i + 1 < args.Length ? args[i + 1] : null);
            if (updated is null)
            {
                Console.Error.WriteLine($"unknown or incomplete option '{args[i]}'");
                Console.Error.WriteLine(Usage);
                return null;
            }

            options = updated;
            i += consumed;
        }

        return options;
    }

    private static (LoadOptions? Options, int Consumed) ParseOne(LoadOptions options, string name, string? value) => name switch
    {
        "--size-mb" when TryPositive(value, out var size) => (options with { SizeMegabytes = size }, 1),
        "--seed" when TryPositive(value, out var seed) => (options with { Seed = seed }, 1),
        "--file" when value is not null => (options with { File = value }, 1),
        "--rounds" when TryPositive(value, out var rounds) => (options with { Rounds = rounds }, 1),
        "--keep" => (options with { Keep = true }, 0),
        "--breakdown" => (options with { Breakdown = true }, 0),
        _ => (null, 0),
    };

    private static bool TryPositive(string? text, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value > 0;
}
