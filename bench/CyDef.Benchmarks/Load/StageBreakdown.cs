using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json;
using CyDef.Stix.Json;
using CyDef.Stix.Validation;

namespace CyDef.Benchmarks.Load;

/// <summary>
/// Where read+validate spends its time, stage by stage, over the first 64 MB of the file held in memory:
/// tokenizing, parsing to <see cref="StixValue"/> and validating, and operations of the validator, each redone
/// alone and timed with a <see cref="Stopwatch"/> and the process's CPU time, best of three rounds (other work on
/// the machine makes single rounds noisy). Stages are measured in isolation, so their sum only approximates the
/// end-to-end figure.
/// </summary>
internal sealed partial class StageBreakdown
{
    private const int SampleBytes = 64 << 20;
    private const int Rounds = 3;

    private readonly List<(string Stage, StageCost Cost)> _stages = [];
    private readonly List<(string Part, StageCost PerCall, double ValuesPerObject)> _validationParts = [];
    private readonly byte[] _sample;
    private readonly (int Start, int Length)[] _lines;
    private StixValue[] _objects = [];

    private StageBreakdown(byte[] sample, (int Start, int Length)[] lines)
    {
        _sample = sample;
        _lines = lines;
    }

    public static StageBreakdown Measure(string path)
    {
        Console.Error.WriteLine("breakdown: timing each stage over the first 64 MB, in memory");
        var sample = LoadSample(path);
        var breakdown = new StageBreakdown(sample, SplitLines(sample));
        breakdown.MeasureReaderStages();
        breakdown.MeasureValidation();
        return breakdown;
    }

    public void WriteTo(Utf8JsonWriter json)
    {
        json.WriteStartObject("breakdown");
        json.WriteNumber("sample_bytes", _sample.Length);
        json.WriteNumber("sample_objects", _lines.Length);
        json.WriteStartObject("stages");
        foreach (var (stage, cost) in _stages)
        {
            json.WriteStartObject(stage);
            cost.WriteTo(json);
            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteStartObject("validation_parts");
        foreach (var (part, perCall, valuesPerObject) in _validationParts)
        {
            json.WriteStartObject(part);
            perCall.WriteTo(json);
            json.WriteNumber("values_per_object", Math.Round(valuesPerObject, 2));
            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    private void MeasureReaderStages()
    {
        Time("tokenize_only", TokenizeLines);
        Time("parse_to_stixvalue", ParseLines);
        ParseAndKeep();
        Time("validate_object", ValidateObjects);
    }

    private void Time(string stage, Func<long> body)
    {
        var cost = BestOf(body, _lines.Length, "object");
        _stages.Add((stage, cost));
        Console.Error.WriteLine($"  {stage}: {cost}");
    }

    /// <summary>Runs <paramref name="body"/> once to warm up, then keeps the best of three rounds.</summary>
    /// <returns>The cost of one of the <paramref name="units"/> that <paramref name="body"/> goes through.</returns>
    private static StageCost BestOf(Func<long> body, long units, string unit)
    {
        body();
        var (wall, cpu) = (double.MaxValue, double.MaxValue);
        for (var i = 0; i < Rounds; i++)
        {
            GC.Collect();
            var cpuBefore = Environment.CpuUsage.TotalTime;
            var stopwatch = Stopwatch.StartNew();
            body();
            wall = Math.Min(wall, stopwatch.Elapsed.TotalNanoseconds);
            cpu = Math.Min(cpu, (Environment.CpuUsage.TotalTime - cpuBefore).TotalNanoseconds);
        }

        return new StageCost(wall / units, cpu / units, unit);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private long TokenizeLines()
    {
        long tokens = 0;
        foreach (var (start, length) in _lines)
        {
            var reader = new Utf8JsonReader(_sample.AsSpan(start, length));
            while (reader.Read())
            {
                tokens++;
            }
        }

        return tokens;
    }

    /// <summary>Each line to a <see cref="StixValue"/>, dropped at once (as a streaming consumer would).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private long ParseLines()
    {
        long properties = 0;
        foreach (var (start, length) in _lines)
        {
            properties += StixJsonReader.Parse(_sample.AsSpan(start, length)).Value!.Count;
        }

        return properties;
    }

    /// <summary>Every line parsed and kept, not timed: the input of the validation stages.</summary>
    private void ParseAndKeep()
    {
        _objects = new StixValue[_lines.Length];
        for (var i = 0; i < _lines.Length; i++)
        {
            var (start, length) = _lines[i];
            _objects[i] = StixJsonReader.Parse(_sample.AsSpan(start, length)).Value!;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private long ValidateObjects()
    {
        long issues = 0;
        for (var i = 0; i < _objects.Length; i++)
        {
            issues += StixValidator.ValidateObject(_objects[i], ValidationOptions.Default, JsonPath.Index("$", i)).Issues.Count;
        }

        return issues;
    }

    private static byte[] LoadSample(string path)
    {
        using var stream = File.OpenRead(path);
        var buffer = new byte[(int)Math.Min(SampleBytes, stream.Length)];
        stream.ReadExactly(buffer);
        var end = buffer.AsSpan().LastIndexOf((byte)'\n') + 1;
        return end == buffer.Length ? buffer : buffer[..end];
    }

    private static (int Start, int Length)[] SplitLines(byte[] sample)
    {
        var lines = new List<(int, int)>();
        for (var start = 0; start < sample.Length;)
        {
            var newline = sample.AsSpan(start).IndexOf((byte)'\n');
            var length = newline < 0 ? sample.Length - start : newline;
            lines.Add((start, length));
            start += length + 1;
        }

        return [.. lines];
    }
}
