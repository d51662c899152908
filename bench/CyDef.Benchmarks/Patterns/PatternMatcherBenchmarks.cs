using System.Globalization;
using BenchmarkDotNet.Attributes;
using CyDef.Patterns;

namespace CyDef.Benchmarks.Patterns;

/// <summary>
/// The compiled matcher on the <c>patterns</c> load tool's workload (<see cref="PatternWorkload"/>): one call of
/// <see cref="PatternMatcher.Match(Observation, List{string})"/> per observation of a stream with 1 % hits
/// (reported per observation: <see cref="StreamLength"/> operations per invoke), and the same stream through a
/// <see cref="PatternMatcherSession"/>, which keeps windowed state across observations. The matcher is compiled
/// once per parameter set, in the global setup.
/// </summary>
[MemoryDiagnoser]
public class PatternMatcherBenchmarks
{
    /// <summary>Observations per benchmark invocation.</summary>
    public const int StreamLength = 20_000;

    private readonly List<string> _results = [];
    private readonly List<PatternMatch> _matches = [];
    private PatternMatcher _matcher = new();
    private List<Observation> _stream = [];
    private PatternMatcherSession? _session;

    /// <summary>
    /// The pattern set: <c>mixed-N</c> is N patterns of which 20 % compound (the equality-heavy set),
    /// <c>compound-N</c> N compound patterns.
    /// </summary>
    [Params("mixed-100000", "compound-10000", "mixed-2000")]
    public string Set { get; set; } = "mixed-2000";

    [GlobalSetup]
    public void Setup()
    {
        var parts = Set.Split('-');
        var count = int.Parse(parts[1], CultureInfo.InvariantCulture);
        var workload = new PatternWorkload(1);
        var share = parts[0] == "compound" ? 1.0 : 0.2;
        _matcher = new PatternMatcher();
        for (var n = 0; n < count; n++)
        {
            _matcher.Add(n.ToString(CultureInfo.InvariantCulture), StixPattern.Parse(workload.Pattern(n, share)).Value);
        }

        _stream = workload.Stream(StreamLength, count, 0.01);
    }

    /// <summary>Each observation on its own: the patterns it matches.</summary>
    [Benchmark(OperationsPerInvoke = StreamLength)]
    public long Match()
    {
        long hits = 0;
        foreach (var observation in _stream)
        {
            _matcher.Match(observation, _results);
            hits += _results.Count;
            _results.Clear();
        }

        return hits;
    }

    /// <summary>The stream through one session: matches as they complete, temporal state kept between observations.</summary>
    [Benchmark(OperationsPerInvoke = StreamLength)]
    public long Session()
    {
        // A new session per invocation: the stream's times do not move forward from one invocation to the next.
        _session = _matcher.CreateSession();
        long hits = 0;
        foreach (var observation in _stream)
        {
            _session.Push(observation, _matches);
            hits += _matches.Count;
            _matches.Clear();
        }

        return hits;
    }
}
