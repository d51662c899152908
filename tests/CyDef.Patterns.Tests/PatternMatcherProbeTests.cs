using System.Globalization;
using CsCheck;
using CyDef.Stix.Json;

namespace CyDef.Patterns.Tests;

/// <summary>The probe never rules out an Observation that the matcher would verify a bracket on.</summary>
public sealed class PatternMatcherProbeTests
{
    private static readonly string[] Types = ["ipv4-addr", "domain-name", "file", "network-traffic"];

    private static readonly string[] Paths =
    [
        "ipv4-addr:value", "domain-name:value", "domain-name:resolves_to_refs[*].value", "file:name", "file:hashes.MD5",
        "network-traffic:dst_ref.value", "network-traffic:src_ref.value", "network-traffic:protocols[*]", "network-traffic:protocols[0]",
    ];

    [Fact]
    public void MayMatch_RandomPatternsAndObservations_NeverRulesOutAMatch()
    {
        long ruledOut = 0, total = 0;
        Gen.Select(PatternMatcherPropertyTests.Pattern.Array[1, 4], PatternMatcherPropertyTests.ObservedData.Array[1, 4]).Sample(testCase =>
        {
            var (texts, data) = testCase;
            var matcher = new PatternMatcher();
            var n = 0;
            foreach (var text in texts)
            {
                if (StixPattern.TryParse(text, out var pattern))
                {
                    matcher.Add((n++).ToString(CultureInfo.InvariantCulture), pattern);
                }
            }

            var probe = new PatternMatcherProbe(matcher, Types, Paths);
            foreach (var observation in ObservedDataReader.Read(StixJsonReader.Parse("[" + string.Join(",", data) + "]").GetValueOrThrow()).Observations)
            {
                total++;
                var maybe = Probe(probe, observation);
                if (!maybe)
                {
                    ruledOut++;
                    Assert.Empty(matcher.Match(observation));
                    Assert.Empty(matcher.CreateSession().Push(observation));
                }
            }
        }, iter: 300);
        Assert.True(ruledOut > total / 20, $"{ruledOut} of {total}");
    }

    [Fact]
    public void MayMatch_PatternAddedAfterCreation_IsSeen()
    {
        var matcher = new PatternMatcher();
        var probe = new PatternMatcherProbe(matcher, Types, Paths);
        probe.Enter();
        Assert.False(probe.MayMatch(0, "198.51.100.7"));
        probe.Exit();
        matcher.Add("a", StixPattern.Parse("[ipv4-addr:value ISSUBSET '198.51.100.0/24'] FOLLOWEDBY [domain-name:value = 'x.test']").Value!);
        probe.Enter();
        Assert.True(probe.MayMatch(0, "198.51.100.7"));
        Assert.False(probe.MayMatch(0, "198.51.101.7"));
        Assert.True(probe.MayMatch(1, "x.test"));
        Assert.False(probe.TypeAlwaysCandidate(0));
        probe.Exit();
        matcher.Add("b", StixPattern.Parse("[ipv4-addr:value = '1.1.1.1' OR domain-name:value = 'y'] REPEATS 2 TIMES").Value!);
        matcher.Add("c", StixPattern.Parse("[network-traffic:dst_port > 1000]").Value!);
        probe.Enter();
        Assert.True(probe.TypeAlwaysCandidate(3));
        probe.Exit();
    }

    private static bool Probe(PatternMatcherProbe probe, Observation observation)
    {
        probe.Enter();
        try
        {
            foreach (var pair in observation.Objects)
            {
                var type = Array.IndexOf(Types, pair.Value["type"]!.GetString());
                if (probe.TypeAlwaysCandidate(type))
                {
                    return true;
                }

                for (var p = 0; p < Paths.Length; p++)
                {
                    if (!Paths[p].StartsWith(Types[type] + ":", StringComparison.Ordinal))
                    {
                        continue;
                    }

                    foreach (var value in Values(pair.Value, Paths[p][(Types[type].Length + 1)..], observation))
                    {
                        if (probe.MayMatch(p, value))
                        {
                            return true;
                        }
                    }
                }
            }

            return false;
        }
        finally
        {
            probe.Exit();
        }
    }

    /// <summary>The string values a path of the shapes in <see cref="Paths"/> selects (an independent walker).</summary>
    private static IEnumerable<string> Values(StixValue sco, string path, Observation observation)
    {
        var dot = path.IndexOf('.', StringComparison.Ordinal);
        var head = dot < 0 ? path : path[..dot];
        var index = head.IndexOf('[', StringComparison.Ordinal);
        var name = index < 0 ? head : head[..index];
        if (sco[name] is not { } value)
        {
            yield break;
        }

        StixValue[] all = value.Kind == StixValueKind.Array ? value.Items.ToArray() : [value];
        var items = head.EndsWith("[0]", StringComparison.Ordinal) ? all.Take(1) : all;
        foreach (var item in items)
        {
            if (dot < 0)
            {
                if (item.AsString() is { } text)
                {
                    yield return text;
                }
            }
            else if (name.EndsWith("_ref", StringComparison.Ordinal) || name.EndsWith("_refs", StringComparison.Ordinal))
            {
                if (item.AsString() is { } key && observation.TryResolve(key, out var target) && target[path[(dot + 1)..]]?.AsString() is { } text)
                {
                    yield return text;
                }
            }
            else if (item[path[(dot + 1)..]]?.AsString() is { } text)
            {
                yield return text;
            }
        }
    }
}
