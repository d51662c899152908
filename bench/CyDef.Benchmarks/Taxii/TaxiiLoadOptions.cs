using System.Globalization;

namespace CyDef.Benchmarks.Taxii;

/// <summary>The command line of the <c>taxii</c> load tool.</summary>
/// <param name="Objects">How many objects the store holds (generated and ingested when it holds fewer).</param>
/// <param name="Clients">Concurrent TAXII clients.</param>
/// <param name="PageSize">The <c>limit</c> of each GET objects.</param>
/// <param name="Seconds">How long the measured load runs (after a warm-up of a fifth of it).</param>
/// <param name="Seed">The generator's seed.</param>
/// <param name="Data">The node's data folder; a folder under the temporary directory, kept and reused, when null.</param>
internal sealed record TaxiiLoadOptions(int Objects, int Clients, int PageSize, int Seconds, int Seed, string? Data)
{
    public const string Usage =
        "usage: CyDef.Benchmarks taxii [--objects N (1000000)] [--clients N (50)] [--page N (1000)] [--seconds N (30)] [--seed N (1)] [--data DIR]";

    public static TaxiiLoadOptions? Parse(ReadOnlySpan<string> args)
    {
        var options = new TaxiiLoadOptions(1_000_000, 50, 1000, 30, 1, null);
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            TaxiiLoadOptions? updated = args[i] switch
            {
                "--objects" when TryPositive(value, out var n) => options with { Objects = n },
                "--clients" when TryPositive(value, out var n) => options with { Clients = n },
                "--page" when TryPositive(value, out var n) => options with { PageSize = n },
                "--seconds" when TryPositive(value, out var n) => options with { Seconds = n },
                "--seed" when TryPositive(value, out var n) => options with { Seed = n },
                "--data" when value is not null => options with { Data = value },
                _ => null,
            };
            if (updated is null)
            {
                Console.Error.WriteLine($"unknown or incomplete option '{args[i]}'");
                Console.Error.WriteLine(Usage);
                return null;
            }

            options = updated;
            i++;
        }

        return options;
    }

    private static bool TryPositive(string? text, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value > 0;
}
