using System.Text.Json;
using BenchmarkDotNet.Attributes;
using CyDef.Patterns;
using CyDef.Stix.Json;
using CyDef.Stix.Validation;

namespace CyDef.Benchmarks;

/// <summary>
/// Reading STIX from memory: a bare <see cref="Utf8JsonReader"/> pass (the ceiling), <see cref="StixStreamReader"/>
/// alone, the reader with <see cref="StixValidator.ValidateObject"/> on every object (what a TAXII server does),
/// the same with the patterning checks (what <c>cydef validate</c> does), and validation alone over objects read
/// beforehand.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ThroughputConfig))]
public class StixReadBenchmarks
{
    private static readonly JsonReaderOptions BareOptions = new() { AllowMultipleValues = true };
    private static readonly ValidationOptions WithPatterns = new() { PatternValidator = PatternValidation.Validator };

    private byte[] _utf8 = [];
    private StixValue[] _objects = [];

    /// <summary>The input: the ATT&amp;CK for ICS bundle or a generated NDJSON feed (see <see cref="BenchmarkInputs"/>).</summary>
    [Params(BenchmarkInputs.IcsAttack, BenchmarkInputs.Ndjson1Mb, BenchmarkInputs.Ndjson16Mb)]
    public string Input { get; set; } = BenchmarkInputs.IcsAttack;

    [GlobalSetup]
    public void Setup()
    {
        _utf8 = BenchmarkInputs.Bytes(Input);
        _objects = BenchmarkInputs.ReadAll(_utf8);
    }

    /// <summary>Every token of the input, and nothing else: the cost floor of any JSON reading.</summary>
    [Benchmark]
    public long BareUtf8JsonReader()
    {
        var reader = new Utf8JsonReader(_utf8, BareOptions);
        long tokens = 0;
        while (reader.Read())
        {
            tokens++;
        }

        return tokens;
    }

    /// <summary>Every object as a <see cref="StixValue"/>, without validation.</summary>
    [Benchmark]
    public long ReadOnly()
    {
        long objects = 0;
        using var reader = new StixStreamReader(new MemoryStream(_utf8, writable: false));
        foreach (var item in reader.ReadObjects())
        {
            objects += item.Value is null ? 0 : 1;
        }

        return objects;
    }

    /// <summary>Every object read and validated; returns the number of findings (expected: warnings only).</summary>
    [Benchmark]
    public long ReadAndValidate()
    {
        long issues = 0;
        using var reader = new StixStreamReader(new MemoryStream(_utf8, writable: false));
        foreach (var item in reader.ReadObjects())
        {
            if (item.Value is not null)
            {
                issues += StixValidator.ValidateObject(item, ValidationOptions.Default).Issues.Count;
            }
        }

        return issues;
    }

    /// <summary>Read and validated with the patterning checks of CyDef.Patterns too, as <c>cydef validate</c> does.</summary>
    [Benchmark]
    public long ReadAndValidateWithPatterns()
    {
        long issues = 0;
        using var reader = new StixStreamReader(new MemoryStream(_utf8, writable: false));
        foreach (var item in reader.ReadObjects())
        {
            if (item.Value is not null)
            {
                issues += StixValidator.ValidateObject(item, WithPatterns).Issues.Count;
            }
        }

        return issues;
    }

    /// <summary>Validation alone, over the objects read in the setup (paths as the NDJSON reader names them).</summary>
    [Benchmark]
    public long ValidateOnly()
    {
        long issues = 0;
        var objects = _objects;
        for (var i = 0; i < objects.Length; i++)
        {
            issues += StixValidator.ValidateObject(objects[i], ValidationOptions.Default, "$").Issues.Count;
        }

        return issues;
    }
}
