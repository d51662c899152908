namespace CyDef.Detection.Tests;

public sealed class EveReaderTests
{
    private const string Head = """{"timestamp":"2024-01-15T10:00:00.123456+0000","flow_id":1,"in_iface":"eth0","src_ip":"10.0.0.5","src_port":53000,"dest_ip":"198.51.100.7","dest_port":80,"proto":"TCP",""" + "\"";

    [Theory]
    [InlineData(Head + """event_type":"flow","flow":{"pkts_toserver":3,"state":"closed"}}""", "SourceIp=10.0.0.5;DestinationIp=198.51.100.7;Protocol=tcp")]
    [InlineData(Head + """event_type":"http","http":{"hostname":"WWW.Evil.Example.","url":"/a/b?c=1","http_user_agent":"x","status":200}}""",
        "SourceIp=10.0.0.5;DestinationIp=198.51.100.7;Protocol=tcp;Domain=www.evil.example;Url=http://www.evil.example/a/b?c=1")]
    [InlineData(Head + """event_type":"alert","alert":{"signature_id":1,"metadata":{"a":["b"]}},"http":{"hostname":"x.test","url":"http:\/\/y.test\/z"}}""",
        "SourceIp=10.0.0.5;DestinationIp=198.51.100.7;Protocol=tcp;Domain=x.test;Url=http://y.test/z")]
    [InlineData(Head + """event_type":"dns","dns":{"type":"query","id":1,"rrname":"bad.example","rrtype":"A","tx_id":0}}""",
        "SourceIp=10.0.0.5;DestinationIp=198.51.100.7;Protocol=tcp;Domain=bad.example")]
    [InlineData(Head + """event_type":"dns","dns":{"version":2,"type":"answer","rrname":"bad.example","answers":[{"rrname":"bad.example","rrtype":"CNAME","rdata":"cdn.example"},{"rrname":"cdn.example","rrtype":"A","rdata":"203.0.113.9"},{"rrname":"t.example","rrtype":"TXT","rdata":"v=spf1 -all"}],"grouped":{"A":["203.0.113.9"]}}}""",
        "SourceIp=10.0.0.5;DestinationIp=198.51.100.7;Protocol=tcp;Domain=bad.example;Domain=bad.example;Domain=cdn.example;Domain=cdn.example;ResolvedIp=203.0.113.9;Domain=t.example;ResolvedIp=203.0.113.9")]
    [InlineData(Head + """event_type":"dns","dns":{"version":3,"type":"request","tx_id":0,"queries":[{"rrname":"v3.example","rrtype":"AAAA"}]}}""",
        "SourceIp=10.0.0.5;DestinationIp=198.51.100.7;Protocol=tcp;Domain=v3.example")]
    [InlineData(Head + """event_type":"dns","dns":{"version":3,"type":"response","queries":[{"rrname":"v3.example","rrtype":"AAAA"}],"answers":[{"rrname":"v3.example","rrtype":"AAAA","rdata":"2001:db8::7"}]}}""",
        "SourceIp=10.0.0.5;DestinationIp=198.51.100.7;Protocol=tcp;Domain=v3.example;Domain=v3.example;ResolvedIp=2001:db8::7")]
    [InlineData(Head + """event_type":"tls","tls":{"subject":"CN=evil.example","issuerdn":"CN=Evil CA","serial":"01:02","fingerprint":"AB:CD:EF","sni":"evil.example","version":"TLS 1.2","ja3":{"hash":"E7D705A3286E19EA42F587B344EE6865","string":"771,..."},"ja3s":{"hash":"abc"},"ja4":"t13d1516h2_8daaf6152771_e5627efa2ab1"}}""",
        "SourceIp=10.0.0.5;DestinationIp=198.51.100.7;Protocol=tcp;CertificateSubject=CN=evil.example;CertificateIssuer=CN=Evil CA;CertificateSerial=01:02;CertificateSha1=abcdef;Domain=evil.example;Ja3=e7d705a3286e19ea42f587b344ee6865;Ja3s=abc;Ja4=t13d1516h2_8daaf6152771_e5627efa2ab1")]
    [InlineData(Head + """event_type":"fileinfo","fileinfo":{"filename":"/x/a.exe","md5":"D41D8CD98F00B204E9800998ECF8427E","sha1":"da39a3ee5e6b4b0d3255bfef95601890afd80709","sha256":"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855","size":0}}""",
        "SourceIp=10.0.0.5;DestinationIp=198.51.100.7;Protocol=tcp;FileName=/x/a.exe;Md5=d41d8cd98f00b204e9800998ecf8427e;Sha1=da39a3ee5e6b4b0d3255bfef95601890afd80709;Sha256=e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    [InlineData(Head + """event_type":"smtp","smtp":{"helo":"mx","mail_from":"<bad@evil.example>","rcpt_to":["<a@b.example>","<c@d.example>"]},"email":{"status":"PARSE_DONE","from":"Bad Guy <bad@evil.example>","to":["a@b.example"]}}""",
        "SourceIp=10.0.0.5;DestinationIp=198.51.100.7;Protocol=tcp;Email=bad@evil.example;Email=a@b.example;Email=c@d.example;Email=bad@evil.example;Email=a@b.example")]
    [InlineData(Head + """event_type":"anomaly","anomaly":{"type":"decode","event":"ipv4.trunc_pkt"}}""", "SourceIp=10.0.0.5;DestinationIp=198.51.100.7;Protocol=tcp")]
    public void Read_EveRecord_GivesItsValues(string line, string expected)
    {
        var (result, _, values, e) = Lines.Read(SensorFormat.Eve, line);
        Assert.Equal(LineResult.Event, result);
        Assert.Equal(expected, string.Join(";", values));
        Assert.Equal(new DateTime(2024, 1, 15, 10, 0, 0, 123, DateTimeKind.Utc).AddTicks(4560), Lines.Time(e));
        Assert.Equal(53000, e.SourcePort);
        Assert.Equal(80, e.DestinationPort);
    }

    [Theory]
    [InlineData("2024-01-15T10:00:00+0100", "2024-01-15T09:00:00")]
    [InlineData("2024-01-15T10:00:00.5Z", "2024-01-15T10:00:00.5")]
    [InlineData("2024-01-15 10:00:00-02:30", "2024-01-15T12:30:00")]
    public void Read_TimestampFormats_AreUtc(string stamp, string expected)
    {
        var (result, _, _, e) = Lines.Read(SensorFormat.Eve, $$"""{"timestamp":"{{stamp}}","src_ip":"1.2.3.4"}""");
        Assert.Equal(LineResult.Event, result);
        Assert.Equal(DateTime.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), Lines.Time(e));
    }
}
