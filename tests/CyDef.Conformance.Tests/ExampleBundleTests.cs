using CyDef.Patterns;
using CyDef.Stix.Json;
using CyDef.Stix.Validation;

namespace CyDef.Conformance.Tests;

/// <summary>
/// The OASIS example bundles and MITRE ATT&amp;CK for ICS: each reads, validates without MUST errors, and
/// writes back to the same JSON tree; streaming reads the same objects as reading whole.
/// </summary>
public sealed class ExampleBundleTests
{
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        var examples = RepositoryFiles.Path("tests", "data", "stix", "examples");
        foreach (var file in Directory.EnumerateFiles(examples, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(RepositoryFiles.Root, file));
        }

        data.Add(Path.Combine("demo", "ics-attack-18.1.json"));
        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Example_Validates_WithoutMustErrors(string file)
    {
        var value = Read(file);

        // The two threat reports resolve every reference inside their bundle (conformance README).
        var options = new ValidationOptions
        {
            EnforceReferences = file.Contains("apt1", StringComparison.Ordinal) || file.Contains("poisonivy", StringComparison.Ordinal),
            PatternValidator = PatternValidation.Validator,
        };
        var report = StixValidator.Validate(value, options);

        Assert.True(report.HasNoErrors, string.Join("\n", report.Errors.Take(20)));
        Assert.True(report.ObjectCount > 0);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Example_RoundTrips_ToTheSameTree(string file)
    {
        var value = Read(file);

        var written = StixJsonWriter.ToUtf8Bytes(value);
        var again = StixJsonReader.Parse(written).GetValueOrThrow();

        Assert.True(value.DeepEquals(again));
        Assert.Equal(written, StixJsonWriter.ToUtf8Bytes(again));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Example_Streamed_GivesTheSameObjects(string file)
    {
        var value = Read(file);
        var expected = value["objects"] is { } objects ? objects.Items.ToArray() : [value];

        using var stream = File.OpenRead(RepositoryFiles.Path(file));
        using var reader = new StixStreamReader(stream);
        var streamed = reader.ReadObjects().ToList();

        Assert.All(streamed, item => Assert.Null(item.Error));
        Assert.Equal(expected.Length, streamed.Count);
        Assert.All(expected.Zip(streamed), pair => Assert.True(pair.First.DeepEquals(pair.Second.Value)));
    }

    [Fact]
    public void AttackForIcs_HasTheObjectsItsReadmeCounts()
    {
        var value = Read(Path.Combine("demo", "ics-attack-18.1.json"));

        Assert.Equal(1826, value["objects"]!.Count);
    }

    private static StixValue Read(string file) =>
        StixJsonReader.Parse(File.ReadAllBytes(RepositoryFiles.Path(file))).GetValueOrThrow();
}
