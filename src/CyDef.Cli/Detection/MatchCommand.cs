using System.CommandLine;
using System.Text.Json;
using CyDef.Detection;
using CyDef.Detection.Sightings;
using CyDef.Server;
using CyDef.Server.Detection;
using CyDef.Stix;
using CyDef.Stix.Json;
using CyDef.Storage.Sqlite;

namespace CyDef.Cli.Detection;

/// <summary>
/// <c>cydef match [--data DIR] [--format eve|zeek|cef] [--sensor NAME] [--window MINUTES] FILE|-</c>: matches sensor
/// output offline against a node's currently valid indicators and prints a STIX bundle of the sightings (with the
/// sensor's identity) to standard output; a summary on standard error. Exit 0: every line read; 1: some lines
/// skipped (counted by reason); 2: usage or I/O error.
/// </summary>
internal static class MatchCommand
{
    public static Command Create()
    {
        var data = Node.NodeRunner.DataOption();
        var format = new Option<SensorFormat>("--format") { Description = "The input's format: eve (Suricata), zeek (JSON or TSV) or cef.", DefaultValueFactory = _ => SensorFormat.Eve };
        var sensor = new Option<string>("--sensor") { Description = "The sensor's name (its identity is where the sightings were made).", DefaultValueFactory = _ => "sensor" };
        var window = new Option<int>("--window") { Description = "Minutes of hits aggregated into one sighting (default 60).", DefaultValueFactory = _ => 60 };
        var input = new Argument<string>("FILE") { Description = "The sensor's output; - reads standard input." };
        var command = new Command("match", "Match sensor output (Suricata EVE, Zeek, CEF) against a node's indicators; print the sightings as a STIX bundle.")
        {
            data, format, sensor, window, input,
        };
        command.SetAction((parse, token) => RunAsync(parse.GetValue(data) ?? NodeOptions.DefaultDataFolder, parse.GetValue(format), parse.GetValue(sensor)!,
            parse.GetValue(window), parse.GetValue(input)!, parse.InvocationConfiguration, token));
        return command;
    }

    private static async Task<int> RunAsync(string folder, SensorFormat format, string sensor, int window, string input, InvocationConfiguration console, CancellationToken cancellationToken)
    {
        if (!File.Exists(Path.Combine(folder, SqliteObjectStore.FileName)))
        {
            console.Error.WriteLine($"cydef: {Path.GetFullPath(folder)} holds no node store");
            return CommandLine.UsageOrIoError;
        }

        if (window < 1 || (input != "-" && !File.Exists(input)))
        {
            console.Error.WriteLine(window < 1 ? "cydef: --window must be at least 1 minute" : $"cydef: {input}: no such file");
            return CommandLine.UsageOrIoError;
        }

        var index = new IndicatorIndex();
        await using (var store = await SqliteObjectStore.OpenAsync(folder, cancellationToken))
        {
            await IndicatorLoader.LoadAsync(store, index, cancellationToken);
        }

        var sightings = new SightingAggregator(new SightingOptions { Sensor = sensor, Window = TimeSpan.FromMinutes(window) });
        var session = new DetectionSession(index, format, sightings);
        try
        {
            await using var stream = input == "-" ? Console.OpenStandardInput() : File.OpenRead(input);
            await session.ProcessAsync(stream, cancellationToken);
        }
        catch (IOException e)
        {
            console.Error.WriteLine($"cydef: {input}: {e.Message}");
            return CommandLine.UsageOrIoError;
        }

        var objects = sightings.TakeChanged();
        console.Output.WriteLine(Bundle(objects.Count > 0 ? [sightings.SensorIdentity(), .. objects] : []));
        Summarize(console.Error, index, session.Stats, objects.Count);
        return session.Stats.Skipped > 0 ? CommandLine.Invalid : CommandLine.Ok;
    }

    /// <summary>A bundle whose id derives from its content, so the same input gives the same output.</summary>
    private static string Bundle(IReadOnlyList<StixValue> objects)
    {
        var ids = string.Join(",", objects.Select(o => o["id"]!.GetString()));
        var bundle = StixValue.Object(
        [
            new("type", StixValue.String("bundle")),
            new("id", StixValue.String("bundle--" + DeterministicId.UuidV5(SightingAggregator.Namespace, "bundle:" + ids))),
            new("objects", StixValue.Array([.. objects])),
        ]);
        return StixJsonWriter.ToJsonString(bundle);
    }

    private static void Summarize(TextWriter error, IndicatorIndex index, DetectionStats stats, int sightings)
    {
        error.WriteLine($"cydef: {index.ExactCount + index.PatternCount:N0} indicators ({index.ExactCount:N0} by exact value, {index.PatternCount:N0} by pattern); "
            + $"{stats.Events:N0} events, {stats.Hits:N0} hits, {sightings:N0} sightings, {stats.Skipped:N0} lines skipped");
        if (stats.Skipped == 0)
        {
            return;
        }

        var reasons = Enum.GetValues<SkipReason>().Where(r => stats.SkippedFor(r) > 0).Select(r => $"{Name(r)} {stats.SkippedFor(r):N0}");
        error.WriteLine($"cydef: skipped: {string.Join(", ", reasons)}");
        foreach (var (line, reason) in stats.FirstSkipped)
        {
            error.WriteLine($"cydef: line {line}: {Name(reason)}");
        }
    }

    private static string Name(SkipReason reason) => JsonNamingPolicy.KebabCaseLower.ConvertName(reason.ToString());
}
