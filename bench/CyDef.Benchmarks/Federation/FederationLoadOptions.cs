using System.Globalization;

namespace CyDef.Benchmarks.Federation;

/// <summary>The command line of the <c>federation</c> load tool.</summary>
/// <param name="Nodes">Node processes, the publisher included (at most 27: one per Member State).</param>
/// <param name="Objects">Objects published one at a time for the latency figures.</param>
/// <param name="Rate">Objects published per second.</param>
/// <param name="Bulk">Objects replicated to one peer for the throughput figure (0: skip).</param>
/// <param name="PageSize">The page size of the throughput pull (the publisher's MaxPageSize is set to it).</param>
/// <param name="Warmup">Objects published at the same rate before the measured ones, not measured: the nodes' code is
/// compiled and their caches filled first, so that the figures are those of running nodes, not of starting ones.</param>
/// <param name="Data">Where the nodes' data folders go (a fresh folder under the temporary directory when null).</param>
/// <param name="Pgo">Whether the nodes run with .NET's dynamic PGO (its instrumented code and re-compilations cost the
/// many nodes of one small machine more, within a run of minutes, than they give back; a node that runs for weeks on its
/// own machine keeps it).</param>
/// <param name="Verify">Whether the receiving nodes check the publisher's signature on every version (MustSign).</param>
internal sealed record FederationLoadOptions(int Nodes, int Objects, int Rate, int Bulk, int PageSize, int Warmup, string? Data, bool Pgo = false, bool Verify = true)
{
    public const string Usage =
        "usage: CyDef.Benchmarks federation [--nodes N (27)] [--objects N (1000)] [--rate N/s (20)] [--bulk N (100000)] [--page N (5000)] [--warmup N (300)] [--pgo on|off (off)] [--verify on|off (on)] [--data DIR]";

    public static FederationLoadOptions? Parse(ReadOnlySpan<string> args)
    {
        var options = new FederationLoadOptions(27, 1000, 20, 100_000, 5000, 300, null);
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            FederationLoadOptions? updated = args[i] switch
            {
                "--nodes" when TryInt(value, 2, 27, out var n) => options with { Nodes = n },
                "--objects" when TryInt(value, 1, 1_000_000, out var n) => options with { Objects = n },
                "--rate" when TryInt(value, 1, 10_000, out var n) => options with { Rate = n },
                "--bulk" when TryInt(value, 0, 10_000_000, out var n) => options with { Bulk = n },
                "--page" when TryInt(value, 1, 10_000, out var n) => options with { PageSize = n },
                "--warmup" when TryInt(value, 0, 1_000_000, out var n) => options with { Warmup = n },
                "--data" when value is not null => options with { Data = value },
                "--pgo" when value is "on" or "off" => options with { Pgo = value == "on" },
                "--verify" when value is "on" or "off" => options with { Verify = value == "on" },
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

    private static bool TryInt(string? text, int min, int max, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max;
}
