using System.Text;
using CyDef.Stix.Json;
using CyDef.Stix.Validation;

using CyDef.Fuzz;

namespace CyDef.Stix.Tests;

/// <summary>
/// Replays the fuzzing seeds and every input the fuzzer found (tests/data/fuzz/stix/seeds and regressions)
/// through the checks of the fuzz target, tests/CyDef.Fuzz/StixFuzzTarget.cs: no exception may escape the
/// library, and written, canonical and streamed forms must agree with the parsed tree. The target's source files
/// are compiled into this project too, so the fuzzer and these tests run the same checks.
/// </summary>
public sealed class FuzzRegressionTests
{
    private static readonly TimeSpan HangTimeout = TimeSpan.FromSeconds(30);

    public static TheoryData<string> Inputs()
    {
        var data = new TheoryData<string>();
        foreach (var folder in (string[])["seeds", "regressions"])
        {
            var path = Path.Combine(FuzzData, folder);
            foreach (var file in Directory.EnumerateFiles(path).Order(StringComparer.Ordinal))
            {
                data.Add(folder + "/" + Path.GetFileName(file));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public async Task StixLibrary_FuzzInput_ReadsWritesValidatesAndCanonicalizesWithoutFault(string file)
    {
        var input = await File.ReadAllBytesAsync(Path.Combine(FuzzData, file));

        // A hang is a find too: the library must answer every input.
        await Task.Run(() => StixFuzzTarget.Run(input)).WaitAsync(HangTimeout);
    }

    [Fact]
    public void FuzzData_SeedCorpus_IsNotEmpty()
    {
        Assert.NotEmpty(Directory.EnumerateFiles(Path.Combine(FuzzData, "seeds")));
    }

    private static string FuzzData { get; } = Path.Combine(RepositoryRoot(), "tests", "data", "fuzz", "stix");

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "CyDef.slnx")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} holds CyDef.slnx.");
    }

    /// <summary>The checks of tests/CyDef.Fuzz/StixFuzzTarget.cs, kept the same.</summary>
}
