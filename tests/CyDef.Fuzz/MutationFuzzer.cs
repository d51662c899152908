using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using CyDef.Stix.Json;
using CyDef.Stix.Validation;

namespace CyDef.Fuzz;

/// <summary>
/// A fuzzer without instrumentation, for machines without AFL++ or libFuzzer: <see cref="Mutator"/> mutates a
/// seed corpus, every mutant runs through <see cref="StixFuzzTarget"/>, and a mutant that makes the library
/// behave in a new way (a new error message, a new set of validation findings) joins the corpus. Crashes and
/// hangs are written to the crash folder, one file per distinct failure.
/// </summary>
internal sealed class MutationFuzzer(IReadOnlyList<byte[]> seeds, int seed, string crashDirectory)
{
    private const int MaxInputBytes = 2 * 1024 * 1024;
    private const int MaxCorpusInputBytes = 64 * 1024;

    private readonly List<byte[]> _corpus = [.. seeds];
    private readonly HashSet<string> _behaviours = [];
    private readonly HashSet<string> _failures = [];
    private readonly Mutator _mutator = new(seed);
    private readonly Random _random = new(seed);
    private byte[] _current = [];
    private long _currentStarted;
    private long _executions;
    private int _crashes;

    /// <summary>Fuzzes for <paramref name="duration"/> or <paramref name="maxExecutions"/> inputs, whichever ends first.</summary>
    /// <returns>0 when nothing failed, 1 when crashes were found, 2 on a hang (the process cannot go on).</returns>
    public int Run(TimeSpan duration, long maxExecutions)
    {
        foreach (var input in seeds)
        {
            try
            {
                _behaviours.Add(Behaviour(input));
            }
            catch (Exception)
            {
                // A regression input that still fails: its mutants are fuzzed all the same.
            }
        }

        var clock = Stopwatch.StartNew();
        var worker = new Thread(() => Loop(clock, duration, maxExecutions)) { IsBackground = true };
        worker.Start();
        while (!worker.Join(TimeSpan.FromSeconds(1)))
        {
            var running = Stopwatch.GetElapsedTime(Interlocked.Read(ref _currentStarted));
            if (Interlocked.Read(ref _currentStarted) != 0 && running > Replay.HangTimeout)
            {
                Save(Volatile.Read(ref _current), "hang", $"no answer after {running.TotalSeconds:F0} s");
                Report(clock);
                return 2;
            }
        }

        Report(clock);
        return _crashes == 0 ? 0 : 1;
    }

    private void Loop(Stopwatch clock, TimeSpan duration, long maxExecutions)
    {
        var lastStatus = 0L;
        while (clock.Elapsed < duration && _executions < maxExecutions)
        {
            var parent = _corpus[_random.Next(_corpus.Count)];
            var mutant = _mutator.Mutate(parent, _corpus[_random.Next(_corpus.Count)]);
            if (mutant.Length > MaxInputBytes)
            {
                continue;
            }

            Execute(mutant);
            if (clock.ElapsedMilliseconds - lastStatus >= 30_000)
            {
                lastStatus = clock.ElapsedMilliseconds;
                Report(clock);
            }
        }
    }

    private void Execute(byte[] input)
    {
        Volatile.Write(ref _current, input);
        Interlocked.Exchange(ref _currentStarted, Stopwatch.GetTimestamp());
        try
        {
            FuzzTargets.Current(input);
            if (input.Length <= MaxCorpusInputBytes && _behaviours.Add(Behaviour(input)))
            {
                _corpus.Add(input);
            }
        }
        catch (Exception e)
        {
            if (_failures.Add(FailureKey(e)))
            {
                Save(input, e.GetType().Name, e.ToString());
            }

            _crashes++;
        }
        finally
        {
            Interlocked.Exchange(ref _currentStarted, 0);
            _executions++;
        }
    }

    /// <summary>What the library made of an input, coarsely: the feedback that stands in for coverage.</summary>
    private static string Behaviour(byte[] input)
    {
        var parsed = StixJsonReader.Parse(input);
        if (!parsed.Success)
        {
            return "error: " + Shape(parsed.Error.Message);
        }

        var issues = StixValidator.Validate(parsed.Value).Issues.Select(i => i.Section + Shape(i.Message));
        return parsed.Value.Kind + ": " + string.Join("|", issues.Distinct().Order(StringComparer.Ordinal));
    }

    // A message without the values quoted in it or the numbers: 'x' is invalid… and 'y' is invalid… are one behaviour.
    private static string Shape(string message) =>
        new(string.Concat(message.Split('\'').Where((_, i) => i % 2 == 0)).Where(c => !char.IsAsciiDigit(c)).ToArray());

    private void Save(byte[] input, string kind, string details)
    {
        Directory.CreateDirectory(crashDirectory);
        var name = $"{kind}-{Convert.ToHexStringLower(SHA1.HashData(input))[..12]}";
        File.WriteAllBytes(Path.Combine(crashDirectory, name), input);
        File.WriteAllText(Path.Combine(crashDirectory, name + ".txt"), details, Encoding.UTF8);
        Console.WriteLine($"FOUND {kind}: {Path.Combine(crashDirectory, name)}");
        Console.WriteLine(details.Length <= 2000 ? details : details[..2000]);
    }

    private void Report(Stopwatch clock) =>
        Console.WriteLine($"mutate: {_executions} execs in {clock.Elapsed.TotalSeconds:F0} s ({_executions / Math.Max(1, clock.Elapsed.TotalSeconds):F0}/s), corpus {_corpus.Count}, crashes {_crashes} ({_failures.Count} distinct)");

    // One crash file per distinct failure: a broken invariant by its kind, an exception by where it was thrown.
    private static string FailureKey(Exception e) => e is FuzzCheckException
        ? string.Concat(e.Message.Split(':')[0].Where(c => !char.IsAsciiDigit(c)))
        : e.GetType().Name + " " + (e.StackTrace?.Split('\n').FirstOrDefault(line => line.Contains("CyDef.Stix.", StringComparison.Ordinal))?.Trim() ?? e.Message);
}
