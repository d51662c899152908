using System.Globalization;
using CsCheck;
using CyDef.Stix.Json;

namespace CyDef.Patterns.Tests;

/// <summary>
/// The compiled matcher gives the same answer as evaluating each pattern on its own: random patterns over a small
/// vocabulary (so that indexes hit often), random observed data, thousands of cases.
/// </summary>
public sealed class PatternMatcherPropertyTests
{
    private static readonly string[] Ips = ["198.51.100.1", "198.51.100.77", "203.0.113.5", "10.0.0.1", "2001:db8::1"];
    private static readonly string[] Cidrs = ["198.51.100.0/24", "203.0.113.0/25", "10.0.0.0/8", "0.0.0.0/0", "2001:db8::/32", "198.51.100.1/32"];
    private static readonly string[] Domains = ["example.com", "evil.example.com", "example.org", "a.b.test", "xn--bcher-kva.example"];
    private static readonly string[] Names = ["a.exe", "b.dll", "readme.txt", "A.EXE", "évil.exe"];
    private static readonly string[] Hashes = ["d41d8cd98f00b204e9800998ecf8427e", "9e107d9d372bb6826bd81d3542a419d6", "e4d909c290d0fb1ca068ffaddf22cbd0"];

    private static Gen<string> Quoted(string[] values) => Gen.OneOf(values).Select(v => $"'{v}'");

    private static readonly Gen<string> IpLeaf = Gen.OneOf(
        Quoted(Ips).Select(v => $"ipv4-addr:value = {v}"),
        Quoted(Ips).Select(v => $"ipv4-addr:value != {v}"),
        Quoted(Cidrs).Select(v => $"ipv4-addr:value ISSUBSET {v}"),
        Quoted(Cidrs).Select(v => $"ipv4-addr:value NOT ISSUBSET {v}"),
        Quoted(Cidrs).Select(v => $"ipv4-addr:value ISSUPERSET {v}"),
        Gen.Select(Quoted(Ips), Quoted(Ips), (a, b) => $"ipv4-addr:value IN ({a}, {b})"),
        Gen.Const("ipv4-addr:value LIKE '198.51.%'"),
        Gen.Const("ipv4-addr:value MATCHES '^10\\\\.'"));

    private static readonly Gen<string> DomainLeaf = Gen.OneOf(
        Quoted(Domains).Select(v => $"domain-name:value = {v}"),
        Gen.OneOf("'%.example.com'", "'example.%'", "'%example%'", "'_.b.test'", "'%'").Select(v => $"domain-name:value LIKE {v}"),
        Gen.OneOf("'example\\\\.com$'", "'^evil'", "'org'", "'(a|b)\\\\.'").Select(v => $"domain-name:value MATCHES {v}"),
        Gen.Const("EXISTS domain-name:resolves_to_refs"),
        Quoted(Ips).Select(v => $"domain-name:resolves_to_refs[*].value = {v}"));

    private static readonly Gen<string> FileLeaf = Gen.OneOf(
        Quoted(Names).Select(v => $"file:name = {v}"),
        Quoted(Hashes).Select(v => $"file:hashes.MD5 = {v}"),
        Quoted(Hashes).Select(v => $"file:hashes.MD5 NOT = {v}"),
        Gen.Int[0, 5000].Select(n => $"file:size > {n}"),
        Gen.OneOf("'%.exe'", "'a%'", "'%.EXE'").Select(v => $"file:name LIKE {v}"),
        Gen.Const("file:name NOT LIKE '%.dll'"));

    /// <summary>
    /// Comparisons of mismatched types: most are simply false (§9.6.1), but a timestamp constant against a string
    /// that is not a timestamp, or a constant that names no instant (February 30th), fails to evaluate.
    /// </summary>
    private static readonly Gen<string> MismatchLeaf = Gen.OneOf(
        Gen.OneOf("'2024-01-01T00:00:10Z'", "'2024-01-01T00:01:00Z'", "'2024-02-30T00:00:00Z'").Select(t => $"file:created > t{t}"),
        Gen.Const("file:name = t'2024-01-01T00:00:10Z'"),
        Gen.Const("file:size = '100'"),
        Gen.Const("file:name = true"),
        Gen.Const("file:name > 3"),
        Gen.Const("ipv4-addr:value < 3.5"));

    private static readonly Gen<string> TrafficLeaf = Gen.OneOf(
        Quoted(Ips).Select(v => $"network-traffic:dst_ref.value = {v}"),
        Quoted(Cidrs).Select(v => $"network-traffic:src_ref.value ISSUBSET {v}"),
        Gen.Int[1, 3].Select(n => $"network-traffic:dst_port = {n * 80}"),
        Gen.OneOf("'tcp'", "'udp'").Select(v => $"network-traffic:protocols[*] = {v}"),
        Gen.OneOf("'tcp'", "'udp'").Select(v => $"network-traffic:protocols[0] = {v}"));

    private static readonly Gen<string>[] Leaves = [IpLeaf, DomainLeaf, Gen.Frequency((3, FileLeaf), (1, MismatchLeaf)), TrafficLeaf];

    private static readonly Gen<string> Bracket = Gen.Int[0, Leaves.Length - 1].SelectMany(type => Gen.OneOf(
        Leaves[type],
        Gen.Select(Leaves[type], Leaves[type], (a, b) => $"{a} AND {b}"),
        Gen.Select(Leaves[type], Gen.OneOf(Leaves), (a, b) => $"{a} OR {b}"))).Select(c => $"[{c}]");

    private static readonly Gen<string> Qualifier = Gen.OneOf(
        "", "", "", " REPEATS 2 TIMES", " WITHIN 30 SECONDS", " WITHIN 1 SECONDS",
        " START t'2024-01-01T00:00:00Z' STOP t'2024-01-01T00:01:00Z'", " REPEATS 2 TIMES WITHIN 60 SECONDS");

    internal static readonly Gen<string> Pattern = Gen.Frequency(
        (6, Gen.Select(Bracket, Qualifier, (b, q) => b + q)),
        (3, Gen.Select(Bracket, Gen.OneOf(" AND ", " OR ", " FOLLOWEDBY "), Bracket, Qualifier, (a, op, b, q) => q.Length == 0 ? a + op + b : $"({a}{op}{b}){q}")));

    private static readonly Gen<string> Sco = Gen.Int[0, 3].SelectMany(kind => kind switch
    {
        0 => Gen.OneOf(Ips).Select(ip => $$"""{"type":"ipv4-addr","value":"{{ip}}"}"""),
        1 => Gen.Select(Gen.OneOf(Domains), Gen.Bool, (d, refs) => refs
            ? $$"""{"type":"domain-name","value":"{{d}}","resolves_to_refs":["ip0"]}"""
            : $$"""{"type":"domain-name","value":"{{d}}"}"""),
        2 => Gen.Select(Gen.OneOf(Names), Gen.OneOf(Hashes), Gen.Int[0, 9000], Gen.OneOf("", ",\"created\":\"2024-01-01T00:00:30Z\"", ",\"created\":\"yesterday\""),
            (n, h, s, created) => $$"""{"type":"file","name":"{{n}}","hashes":{"MD5":"{{h}}"},"size":{{s}}{{created}}}"""),
        _ => Gen.Select(Gen.Int[1, 3], Gen.OneOf("\"tcp\"", "\"udp\"", "\"udp\",\"tcp\""), (port, protocols) =>
            $$"""{"type":"network-traffic","src_ref":"ip0","dst_ref":"ip0","dst_port":{{port * 80}},"protocols":[{{protocols}}]}"""),
    });

    internal static readonly Gen<string> ObservedData = Gen.Select(Gen.OneOf(Ips), Sco.Array[1, 3], Gen.Int[0, 90], Gen.Int[0, 5], Gen.Int[1, 3],
        (ip, scos, start, span, count) =>
        {
            var objects = string.Join(",", scos.Select((s, i) => $"\"{i + 1}\":{s}"));
            var first = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(start);
            return $$$"""{"type":"observed-data","first_observed":"{{{Stamp(first)}}}","last_observed":"{{{Stamp(first.AddSeconds(span))}}}","number_observed":{{{count}}},"objects":{"ip0":{"type":"ipv4-addr","value":"{{{ip}}}"},{{{objects}}}}}""";
        });

    private static string Stamp(DateTime time) => time.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <remarks>
    /// Where the evaluator fails (a comparison that cannot be evaluated on some observation), the matcher need not
    /// fail with it: the evaluator fails on the first such comparison it reaches, which depends on the order it
    /// evaluates in (AND stops at the first false operand, a search stops at the first binding), while the matcher's
    /// indexes prove a bracket false on most observations without evaluating any comparison. The matcher's answer
    /// must then still be sound: a pattern it reports has a binding whose bracketed expressions evaluate to true
    /// (a bracket that fails on an observation counting as false there); and when it verifies a bracket that
    /// fails, it leaves the pattern to the evaluator, which fails.
    /// </remarks>
    [Fact]
    public void Match_RandomPatternsAndObservations_EqualsEvaluatingEachPatternAlone()
    {
        long failures = 0, agreedOnFailure = 0;
        var cases = Gen.Select(Pattern.Array[40, 60], ObservedData.Array[1, 4]);
        cases.Sample(testCase =>
        {
            var (texts, data) = testCase;
            var patterns = texts.Select(t => StixPattern.Parse(t)).Where(r => r.Success).Select(r => r.Value).ToList();
            var observations = ObservedDataReader.Read(StixJsonReader.Parse("[" + string.Join(",", data) + "]").GetValueOrThrow()).Observations;
            var matcher = new PatternMatcher();
            for (var i = 0; i < patterns.Count; i++)
            {
                matcher.Add(i.ToString(CultureInfo.InvariantCulture), patterns[i]);
            }

            var all = Enumerable.Range(0, patterns.Count).ToList();
            (failures, agreedOnFailure) = Check(patterns, observations, all, matcher.Match(observations), failures, agreedOnFailure);
            foreach (var observation in observations)
            {
                (failures, agreedOnFailure) = Check(patterns, [observation], all, matcher.Match(observation), failures, agreedOnFailure);
            }

            for (var i = 0; i < patterns.Count; i += 2)
            {
                matcher.Remove(i.ToString(CultureInfo.InvariantCulture));
            }

            (failures, agreedOnFailure) = Check(patterns, observations, [.. all.Where(i => i % 2 == 1)], matcher.Match(observations), failures, agreedOnFailure);
        }, iter: 150);

        // Not vacuous: the evaluator failed on some cases, and on some of them the matcher reported nothing either.
        Assert.True(failures > 0);
        Assert.True(agreedOnFailure > 0);
    }

    /// <summary>
    /// The matcher's answer for the patterns held (<paramref name="held"/>) equals the evaluator's wherever the
    /// evaluator does not fail; where it fails, a reported pattern must have a binding of brackets that evaluate
    /// to true.
    /// </summary>
    private static (long Failures, long Agreed) Check(List<Pattern> patterns, IReadOnlyList<Observation> observations, List<int> held,
        IReadOnlyList<string> reported, long failures, long agreed)
    {
        var got = reported.Select(id => int.Parse(id, CultureInfo.InvariantCulture)).ToHashSet();
        Assert.Subset(held.ToHashSet(), got);
        foreach (var i in held)
        {
            var evaluator = new PatternEvaluator(patterns[i]);
            var evaluation = evaluator.Evaluate(observations);
            if (evaluation.Outcome != PatternOutcome.Error)
            {
                Assert.True(evaluation.IsMatch == got.Contains(i), $"{patterns[i]}: evaluator says {evaluation}");
                continue;
            }

            failures++;
            if (!got.Contains(i))
            {
                agreed++;
                continue;
            }

            var lenient = evaluator.Search(observations, (bracket, index) => Lenient(evaluator, bracket, observations[index]));
            Assert.True(lenient.IsMatch, $"{patterns[i]}: reported, but no binding of brackets that evaluate to true");
        }

        return (failures, agreed);
    }

    /// <summary>Whether the bracket matches the observation, a bracket that fails to evaluate counting as false.</summary>
    private static bool Lenient(PatternEvaluator evaluator, int bracket, Observation observation)
    {
        try
        {
            return evaluator.BracketMatches(bracket, observation);
        }
        catch (CyDef.Patterns.Internal.Evaluation.EvaluationException)
        {
            return false;
        }
    }

    [Fact]
    public void Session_RandomPatternsAndTimeOrderedStream_ReportsWhatTheEvaluatorFindsOverTheAccumulatedSet()
    {
        long evicted = 0, compared = 0, reported = 0, failed = 0, errors = 0;
        var cases = Gen.Select(Pattern.Array[30, 50], ObservedData.Array[2, 12]);
        cases.Sample(testCase =>
        {
            var (texts, data) = testCase;
            var patterns = texts.Select(t => StixPattern.Parse(t)).Where(r => r.Success).Select(r => r.Value).ToList();
            var observations = ObservedDataReader.Read(StixJsonReader.Parse("[" + string.Join(",", data) + "]").GetValueOrThrow()).Observations
                .OrderBy(o => o.FirstObserved).ToList();
            var matcher = new PatternMatcher();
            for (var i = 0; i < patterns.Count; i++)
            {
                matcher.Add(i.ToString(CultureInfo.InvariantCulture), patterns[i]);
            }

            var evaluators = patterns.Select(p => new PatternEvaluator(p)).ToList();
            var session = matcher.CreateSession();
            for (var k = 0; k < observations.Count; k++)
            {
                var matches = session.Push(observations[k]);
                var accumulated = observations.Take(k + 1).ToList();
                var got = matches.ToDictionary(m => m.Id);
                for (var i = 0; i < patterns.Count; i++)
                {
                    var expected = CompletesWith(evaluators[i], accumulated, k);
                    if (expected is null)
                    {
                        failed++; // the evaluator fails on this set; the session takes a failing comparison as false (see PatternMatcherSession)
                        continue;
                    }

                    compared++;
                    var id = i.ToString(CultureInfo.InvariantCulture);
                    Assert.True(expected == got.ContainsKey(id), $"{texts[i]} after {k + 1} observations: expected {(expected.Value ? "a match" : "none")}");
                    if (got.TryGetValue(id, out var match))
                    {
                        reported++;
                        Assert.Contains(observations[k], match.Bound);
                        // The bound observations alone must match. A comparison that fails on a pair the binding does not
                        // use (a file whose 'created' is not a timestamp, say) makes the whole evaluation an error, so the
                        // binding is then searched with failing brackets counted as false, as the session counts them.
                        var evaluator = evaluators[i];
                        var bound = match.Bound;
                        var alone = evaluator.Evaluate(bound);
                        var boundMatches = alone.Outcome == PatternOutcome.Error
                            ? evaluator.Search(bound, (bracket, index) => Lenient(evaluator, bracket, bound[index])).IsMatch
                            : alone.IsMatch;
                        Assert.True(boundMatches, $"{texts[i]} after {k + 1} observations: the bound observations alone do not match: {alone}");
                    }
                }
            }

            Assert.Equal(0, session.Dropped);
            evicted += session.Evicted;
            errors += session.Errors;
        }, iter: 100);

        // Not vacuous: windows evicted state, and matches were reported and checked.
        Assert.True(evicted > 0);
        Assert.True(reported > 0);
        Assert.True(compared > reported);
        Assert.True(failed > 0 && errors > 0);
    }

    /// <summary>Whether the evaluator finds, over <paramref name="observations"/>, a binding that uses observation <paramref name="last"/>; null when it fails.</summary>
    internal static bool? CompletesWith(PatternEvaluator evaluator, IReadOnlyList<Observation> observations, int last)
    {
        try
        {
            return evaluator.Search(observations, (bracket, index) => evaluator.BracketMatches(bracket, observations[index]), mustInclude: last).IsMatch;
        }
        catch (CyDef.Patterns.Internal.Evaluation.EvaluationException)
        {
            return null;
        }
    }
}
