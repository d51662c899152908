using CyDef.Stix.Json;

namespace CyDef.Patterns.Tests;

/// <summary>The streaming session: windows evict, the per-pattern cap drops and counts, matches carry their binding.</summary>
public sealed class PatternMatcherSessionTests
{
    private static Observation At(int second, string ip, int count = 1)
    {
        var time = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(second).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var json = "[{\"type\":\"observed-data\",\"first_observed\":\"" + time + "\",\"last_observed\":\"" + time + "\",\"number_observed\":" + count
            + ",\"objects\":{\"0\":{\"type\":\"ipv4-addr\",\"value\":\"" + ip + "\"}}}]";
        return ObservedDataReader.Read(StixJsonReader.Parse(json).GetValueOrThrow()).Observations[0];
    }

    private static PatternMatcher Matcher(string pattern)
    {
        var matcher = new PatternMatcher();
        matcher.Add("p", StixPattern.Parse(pattern).Value);
        return matcher;
    }

    [Fact]
    public void Match_ComparisonFailsOnAnObservationTheIndexRulesOut_MatcherReportsWhereTheEvaluatorFails()
    {
        // The evaluator reaches 'created' on the first file (not a timestamp) before its name rules it out, and fails;
        // the matcher's index on file:name never verifies that file, and finds the match on the second.
        var pattern = StixPattern.Parse("[file:created > t'2024-01-01T00:00:00Z' AND file:name = 'a.exe']").Value;
        const string Json = """
            [{"type":"observed-data","first_observed":"2024-01-02T00:00:00Z","last_observed":"2024-01-02T00:00:00Z","number_observed":1,"objects":{"0":{"type":"file","name":"b.dll","created":"yesterday"}}},
             {"type":"observed-data","first_observed":"2024-01-02T00:00:00Z","last_observed":"2024-01-02T00:00:00Z","number_observed":1,"objects":{"0":{"type":"file","name":"a.exe","created":"2024-01-01T12:00:00Z"}}}]
            """;
        var observations = ObservedDataReader.Read(StixJsonReader.Parse(Json).GetValueOrThrow()).Observations;
        var matcher = new PatternMatcher();
        matcher.Add("p", pattern);

        Assert.Equal(PatternOutcome.Error, new PatternEvaluator(pattern).Evaluate(observations).Outcome);
        Assert.Equal(["p"], matcher.Match(observations));
        Assert.True(new PatternEvaluator(pattern).Evaluate([observations[1]]).IsMatch);
    }

    [Fact]
    public void Push_ComparisonFailsOnAVerifiedCandidate_CountsAnErrorAndTakesItAsFalse()
    {
        var matcher = new PatternMatcher();
        matcher.Add("p", StixPattern.Parse("[file:name = 'a.exe' AND file:created > t'2024-01-01T00:00:00Z'] REPEATS 2 TIMES").Value);
        var session = matcher.CreateSession();
        const string Json = """
            [{"type":"observed-data","first_observed":"2024-01-02T00:00:00Z","last_observed":"2024-01-02T00:00:00Z","number_observed":1,"objects":{"0":{"type":"file","name":"a.exe","created":"yesterday"}}},
             {"type":"observed-data","first_observed":"2024-01-02T00:00:01Z","last_observed":"2024-01-02T00:00:01Z","number_observed":1,"objects":{"0":{"type":"file","name":"a.exe","created":"2024-01-01T12:00:00Z"}}},
             {"type":"observed-data","first_observed":"2024-01-02T00:00:02Z","last_observed":"2024-01-02T00:00:02Z","number_observed":1,"objects":{"0":{"type":"file","name":"a.exe","created":"2024-01-01T13:00:00Z"}}}]
            """;
        var observations = ObservedDataReader.Read(StixJsonReader.Parse(Json).GetValueOrThrow()).Observations;

        Assert.Empty(session.Push(observations[0]));
        Assert.Equal(1, session.Errors);
        Assert.Empty(session.Push(observations[1]));
        var match = Assert.Single(session.Push(observations[2]));
        Assert.Equal([observations[1], observations[2]], match.Bound);
    }

    [Fact]
    public void Push_FollowedByWithinWindow_MatchesWithBothObservations()
    {
        var session = Matcher("([ipv4-addr:value = '10.0.0.1'] FOLLOWEDBY [ipv4-addr:value = '10.0.0.2']) WITHIN 10 SECONDS").CreateSession();
        var a = At(0, "10.0.0.1");
        var b = At(5, "10.0.0.2");

        Assert.Empty(session.Push(a));
        var match = Assert.Single(session.Push(b));

        Assert.Equal("p", match.Id);
        Assert.Equal([a, b], match.Bound);
    }

    [Fact]
    public void Push_SecondObservationOutsideWindow_EvictsTheFirstAndDoesNotMatch()
    {
        var session = Matcher("([ipv4-addr:value = '10.0.0.1'] FOLLOWEDBY [ipv4-addr:value = '10.0.0.2']) WITHIN 10 SECONDS").CreateSession();

        session.Push(At(0, "10.0.0.1"));
        var matches = session.Push(At(10, "10.0.0.2"));

        Assert.Empty(matches);
        Assert.Equal(1, session.Evicted);
        Assert.Equal(1, session.Retained);
    }

    [Fact]
    public void Push_RepeatsBeyondTheCap_DropsTheOldestAndCountsIt()
    {
        var matcher = Matcher("[ipv4-addr:value = '10.0.0.1'] REPEATS 3 TIMES");
        var capped = matcher.CreateSession(new PatternSessionOptions { MaxObservationsPerPattern = 2 });
        var free = matcher.CreateSession();

        for (var second = 0; second < 2; second++)
        {
            Assert.Empty(capped.Push(At(second, "10.0.0.1")));
            Assert.Empty(free.Push(At(second, "10.0.0.1")));
        }

        Assert.Empty(capped.Push(At(2, "10.0.0.1")));
        Assert.Single(free.Push(At(2, "10.0.0.1")));
        Assert.Equal(1, capped.Dropped);
        Assert.Equal(0, free.Dropped);
    }

    [Fact]
    public void Push_RepeatsOverManyKeptObservations_ReportsEveryCompletionWithoutError()
    {
        // Without a window all 1,000 are kept (under the default cap), and every push from the fifth on completes a match.
        var session = Matcher("[ipv4-addr:value = '10.0.0.1'] REPEATS 5 TIMES").CreateSession();
        var count = 0;
        for (var second = 0; second < 1000; second++)
        {
            count += session.Push(At(second, "10.0.0.1")).Count;
        }

        Assert.Equal(996, count);
        Assert.Equal(0, session.Errors);
    }

    [Fact]
    public void Push_StartStop_KeepsNothingOutsideTheWindow()
    {
        var session = Matcher("[ipv4-addr:value = '10.0.0.1'] REPEATS 2 TIMES START t'2024-01-01T00:00:10Z' STOP t'2024-01-01T00:00:20Z'").CreateSession();

        Assert.Empty(session.Push(At(5, "10.0.0.1")));
        Assert.Equal(0, session.Retained);
        Assert.Empty(session.Push(At(12, "10.0.0.1")));
        Assert.Single(session.Push(At(15, "10.0.0.1")));
        Assert.Empty(session.Push(At(25, "10.0.0.1")));
    }

    [Fact]
    public void Push_SinglePattern_ReportsEachMatchAndKeepsNoState()
    {
        var session = Matcher("[ipv4-addr:value = '10.0.0.1']").CreateSession();

        Assert.Single(session.Push(At(0, "10.0.0.1")));
        Assert.Empty(session.Push(At(1, "10.0.0.2")));
        Assert.Single(session.Push(At(2, "10.0.0.1")));
        Assert.Equal(0, session.Retained);
    }

    [Fact]
    public void Push_EarlierThanThePrevious_CountsLate()
    {
        var session = Matcher("[ipv4-addr:value = '10.0.0.1'] REPEATS 2 TIMES").CreateSession();

        session.Push(At(10, "10.0.0.1"));
        var matches = session.Push(At(5, "10.0.0.1"));

        Assert.Equal(1, session.Late);
        Assert.Single(matches);
    }

    [Fact]
    public void Push_PatternRemovedFromTheMatcher_IsNoLongerReportedAndItsStateIsSwept()
    {
        var matcher = Matcher("[ipv4-addr:value = '10.0.0.1'] REPEATS 2 TIMES");
        var session = matcher.CreateSession(new PatternSessionOptions { SweepInterval = 2 });

        session.Push(At(0, "10.0.0.1"));
        Assert.Equal(1, session.Retained);
        matcher.Remove("p");

        Assert.Empty(session.Push(At(1, "10.0.0.1")));
        Assert.Equal(0, session.Retained);
    }

    [Fact]
    public void Match_AfterHeavyChurn_FindsExactlyThePatternsStillHeld()
    {
        // Thousands of adds and removes: the key filters and literal index grow, go stale and are rebuilt.
        static string Text(int n) => (n % 4) switch
        {
            0 => $"[ipv4-addr:value = '10.0.{n / 256 % 256}.{n % 256}']",
            1 => $"[domain-name:value LIKE 'host{n}.%']",
            2 => $"[domain-name:value LIKE '%.zone{n}.example']",
            _ => $"[domain-name:value MATCHES '^a+\\\\.mid{n}\\\\.']",
        };

        var matcher = new PatternMatcher();
        for (var n = 0; n < 4000; n++)
        {
            matcher.Add(n.ToString(System.Globalization.CultureInfo.InvariantCulture), StixPattern.Parse(Text(n)).Value);
        }

        for (var n = 0; n < 4000; n++)
        {
            if (n % 10 is not (4 or 7))
            {
                matcher.Remove(n.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        for (var n = 4000; n < 4400; n++)
        {
            matcher.Add(n.ToString(System.Globalization.CultureInfo.InvariantCulture), StixPattern.Parse(Text(n)).Value);
        }

        foreach (var n in new[] { 4, 14, 24, 34, 7, 17, 27, 37, 8, 16, 30, 3999, 4000, 4001, 4002, 4003 })
        {
            var value = (n % 4) switch
            {
                0 => $"10.0.{n / 256 % 256}.{n % 256}",
                1 => $"host{n}.example",
                2 => $"www.zone{n}.example",
                _ => $"aaa.mid{n}.example",
            };
            var type = n % 4 == 0 ? "ipv4-addr" : "domain-name";
            var json = "[{\"type\":\"observed-data\",\"first_observed\":\"2024-01-01T00:00:00Z\",\"last_observed\":\"2024-01-01T00:00:00Z\",\"number_observed\":1,"
                + "\"objects\":{\"0\":{\"type\":\"" + type + "\",\"value\":\"" + value + "\"}}}]";
            var observation = ObservedDataReader.Read(StixJsonReader.Parse(json).GetValueOrThrow()).Observations[0];
            var held = n % 10 is 4 or 7 || n >= 4000;
            Assert.Equal(held ? [n.ToString(System.Globalization.CultureInfo.InvariantCulture)] : [], matcher.Match(observation));
        }
    }
}
