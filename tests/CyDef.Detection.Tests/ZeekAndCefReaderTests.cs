using CyDef.Detection.Readers;

namespace CyDef.Detection.Tests;

public sealed class ZeekAndCefReaderTests
{
    [Theory]
    [InlineData("""{"ts":1705312800.25,"uid":"C1","id.orig_h":"10.0.0.5","id.orig_p":53000,"id.resp_h":"198.51.100.7","id.resp_p":443,"proto":"tcp","service":"ssl","duration":1.5}""",
        "SourceIp=10.0.0.5;DestinationIp=198.51.100.7;Protocol=tcp")]
    [InlineData("""{"ts":"2024-01-15T10:00:00.250000Z","uid":"C2","id.orig_h":"10.0.0.5","id.orig_p":53000,"id.resp_h":"10.0.0.53","id.resp_p":443,"proto":"udp","query":"Bad.Example","qtype_name":"A","answers":["cdn.example","203.0.113.9"],"TTLs":[60.0,60.0]}""",
        "SourceIp=10.0.0.5;DestinationIp=10.0.0.53;Protocol=udp;Domain=bad.example;Domain=cdn.example;ResolvedIp=203.0.113.9")]
    [InlineData("""{"ts":1705312800.25,"id.orig_h":"10.0.0.5","id.orig_p":53000,"id.resp_h":"198.51.100.7","id.resp_p":443,"method":"GET","host":"evil.example","uri":"/payload.bin","user_agent":"curl"}""",
        "SourceIp=10.0.0.5;DestinationIp=198.51.100.7;Domain=evil.example;Url=http://evil.example/payload.bin")]
    [InlineData("""{"ts":1705312800.25,"id.orig_h":"10.0.0.5","id.orig_p":53000,"id.resp_h":"198.51.100.7","id.resp_p":443,"version":"TLSv13","server_name":"evil.example","ja3":"e7d705a3286e19ea42f587b344ee6865","established":true}""",
        "SourceIp=10.0.0.5;DestinationIp=198.51.100.7;Domain=evil.example;Ja3=e7d705a3286e19ea42f587b344ee6865")]
    [InlineData("""{"ts":1705312800.25,"fuid":"F1","tx_hosts":["198.51.100.7"],"rx_hosts":["10.0.0.5"],"source":"HTTP","mime_type":"application/x-dosexec","filename":"a.exe","md5":"d41d8cd98f00b204e9800998ecf8427e","sha1":"da39a3ee5e6b4b0d3255bfef95601890afd80709","sha256":"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"}""",
        "FileName=a.exe;Md5=d41d8cd98f00b204e9800998ecf8427e;Sha1=da39a3ee5e6b4b0d3255bfef95601890afd80709;Sha256=e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    [InlineData("""{"ts":1705312800.25,"fingerprint":"AB12","certificate.version":3,"certificate.serial":"0A1B","certificate.subject":"CN=evil.example,O=Evil","certificate.issuer":"CN=Evil CA"}""",
        "CertificateSha256=ab12;CertificateSerial=0A1B;CertificateSubject=CN=evil.example,O=Evil;CertificateIssuer=CN=Evil CA")]
    [InlineData("""{"ts":1705312800.25,"id.orig_h":"10.0.0.5","id.orig_p":53000,"id.resp_h":"198.51.100.25","id.resp_p":25,"helo":"mx","mailfrom":"<bad@evil.example>","rcptto":["<a@b.example>"],"from":"Bad <bad@evil.example>","to":["a@b.example"],"subject":"hi"}""",
        "SourceIp=10.0.0.5;DestinationIp=198.51.100.25;Email=bad@evil.example;Email=a@b.example;Email=bad@evil.example;Email=a@b.example")]
    public void Read_ZeekJson_GivesItsValues(string line, string expected)
    {
        var (result, _, values, e) = Lines.Read(SensorFormat.Zeek, line);
        Assert.Equal(LineResult.Event, result);
        Assert.Equal(expected, string.Join(";", values));
        Assert.Equal(new DateTime(2024, 1, 15, 10, 0, 0, 250, DateTimeKind.Utc), Lines.Time(e));
    }

    [Fact]
    public void Read_ZeekTsv_UsesTheHeaders()
    {
        var reader = SensorRecordReader.For(SensorFormat.Zeek);
        string[] header =
        [
            "#separator \\x09", "#set_separator\t,", "#empty_field\t(empty)", "#unset_field\t-", "#path\tdns",
            "#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tquery\tanswers\tTTLs",
            "#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tstring\tvector[string]\tvector[interval]",
        ];
        foreach (var line in header)
        {
            Assert.Equal(LineResult.Ignored, Lines.Read(reader, line).Result);
        }

        var (result, _, values, e) = Lines.Read(reader, "1705312800.250000\tC1\t10.0.0.5\t53000\t10.0.0.53\t53\tudp\tbad\\x2eexample\tcdn.example,203.0.113.9\t60.0,60.0");
        Assert.Equal(LineResult.Event, result);
        Assert.Equal("SourceIp=10.0.0.5;DestinationIp=10.0.0.53;Protocol=udp;Domain=bad.example;Domain=cdn.example;ResolvedIp=203.0.113.9", string.Join(";", values));
        Assert.Equal(53, e.DestinationPort);
        Assert.Equal(LineResult.Event, Lines.Read(reader, "1705312800.250000\t-\t10.0.0.5\t-\t-\t-\tudp\t(empty)\t-\t-").Result);
        Assert.Equal(SkipReason.Malformed, Lines.Read(reader, "1705312800.250000\tC1\t10.0.0.5").Reason);
        Assert.Equal(SkipReason.BadTimestamp, Lines.Read(reader, "yesterday\tC1\t10.0.0.5\t1\t10.0.0.53\t53\tudp\ta.b\t-\t-").Reason);
    }

    [Fact]
    public void Read_ZeekTsvWithoutHeader_IsSkipped() =>
        Assert.Equal(SkipReason.NoHeader, Lines.Read(SensorFormat.Zeek, "1705312800.25\tC1\t10.0.0.5").Reason);

    [Theory]
    [InlineData("<134>1 2024-01-15T10:00:00.250Z fw01 cef - - - CEF:0|Vendor|Proxy|1.0|100|Blocked\\|request|5|src=10.0.0.5 spt=53000 dst=198.51.100.7 dpt=80 proto=TCP dhost=evil.example request=/a b\\=c fname=a.exe fileHash=D41D8CD98F00B204E9800998ECF8427E suser=bad@evil.example",
        "SourceIp=10.0.0.5;DestinationIp=198.51.100.7;Protocol=tcp;Domain=evil.example;FileName=a.exe;Md5=d41d8cd98f00b204e9800998ecf8427e;Email=bad@evil.example;Url=http://evil.example/a b=c")]
    [InlineData("Jan 15 10:00:00 fw01 CEF:0|V|P|1|2|n|3|rt=1705312800250 src=10.0.0.5 request=https://evil.example/x",
        "SourceIp=10.0.0.5;Url=https://evil.example/x")]
    [InlineData("CEF:0|V|P|1|2|n|3|rt=Jan 15 2024 10:00:00.250 dst=198.51.100.7",
        "DestinationIp=198.51.100.7")]
    public void Read_Cef_GivesItsValues(string line, string expected)
    {
        var (result, _, values, e) = Lines.Read(SensorFormat.Cef, line);
        Assert.Equal(LineResult.Event, result);
        Assert.Equal(expected, string.Join(";", values));
        Assert.Equal(new DateTime(2024, 1, 15, 10, 0, 0, 250, DateTimeKind.Utc), Lines.Time(e));
    }

    [Fact]
    public void Read_CefWithoutTime_TakesTheClock()
    {
        var (result, _, _, e) = Lines.Read(SensorFormat.Cef, "CEF:0|V|P|1|2|n|3|src=10.0.0.5");
        Assert.Equal(LineResult.Event, result);
        Assert.Equal(new DateTime(2024, 1, 15, 12, 0, 0, DateTimeKind.Utc), Lines.Time(e));
    }

    [Theory]
    [InlineData("just a syslog line", SkipReason.NotCef)]
    [InlineData("CEF:0|V|P|1|2", SkipReason.Truncated)]
    public void Read_BadCef_IsSkipped(string line, SkipReason reason) => Assert.Equal(reason, Lines.Read(SensorFormat.Cef, line).Reason);
}
