using System.Globalization;
using System.Runtime;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace CyDef.Benchmarks.Load;

/// <summary>The load tool's results: one JSON object for machines, one line for people.</summary>
internal sealed class LoadReport(string path, long bytes, int seed, GeneratedFeed? generation, PassResult[] passes, StageBreakdown? breakdown, int rounds)
{
    /// <summary>The goal for read+validate throughput relative to the bare Utf8JsonReader pass.</summary>
    public const double GoalRatio = 0.3;

    private static readonly JsonWriterOptions Options = new() { Indented = false };

    private PassResult Bare => Pass("bare_utf8jsonreader");

    private PassResult ReadValidate => Pass("read_validate");

    private PassResult WithPatterns => Pass("read_validate_patterns");

    public double Ratio => ReadValidate.MegabytesPerSecond / Bare.MegabytesPerSecond;

    /// <summary>The same ratio over CPU time, which other processes on the machine disturb less.</summary>
    public double CpuRatio => ReadValidate.MegabytesPerCpuSecond / Bare.MegabytesPerCpuSecond;

    /// <summary>Whether every object was read and validated without error, patterns included (generator bugs show here).</summary>
    public bool AllValid =>
        ReadValidate.Counts is { ReadErrors: 0, InvalidObjects: 0 } && WithPatterns.Counts is { ReadErrors: 0, InvalidObjects: 0 }
        && Pass("read").Counts.ReadErrors == 0;

    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            json.WriteString("tool", "CyDef.Benchmarks ndjson");
            json.WriteString("date", DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            WriteMachine(json);
            WriteInput(json);
            json.WriteString("megabyte", "2^20 bytes");
            json.WriteNumber("rounds", rounds);
            json.WriteStartObject("passes");
            foreach (var pass in passes)
            {
                WritePass(json, pass);
            }

            json.WriteEndObject();
            json.WriteNumber("ratio_read_validate_to_bare", Math.Round(Ratio, 4));
            json.WriteNumber("ratio_read_validate_to_bare_cpu", Math.Round(CpuRatio, 4));
            json.WriteNumber("goal_ratio", GoalRatio);
            json.WriteBoolean("goal_met", Ratio >= GoalRatio);
            json.WriteNumber("ratio_read_validate_patterns_to_bare", Math.Round(WithPatterns.MegabytesPerSecond / Bare.MegabytesPerSecond, 4));
            json.WriteNumber("invalid_objects", ReadValidate.Counts.InvalidObjects);
            json.WriteNumber("invalid_objects_with_patterns", WithPatterns.Counts.InvalidObjects);
            json.WriteNumber("read_errors", ReadValidate.Counts.ReadErrors);
            json.WriteNumber("warnings", ReadValidate.Counts.Warnings);
            breakdown?.WriteTo(json);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public string Summary()
    {
        var read = Pass("read");
        var rv = ReadValidate;
        return string.Create(CultureInfo.InvariantCulture,
            $"ndjson {bytes >> 20:N0} MB, {rv.Counts.Objects:N0} objects, 1 thread: bare {Bare.MegabytesPerSecond:N0} MB/s; "
            + $"read {read.MegabytesPerSecond:N1} MB/s ({read.ObjectsPerSecond:N0} obj/s, {read.AllocatedBytesPerObject:N0} B/obj); "
            + $"read+validate {rv.MegabytesPerSecond:N1} MB/s ({rv.ObjectsPerSecond:N0} obj/s, {rv.AllocatedBytesPerObject:N0} B/obj); "
            + $"ratio {Ratio:N3} (cpu {CpuRatio:N3}; goal >= {GoalRatio}: {(Ratio >= GoalRatio ? "met" : "NOT met")}); "
            + $"with patterns {WithPatterns.MegabytesPerSecond:N1} MB/s ({WithPatterns.ObjectsPerSecond:N0} obj/s); "
            + $"invalid {rv.Counts.InvalidObjects} ({WithPatterns.Counts.InvalidObjects} with patterns), read errors {rv.Counts.ReadErrors}, warnings {rv.Counts.Warnings}");
    }

    private PassResult Pass(string name) => Array.Find(passes, p => p.Name == name) ?? throw new InvalidOperationException($"no pass '{name}'");

    private static void WriteMachine(Utf8JsonWriter json)
    {
        json.WriteStartObject("machine");
        json.WriteNumber("cores", Environment.ProcessorCount);
        json.WriteString("cpu", CpuModel());
        json.WriteString("os", RuntimeInformation.OSDescription);
        json.WriteString("runtime", RuntimeInformation.FrameworkDescription);
        json.WriteString("gc", $"{(GCSettings.IsServerGC ? "server" : "workstation")}, {GCSettings.LatencyMode}");
        json.WriteString("load_average_at_end", LoadAverage());
        json.WriteEndObject();
    }

    private void WriteInput(Utf8JsonWriter json)
    {
        json.WriteStartObject("input");
        json.WriteString("path", path);
        json.WriteNumber("bytes", bytes);
        json.WriteNumber("objects", ReadValidate.Counts.Objects);
        json.WriteNumber("seed", seed);
        if (generation is not null)
        {
            json.WriteNumber("generation_seconds", Math.Round(generation.Elapsed.TotalSeconds, 1));
            json.WriteStartObject("objects_by_type");
            foreach (var (type, count) in generation.ObjectsByType)
            {
                json.WriteNumber(type, count);
            }

            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    private static void WritePass(Utf8JsonWriter json, PassResult pass)
    {
        json.WriteStartObject(pass.Name);
        json.WriteNumber("seconds", Math.Round(pass.Wall.TotalSeconds, 3));
        json.WriteNumber("cpu_seconds", Math.Round(pass.Cpu.TotalSeconds, 3));
        json.WriteNumber("mb_per_s", Math.Round(pass.MegabytesPerSecond, 1));
        json.WriteNumber("mb_per_cpu_s", Math.Round(pass.MegabytesPerCpuSecond, 1));
        if (pass.Counts.Tokens > 0)
        {
            json.WriteNumber("tokens", pass.Counts.Tokens);
        }

        if (pass.Counts.Objects > 0)
        {
            json.WriteNumber("objects", pass.Counts.Objects);
            json.WriteNumber("objects_per_s", Math.Round(pass.ObjectsPerSecond));
            json.WriteNumber("objects_per_cpu_s", Math.Round(pass.ObjectsPerCpuSecond));
            json.WriteNumber("bytes_allocated_per_object", Math.Round(pass.AllocatedBytesPerObject));
        }

        json.WriteNumber("bytes_allocated", pass.AllocatedBytes);
        json.WriteNumber("gen0", pass.Gen0Collections);
        json.WriteNumber("gen1", pass.Gen1Collections);
        json.WriteNumber("gen2", pass.Gen2Collections);
        json.WriteNumber("gc_pause_seconds", Math.Round(pass.GcPause.TotalSeconds, 3));
        json.WriteEndObject();
    }

    /// <summary>The 1, 5 and 15 minute load averages: above 1 per core, other work competed for the CPU.</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ')[..3]) : "unknown";

    private static string CpuModel()
    {
        const string Prefix = "model name";
        if (File.Exists("/proc/cpuinfo"))
        {
            foreach (var line in File.ReadLines("/proc/cpuinfo"))
            {
                if (line.StartsWith(Prefix, StringComparison.Ordinal) && line.IndexOf(':', StringComparison.Ordinal) is > 0 and var colon)
                {
                    return line[(colon + 1)..].Trim();
                }
            }
        }

        return RuntimeInformation.ProcessArchitecture.ToString();
    }
}
