using System.Globalization;
using System.Text;
using CyDef.Benchmarks.Patterns;

namespace CyDef.Benchmarks.Detection;

/// <summary>
/// Realistic Suricata EVE lines for the <c>detection</c> load tool: flow, dns (v2 queries and answers), http, tls (SNI,
/// JA3, certificate), fileinfo, smtp and alert records with the fields Suricata 7 writes, benign values drawn from
/// address and name spaces no indicator uses, and a chosen share of records that carry an indicator's value.
/// </summary>
internal sealed class EveWorkload(int seed, int exactIndicators)
{
    private readonly Random _random = new(seed);
    private long _flow = 1_000_000;

    /// <summary>The exact-value indicator patterns: ipv4, domain, URL, SHA-256, e-mail, network-traffic destination.</summary>
    public static string ExactPattern(int n) => (n % 6) switch
    {
        0 => $"[ipv4-addr:value = '{PatternWorkload.Ip(n)}']",
        1 => $"[domain-name:value = '{PatternWorkload.Domain(n)}']",
        2 => $"[url:value = '{PatternWorkload.Url(n)}']",
        3 => $"[file:hashes.'SHA-256' = '{PatternWorkload.Sha256(n)}']",
        4 => $"[email-addr:value = '{PatternWorkload.Email(n)}']",
        _ => $"[network-traffic:dst_ref.value = '{PatternWorkload.Ip(n)}']",
    };

    public string Line(long i, double hitShare)
    {
        var hit = _random.NextDouble() < hitShare ? _random.Next(exactIndicators) : -1;
        var time = new DateTime(2024, 1, 15, 0, 0, 0, DateTimeKind.Utc).AddTicks(i * 100);
        var kind = hit >= 0 ? KindFor(hit) : _random.Next(100) switch
        {
            < 30 => 0,
            < 55 => 1,
            < 75 => 2,
            < 90 => 3,
            < 95 => 4,
            < 98 => 5,
            _ => 6,
        };
        return Record(kind, time, hit);
    }

    private static int KindFor(int n) => (n % 6) switch
    {
        0 or 5 => 0,
        1 => 1,
        2 => 2,
        3 => 4,
        _ => 5,
    };

    private string Record(int kind, DateTime time, int hit)
    {
        var f = CultureInfo.InvariantCulture;
        var src = $"192.168.{_random.Next(256)}.{_random.Next(1, 255)}";
        var dst = hit >= 0 && hit % 6 is 0 or 5 ? PatternWorkload.Ip(hit) : $"172.{16 + _random.Next(16)}.{_random.Next(256)}.{_random.Next(1, 255)}";
        var sport = 1024 + _random.Next(60000);
        var stamp = time.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'+0000'", f);
        var flow = _flow++;
        var domain = hit >= 0 && hit % 6 == 1 ? PatternWorkload.Domain(hit) : $"www{_random.Next(100000)}.site{_random.Next(5000)}.test";
        var head = $$"""{"timestamp":"{{stamp}}","flow_id":{{flow}},"in_iface":"ens3","event_type":""" + "\"";
        return kind switch
        {
            0 => head + $$"""flow","src_ip":"{{src}}","src_port":{{sport}},"dest_ip":"{{dst}}","dest_port":443,"proto":"TCP","app_proto":"tls","flow":{"pkts_toserver":{{_random.Next(1, 90)}},"pkts_toclient":{{_random.Next(1, 90)}},"bytes_toserver":{{_random.Next(60, 90000)}},"bytes_toclient":{{_random.Next(60, 900000)}},"start":"{{stamp}}","end":"{{stamp}}","age":{{_random.Next(60)}},"state":"closed","reason":"timeout","alerted":false},"tcp":{"tcp_flags":"1b","tcp_flags_ts":"1b","tcp_flags_tc":"1b","syn":true,"fin":true,"psh":true,"ack":true,"state":"closed"},"community_id":"1:{{Token(27)}}="}""",
            1 => head + $$"""dns","src_ip":"{{src}}","src_port":{{sport}},"dest_ip":"10.53.0.1","dest_port":53,"proto":"UDP","pkt_src":"wire/pcap","dns":{"version":2,"type":"answer","id":{{_random.Next(65536)}},"flags":"8180","qr":true,"rd":true,"ra":true,"opcode":0,"rrname":"{{domain}}","rrtype":"A","rcode":"NOERROR","answers":[{"rrname":"{{domain}}","rrtype":"A","ttl":300,"rdata":"172.20.{{_random.Next(256)}}.{{_random.Next(1, 255)}}"}],"grouped":{"A":["172.20.1.1"]""" + "}}}",
            2 => head + $$"""http","src_ip":"{{src}}","src_port":{{sport}},"dest_ip":"{{dst}}","dest_port":80,"proto":"TCP","pkt_src":"wire/pcap","tx_id":0,"http":{"hostname":"{{(hit >= 0 ? $"bad{hit}.example" : domain)}}","url":"{{(hit >= 0 ? $"/path/{hit}" : $"/index{_random.Next(1000)}.html?q={Token(8)}")}}","http_user_agent":"Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0","http_content_type":"text/html","http_method":"GET","protocol":"HTTP/1.1","status":200,"length":{{_random.Next(100, 90000)}}""" + "}}",
            3 => head + $$"""tls","src_ip":"{{src}}","src_port":{{sport}},"dest_ip":"{{dst}}","dest_port":443,"proto":"TCP","pkt_src":"wire/pcap","tls":{"subject":"CN={{domain}}","issuerdn":"C=US, O=Let's Encrypt, CN=R3","serial":"04:{{Token(10)}}","fingerprint":"{{Fingerprint()}}","sni":"{{domain}}","version":"TLS 1.2","notbefore":"2024-01-01T00:00:00","notafter":"2024-04-01T00:00:00","ja3":{"hash":"{{Token(32)}}","string":"771,4865-4866-4867,0-23-65281,29-23-24,0"},"ja3s":{"hash":"{{Token(32)}}","string":"771,4865,43-51""" + "\"}}}",
            4 => head + $$"""fileinfo","src_ip":"{{dst}}","src_port":80,"dest_ip":"{{src}}","dest_port":{{sport}},"proto":"TCP","http":{"hostname":"{{domain}}","url":"/dl/{{Token(6)}}.bin","http_method":"GET","status":200},"app_proto":"http","fileinfo":{"filename":"/dl/{{Token(6)}}.bin","gaps":false,"state":"CLOSED","md5":"{{Token(32)}}","sha1":"{{Token(40)}}","sha256":"{{(hit >= 0 ? PatternWorkload.Sha256(hit) : Token(64))}}","stored":false,"size":{{_random.Next(100, 900000)}},"tx_id":0""" + "}}",
            5 => head + $$"""smtp","src_ip":"{{src}}","src_port":{{sport}},"dest_ip":"{{dst}}","dest_port":25,"proto":"TCP","smtp":{"helo":"mail.site.test","mail_from":"<{{(hit >= 0 ? PatternWorkload.Email(hit) : $"user{_random.Next(99999)}@site.test")}}>","rcpt_to":["<staff{{_random.Next(999)}}@corp.test>"]},"email":{"status":"PARSE_DONE","from":"User <user@site.test>","to":["staff@corp.test"]""" + "}}",
            _ => head + $$$"""alert","src_ip":"{{{src}}}","src_port":{{{sport}}},"dest_ip":"{{{dst}}}","dest_port":80,"proto":"TCP","alert":{"action":"allowed","gid":1,"signature_id":{{{2000000 + _random.Next(9999)}}},"rev":3,"signature":"ET POLICY Example","category":"Potential Corporate Privacy Violation","severity":2,"metadata":{"created_at":["2010_07_30"],"updated_at":["2019_07_26"]}},"http":{"hostname":"{{{domain}}}","url":"/","http_method":"GET","status":200},"app_proto":"http","direction":"to_server"}""",
        };
    }

    private string Token(int length)
    {
        Span<char> chars = stackalloc char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = "0123456789abcdef"[_random.Next(16)];
        }

        return new string(chars);
    }

    private string Fingerprint()
    {
        var builder = new StringBuilder();
        for (var i = 0; i < 20; i++)
        {
            builder.Append(i == 0 ? "" : ":").Append(Token(2));
        }

        return builder.ToString();
    }
}
