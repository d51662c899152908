using System.Globalization;

namespace CyDef.Benchmarks.Ingest;

/// <summary>The command line of the <c>ingest</c> load tool.</summary>
/// <param name="Count">How many STIX objects to generate and ingest.</param>
/// <param name="Seed">The generator's seed.</param>
/// <param name="Engines">Which engines to measure: sqlite, postgres.</param>
/// <param name="Postgres">The PostgreSQL connection string; <c>CYDEF_TEST_POSTGRES</c> when omitted.</param>
/// <param name="BatchSize">Versions per transaction in the end-to-end ingest.</param>
/// <param name="Raw">Whether to measure the raw insert rate too.</param>
internal sealed record IngestLoadOptions(int Count, int Seed, string[] Engines, string? Postgres, int BatchSize, bool Raw)
{
    public const string Usage =
        "usage: CyDef.Benchmarks ingest [--count N (1000000)] [--seed N (1)] [--engines sqlite,postgres] [--postgres CONNECTION] [--batch N (10000)] [--no-raw]";

    public static IngestLoadOptions? Parse(string[] args)
    {
        var options = new IngestLoadOptions(1_000_000, 1, ["sqlite", "postgres"], Environment.GetEnvironmentVariable("CYDEF_TEST_POSTGRES"), 10_000, true);
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            IngestLoadOptions? updated = args[i] switch
            {
                "--count" when TryPositive(value, out var count) => options with { Count = count },
                "--seed" when TryPositive(value, out var seed) => options with { Seed = seed },
                "--engines" when value is not null => options with { Engines = value.Split(',', StringSplitOptions.RemoveEmptyEntries) },
                "--postgres" when value is not null => options with { Postgres = value },
                "--batch" when TryPositive(value, out var batch) => options with { BatchSize = batch },
                "--no-raw" => options with { Raw = false },
                _ => null,
            };
            if (updated is null)
            {
                Console.Error.WriteLine($"unknown or incomplete option '{args[i]}'");
                Console.Error.WriteLine(Usage);
                return null;
            }

            i += args[i] == "--no-raw" ? 0 : 1;
            options = updated;
        }

        return options;
    }

    private static bool TryPositive(string? text, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value > 0;
}
