using CsCheck;
using CyDef.Fuzz;

namespace CyDef.Patterns.Tests;

/// <summary>
/// Replays the pattern fuzzing seeds and every input the fuzzer found (tests/data/fuzz/patterns) through the fuzz
/// target's checks (tests/CyDef.Fuzz/PatternFuzzTarget.cs, compiled in here too): no exception escapes, valid
/// patterns print and parse back equal and evaluate. Plus random text and random token soup, for no crash and no hang.
/// </summary>
public sealed class PatternFuzzRegressionTests
{
    private static readonly TimeSpan HangTimeout = TimeSpan.FromSeconds(30);

    private static string FuzzData { get; } = RepositoryFiles.Path("tests", "data", "fuzz", "patterns");

    public static TheoryData<string> Inputs()
    {
        var data = new TheoryData<string>();
        foreach (var folder in (string[])["seeds", "regressions"])
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(FuzzData, folder)).Order(StringComparer.Ordinal))
            {
                data.Add(folder + "/" + Path.GetFileName(file));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public async Task PatternLibrary_FuzzInput_ParsesPrintsAndEvaluatesWithoutFault(string file)
    {
        var input = await File.ReadAllBytesAsync(Path.Combine(FuzzData, file));

        await Task.Run(() => PatternFuzzTarget.Run(input)).WaitAsync(HangTimeout);
    }

    [Fact]
    public void PatternLibrary_RandomTokenSoup_NeverFaults()
    {
        var token = Gen.OneOf("[", "]", "(", ")", "ipv4-addr:value", "file:hashes.'SHA-256'", "a:b[*].c_ref.d", " = ", " != ", " < ", " IN ",
            " LIKE ", " MATCHES ", " ISSUBSET ", " AND ", " OR ", " NOT ", " EXISTS ", " FOLLOWEDBY ", " WITHIN ", " REPEATS ", " TIMES",
            " SECONDS", " START ", " STOP ", "'198.51.100.0/24'", "'%.com'", "'(a+)+$'", "h'ff'", "b'AA=='", "t'2024-01-01T00:00:00Z'",
            "5", "1.5", "true", ",", "'\\''", "'\\\\'");
        token.Array[1, 30].Select(string.Concat).Sample(text => PatternFuzzTarget.Run(System.Text.Encoding.UTF8.GetBytes(text)), iter: 20_000);
    }

    [Fact]
    public void PatternLibrary_RandomBytes_NeverFault()
    {
        Gen.Byte.Array[0, 200].Sample(bytes => PatternFuzzTarget.Run(bytes), iter: 20_000);
    }
}
