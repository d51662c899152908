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
}
