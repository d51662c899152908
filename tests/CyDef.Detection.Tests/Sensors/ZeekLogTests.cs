using System.Text;
using CyDef.Detection.Sightings;

namespace CyDef.Detection.Tests.Sensors;

/// <summary>Zeek logs as Zeek writes them (TSV with headers, and JSON), matched into exactly the expected sightings.</summary>
public sealed class ZeekLogTests
{
    private const string ConnTsv = """
        #separator \x09
        #set_separator	,
        #empty_field	(empty)
        #unset_field	-
        #path	conn
        #open	2024-01-15-10-00-00
        #fields	ts	uid	id.orig_h	id.orig_p	id.resp_h	id.resp_p	proto	service	duration	orig_bytes	resp_bytes	conn_state	local_orig	local_resp	missed_bytes	history	orig_pkts	orig_ip_bytes	resp_pkts	resp_ip_bytes	tunnel_parents
        #types	time	string	addr	port	addr	port	enum	string	interval	count	count	string	bool	bool	count	string	count	count	count	count	set[string]
        1705312800.000001	CHhAvVGS1DHFjwGM9	10.0.0.5	50003	203.0.113.66	4444	tcp	-	0.007	5	0	SF	-	-	0	ShADadFf	5	275	3	162	-
        1705312801.000001	C4J4Th3PJpwUYZZ6gc	10.0.0.5	40000	10.0.0.53	53	udp	dns	0.001	30	46	SF	-	-	0	Dd	1	58	1	74	(empty)
        1705312802.000001	CUM0KZ3MLUfNB0cl11	10.0.0.5	50004	203.0.113.66	4444	tcp	-	0.007	5	0	SF	-	-	0	ShADadFf	5	275	3	162	-
        #close	2024-01-15-11-00-00
        """;

    private const string HttpJson = """
        {"ts":1705312803.5,"uid":"CRJuHdVW0XPVINV8a","id.orig_h":"10.0.0.5","id.orig_p":50000,"id.resp_h":"198.51.100.80","id.resp_p":80,"trans_depth":1,"method":"GET","host":"www.bad.example","uri":"/payload.bin","version":"1.1","user_agent":"test","request_body_len":0,"response_body_len":5,"status_code":200,"status_msg":"OK","tags":[],"resp_fuids":["FHm7gV1dbzaa9XXkZ1"],"resp_mime_types":["text/plain"]}
        {"ts":1705312804.5,"uid":"CkX2VY1ltJ2iVs2aPf","id.orig_h":"10.0.0.5","id.orig_p":50002,"id.resp_h":"198.51.100.44","id.resp_p":443,"version":"TLSv12","cipher":"TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256","server_name":"c2.example","resumed":false,"established":true,"ssl_history":"CsxknGIi","cert_chain_fps":["df43e07ad85f2303c6f5877b614ae7baabf0e3f0"]}
        {"ts":1705312805.5,"fuid":"FHm7gV1dbzaa9XXkZ1","uid":"CRJuHdVW0XPVINV8a","id.orig_h":"198.51.100.80","id.orig_p":80,"id.resp_h":"10.0.0.5","id.resp_p":50000,"source":"HTTP","depth":0,"analyzers":["MD5","SHA1"],"mime_type":"text/plain","duration":0.0,"is_orig":false,"seen_bytes":5,"total_bytes":5,"missing_bytes":0,"overflow_bytes":0,"timedout":false,"md5":"5d41402abc4b2a76b9719d911017c592","sha1":"aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d"}
        {"ts":1705312806.5,"uid":"CmES5u32sYpV7JYN","id.orig_h":"10.0.0.5","id.orig_p":40000,"id.resp_h":"10.0.0.53","id.resp_p":53,"proto":"udp","trans_id":4660,"query":"evil.example","qclass":1,"qclass_name":"C_INTERNET","qtype":1,"qtype_name":"A","rcode":0,"rcode_name":"NOERROR","AA":false,"TC":false,"RD":true,"RA":true,"Z":0,"answers":["198.51.100.99"],"TTLs":[300.0],"rejected":false}
        """;

    [Fact]
    public void Match_ZeekLogs_GiveExactlyTheExpectedSightings()
    {
        var index = new IndicatorIndex(new Lines.FixedClock());
        var ip = Apply(index, "[ipv4-addr:value = '203.0.113.66']");
        var url = Apply(index, "[url:value = 'http://www.bad.example/payload.bin']");
        var sni = Apply(index, "[domain-name:value = 'c2.example' OR domain-name:value = 'evil.example']");
        var hash = Apply(index, "[file:hashes.MD5 = '5d41402abc4b2a76b9719d911017c592']");
        var resolved = Apply(index, "[domain-name:resolves_to_refs[*].value = '198.51.100.99']");
        Apply(index, "[domain-name:value = 'never.example']");
        var sightings = new SightingAggregator(new SightingOptions { Sensor = "zeek-test" });
        var session = new DetectionSession(index, SensorFormat.Zeek, sightings);
        session.Process(new MemoryStream(Encoding.UTF8.GetBytes(ConnTsv + "\n" + HttpJson)));
        Assert.Equal(0, session.Stats.Skipped);
        Assert.Equal(7, session.Stats.Events);
        var got = sightings.TakeChanged().ToDictionary(s => s["sighting_of_ref"]!.GetString(), s => s["count"]!.GetRawNumber());
        Assert.Equal(new Dictionary<string, string> { [ip] = "2", [url] = "1", [sni] = "2", [hash] = "1", [resolved] = "1" }, got);
    }

    private static string Apply(IndicatorIndex index, string pattern)
    {
        var indicator = Indicators.Make(pattern);
        index.Apply(indicator);
        return Indicators.IdOf(indicator);
    }
}
