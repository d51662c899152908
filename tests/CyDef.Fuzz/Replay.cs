using System.Diagnostics;

namespace CyDef.Fuzz;

/// <summary>
/// Runs inputs through <see cref="StixFuzzTarget"/> once each, without a fuzzing engine: for checking a
/// corpus, a crash file from AFL or libFuzzer, or the regression folder by hand.
/// </summary>
internal static class Replay
{
    /// <summary>How long one input may take before it counts as a hang.</summary>
    public static readonly TimeSpan HangTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Replays every file under the given files and directories; prints one line per failure.</summary>
    /// <returns>0 when every input passed, 1 otherwise.</returns>
    public static int Run(IEnumerable<string> paths)
    {
        var files = paths.SelectMany(Expand).Order(StringComparer.Ordinal).ToList();
        var failed = 0;
        var clock = Stopwatch.StartNew();
        foreach (var file in files)
        {
            if (RunOne(File.ReadAllBytes(file)) is { } failure)
            {
                failed++;
                Console.WriteLine($"FAIL {file}: {failure}");
            }
        }

        Console.WriteLine($"replay: {files.Count - failed} passed, {failed} failed ({clock.Elapsed.TotalSeconds:F1} s)");
        return failed == 0 ? 0 : 1;
    }

    /// <summary>Runs one input on a worker thread, so that a hang is reported instead of waited out.</summary>
    /// <returns>The failure (exception or hang), or null when the input passed.</returns>
    public static string? RunOne(byte[] input)
    {
        Exception? caught = null;
        var worker = new Thread(() =>
        {
            try
            {
                FuzzTargets.Current(input);
            }
            catch (Exception e)
            {
                caught = e;
            }
        })
        {
            IsBackground = true,
        };
        worker.Start();
        if (!worker.Join(HangTimeout))
        {
            return $"hang: no answer after {HangTimeout.TotalSeconds} s";
        }

        return caught?.ToString();
    }

    private static IEnumerable<string> Expand(string path) =>
        Directory.Exists(path)
            ? Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Where(f => !Path.GetFileName(f).StartsWith('.'))
            : [path];
}
