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
    public void MayMatch_Utf8_AnswersAsTheDecodedValue()
    {
        // The UTF-8 overload asks the filters on the bytes first; it must never rule out what the decoded value finds.
        // Values: those the random Observations carry, the patterns' literals as they are and with text around them
        // (exact, prefix, suffix and substring hits), and random text (not ASCII, lone surrogates).
        long found = 0;
        Gen.Select(PatternMatcherPropertyTests.Pattern.Array[1, 6], PatternMatcherPropertyTests.ObservedData.Array[1, 3], Gen.String.Array[0, 4])
            .Sample(testCase =>
            {
                var (texts, data, random) = testCase;
                var matcher = new PatternMatcher();
                var values = new List<string>(random);
                var n = 0;
                foreach (var text in texts)
                {
                    if (StixPattern.TryParse(text, out var pattern))
                    {
                        matcher.Add((n++).ToString(CultureInfo.InvariantCulture), pattern);
                    }

                    foreach (System.Text.RegularExpressions.Match literal in System.Text.RegularExpressions.Regex.Matches(text, "'([^']*)'"))
                    {
                        var plain = literal.Groups[1].Value.Replace("%", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal);
                        values.AddRange([literal.Groups[1].Value, plain, "x" + plain, plain + "y", "ab" + plain + "c", plain + "\u00e9"]);
                        if (plain.IndexOf('/', StringComparison.Ordinal) is > 0 and var slash)
                        {
                            // A CIDR block's own address, and addresses in and out of it, for the CIDR filters on bytes.
                            var address = plain[..slash];
                            var last = address.LastIndexOf('.');
                            values.AddRange([address, last > 0 ? address[..last] + ".1" : address, last > 0 ? address[..last] + ".255" : address, "203.0.113.77"]);
                        }
                    }
                }

                foreach (var observation in ObservedDataReader.Read(StixJsonReader.Parse("[" + string.Join(",", data) + "]").GetValueOrThrow()).Observations)
                {
                    foreach (var pair in observation.Objects)
                    {
                        var type = pair.Value["type"]!.GetString();
                        foreach (var path in Paths.Where(p => p.StartsWith(type + ":", StringComparison.Ordinal)))
                        {
                            values.AddRange(Values(pair.Value, path[(type.Length + 1)..], observation));
                        }
                    }
                }

                var probe = new PatternMatcherProbe(matcher, Types, Paths);
                probe.Enter();
                try
                {
                    for (var p = 0; p < Paths.Length; p++)
                    {
                        foreach (var value in values)
                        {
                            var bytes = System.Text.Encoding.UTF8.GetBytes(value);
                            var decoded = System.Text.Encoding.UTF8.GetString(bytes);
                            var expected = probe.MayMatch(p, decoded);
                            Assert.Equal(expected, probe.MayMatch(p, bytes));
                            found += expected ? 1 : 0;

                            // The same value on two paths at once (as an address stands on its SCO and a traffic end), or one.
                            var q = ((p * 7) + 3) % Paths.Length;
                            Assert.Equal(expected || probe.MayMatch(q, decoded), probe.MayMatchEither(p, q, bytes));
                            Assert.Equal(expected, probe.MayMatchEither(p, -1, bytes));

                            // A caller that knows the value is ASCII (its reader found the line so) gets the same answers.
                            if (System.Text.Ascii.IsValid(bytes))
                            {
                                Assert.Equal(expected || probe.MayMatch(q, decoded), probe.MayMatchEither(p, q, bytes, knownAscii: true));
                                Assert.Equal(expected, probe.MayMatchEither(p, -1, bytes, knownAscii: true));
                            }
                        }
                    }
                }
                finally
                {
                    probe.Exit();
                }
            }, iter: 400);
        Assert.True(found > 100, $"{found} values found");
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
