using System.Globalization;
using System.Text;
using CsCheck;
using CyDef.Detection.Index;
using CyDef.Detection.Readers;
using CyDef.Patterns;

namespace CyDef.Detection.Tests;

/// <summary>
/// What the index reports for an event equals what <see cref="PatternEvaluator"/> says of each indicator's pattern on
/// the event's Observation: the exact-value fast path, the probe and the compiled matcher together lose and add nothing.
/// </summary>
public sealed class FastPathAgreementTests
{
    private static readonly string[] Ips = ["198.51.100.7", "203.0.113.9", "10.0.0.5", "2001:db8::7"];
    private static readonly string[] Domains = ["evil.example", "cdn.example", "ok.example"];
    private static readonly string[] Hashes = ["d41d8cd98f00b204e9800998ecf8427e", "9e107d9d372bb6826bd81d3542a419d6"];
    private static readonly string[] Emails = ["bad@evil.example", "a@ok.example"];
    private static readonly string[] Paths = ["/x", "/payload.bin"];

    private static Gen<string> Q(string[] values) => Gen.OneOf(values).Select(v => $"'{v}'");

    private static readonly Gen<string> Exact = Gen.OneOf(
        Q(Ips).Select(v => v.Contains(':', StringComparison.Ordinal) ? $"ipv6-addr:value = {v}" : $"ipv4-addr:value = {v}"),
        Q(Ips).Select(v => $"network-traffic:dst_ref.value = {v}"),
        Q(Ips).Select(v => $"network-traffic:src_ref.value = {v}"),
        Q(Ips).Select(v => $"domain-name:resolves_to_refs[*].value = {v}"),
        Gen.Select(Q(Domains), Q(Domains), (a, b) => $"domain-name:value IN ({a}, {b})"),
        Gen.Select(Gen.OneOf(Domains), Gen.OneOf(Paths), (d, p) => $"url:value = 'http://{d}{p}'"),
        Q(Hashes).Select(v => $"file:hashes.MD5 = {v}"),
        Q(Emails).Select(v => $"email-addr:value = {v}"),
        Q(Hashes).Select(v => $"x-cydef-tls:ja3 = {v}"),
        Gen.OneOf("'tcp'", "'udp'").Select(v => $"network-traffic:protocols[*] = {v}"));

    private static readonly Gen<string> Compound = Gen.OneOf(
        Q(Ips).Select(v => $"network-traffic:dst_ref.value = {v} AND network-traffic:dst_port = 443"),
        Gen.OneOf("'198.51.100.0/24'", "'10.0.0.0/8'", "'2001:db8::/32'").Select(v => $"ipv4-addr:value ISSUBSET {v}"),
        Gen.Const("domain-name:value LIKE '%.example'"),
        Gen.Const("url:value MATCHES 'bin$'"),
        Q(Hashes).Select(v => $"file:name = 'a.exe' AND file:hashes.MD5 = {v}"),
        Gen.Const("network-traffic:dst_port > 1000"),
        Q(Ips).Select(v => $"ipv4-addr:value != {v}"),
        Gen.Const("file:hashes.'SHA-1' = 'da39a3ee5e6b4b0d3255bfef95601890afd80709' OR process:name = 'x'"));

    private static readonly Gen<string> Pattern = Gen.Frequency(
        (4, Gen.OneOf(Exact, Gen.Select(Exact, Exact, (a, b) => $"{a} OR {b}")).Select(c => $"[{c}]")),
        (1, Compound.Select(c => $"[{c}]")));

    private static readonly Gen<string> Event = Gen.Select(Gen.OneOf(Ips), Gen.OneOf(Ips), Gen.Int[0, 5], Gen.OneOf(Domains), Gen.OneOf(Paths),
        Gen.OneOf(Hashes), Gen.OneOf(Emails), (src, dst, kind, domain, path, hash, email) =>
    {
        var head = $$"""{"timestamp":"2024-01-15T10:00:00Z","src_ip":"{{src}}","src_port":1234,"dest_ip":"{{dst}}","dest_port":{{(kind % 2 == 0 ? 443 : 8080)}},"proto":"{{(kind < 3 ? "TCP" : "UDP")}}",""" + "\"";
        return kind switch
        {
            0 => head + $$$"""http":{"hostname":"{{{domain}}}","url":"{{{path}}}"}}""",
            1 => head + $$$"""dns":{"version":2,"type":"answer","rrname":"{{{domain}}}","answers":[{"rrname":"{{{domain}}}","rdata":"{{{dst}}}"}]}}""",
            2 => head + $$$$"""tls":{"sni":"{{{{domain}}}}","ja3":{"hash":"{{{{hash}}}}"}}}""",
            3 => head + $$$"""fileinfo":{"filename":"a.exe","md5":"{{{hash}}}","sha1":"da39a3ee5e6b4b0d3255bfef95601890afd80709"}}""",
            4 => head + $$$"""smtp":{"mail_from":"<{{{email}}}>"}}""",
            _ => head + """event_type":"flow"}""",
        };
    });

    [Fact]
    public void Match_RandomIndicatorsAndEvents_EqualsTheEvaluator()
    {
        long hits = 0, checks = 0;
        Gen.Select(Pattern.Array[1, 25], Event.Array[1, 6]).Sample(testCase =>
        {
            var (patterns, events) = testCase;
            var index = new IndicatorIndex(new Lines.FixedClock());
            var evaluators = new Dictionary<string, PatternEvaluator>();
            for (var i = 0; i < patterns.Length; i++)
            {
                var id = "indicator--" + new Guid(i + 1, 0, 0, new byte[8]).ToString();
                index.Apply(Indicators.Make(patterns[i], id));
                evaluators[id] = new PatternEvaluator(StixPattern.Parse(patterns[i]).Value!);
            }

            var reader = SensorRecordReader.For(SensorFormat.Eve);
            var scratch = new MatchScratch(index, null);
            foreach (var line in events)
            {
                var e = new SensorEvent();
                Assert.Equal(LineResult.Event, reader.Read(Encoding.UTF8.GetBytes(line), e, out _));
                var found = new List<Hit>();
                index.Match(e, scratch, found);
                var observation = EventObservation.Build(e);
                var expected = evaluators.Where(p => p.Value.Evaluate([observation]).IsMatch).Select(p => p.Key).Order(StringComparer.Ordinal).ToList();
                Assert.Equal(expected, found.Select(h => h.IndicatorId).Order(StringComparer.Ordinal).ToList());
                hits += expected.Count;
                checks++;
            }
        }, iter: 400);
        Assert.True(hits > checks / 2, string.Create(CultureInfo.InvariantCulture, $"{hits} hits in {checks} events"));
    }

    [Fact]
    public void Match_FollowedBy_CompletesAcrossEvents()
    {
        var index = new IndicatorIndex(new Lines.FixedClock());
        var id = Indicators.IdOf(Indicators.Make("[x]", "indicator--0f6c7d2e-1b7a-4c8e-9d7e-111111111111"));
        index.Apply(Indicators.Make("([domain-name:value = 'evil.example'] FOLLOWEDBY [url:value = 'http://evil.example/payload.bin']) WITHIN 60 SECONDS", id));
        var sightings = new Sightings.SightingAggregator(new Sightings.SightingOptions { Sensor = "s" });
        var session = new DetectionSession(index, SensorFormat.Eve, sightings);
        session.ProcessLine("""{"timestamp":"2024-01-15T10:00:00Z","dns":{"rrname":"evil.example"}}"""u8);
        Assert.Equal(0, session.Stats.Hits);
        session.ProcessLine("""{"timestamp":"2024-01-15T10:00:30Z","http":{"hostname":"evil.example","url":"/payload.bin"}}"""u8);
        Assert.Equal(1, session.Stats.Hits);
        session.ProcessLine("""{"timestamp":"2024-01-15T10:05:00Z","http":{"hostname":"evil.example","url":"/payload.bin"}}"""u8);
        Assert.Equal(1, session.Stats.Hits);
    }
}
