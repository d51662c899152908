using System.Diagnostics;
using System.Text;
using CyDef.Detection.Sightings;

namespace CyDef.Detection.Tests.Sensors;

/// <summary>
/// Real sensor output: crafted packets written to a pcap, Suricata 7 run offline on it, its EVE JSON matched. The
/// sightings must be exactly those of the indicators the traffic shows. Needs <c>suricata</c> on the PATH
/// (./test.sh installs it from bookworm-backports); skipped without it, except under CI=true, where it fails.
/// </summary>
public sealed class SuricataTests
{
    private const string Config = """
        %YAML 1.1
        ---
        vars:
          address-groups:
            HOME_NET: "[10.0.0.0/8]"
            EXTERNAL_NET: "!$HOME_NET"
          port-groups:
            HTTP_PORTS: "80"
            SHELLCODE_PORTS: "!80"
            DNP3_PORTS: "20000"
            MODBUS_PORTS: "502"
            FILE_DATA_PORTS: "[$HTTP_PORTS,110,143]"
            FTP_PORTS: "21"
            GENEVE_PORTS: "6081"
            VXLAN_PORTS: "4789"
            TEREDO_PORTS: "3544"
            ORACLE_PORTS: "1521"
            SSH_PORTS: "22"
        runmode: single
        outputs:
          - eve-log:
              enabled: yes
              filetype: regular
              filename: eve.json
              types:
                - dns
                - http
                - tls:
                    extended: yes
                    # log handshakes without a server certificate (ours has none)
                    session-resumption: yes
                - flow
        app-layer:
          protocols:
            tls:
              enabled: yes
              detection-ports:
                dp: 443
              ja3-fingerprints: yes
            http:
              enabled: yes
            dns:
              tcp:
                enabled: yes
                detection-ports:
                  dp: 53
              udp:
                enabled: yes
                detection-ports:
                  dp: 53
        """;

    [SkippableFact]
    public async Task Match_SuricataEveOfCraftedTraffic_GivesExactlyTheExpectedSightings()
    {
        var suricata = Which("suricata");
        if (suricata is null)
        {
            Assert.False(Environment.GetEnvironmentVariable("CI") == "true", "suricata is not installed (./test.sh installs it as root)");
            Skip.If(true, "suricata is not installed");
        }

        var dir = Directory.CreateTempSubdirectory("cydef-suricata-").FullName;
        try
        {
            var eve = await RunSuricataAsync(suricata!, dir);
            var index = new IndicatorIndex(new Lines.FixedClock());
            var expected = new Dictionary<string, string>
            {
                ["dns"] = Apply(index, "[domain-name:value = 'evil.example']"),
                ["http"] = Apply(index, "[url:value = 'http://www.bad.example/payload.bin']"),
                ["tls"] = Apply(index, "[domain-name:value = 'c2.example']"),
                ["ip"] = Apply(index, "[ipv4-addr:value = '203.0.113.66']"),
                ["port"] = Apply(index, "[network-traffic:dst_ref.value = '203.0.113.66' AND network-traffic:dst_port = 4444]"),
            };
            Apply(index, "[domain-name:value = 'never.example']");
            Apply(index, "[network-traffic:dst_ref.value = '203.0.113.66' AND network-traffic:dst_port = 80]");
            var sightings = new SightingAggregator(new SightingOptions { Sensor = "suricata-test" });
            var session = new DetectionSession(index, SensorFormat.Eve, sightings);
            await using (var stream = File.OpenRead(eve))
            {
                await session.ProcessAsync(stream);
            }

            Assert.Equal(0, session.Stats.Skipped);
            var got = sightings.TakeChanged();
            var sighted = got.Select(s => s["sighting_of_ref"]!.GetString()).Order(StringComparer.Ordinal).ToList();
            Assert.Equal(expected.Values.Order(StringComparer.Ordinal).ToList(), sighted);
            Assert.All(got, s => Assert.Equal("1", s["count"]!.GetRawNumber()));
        }
        finally
        {
            if (Environment.GetEnvironmentVariable("CYDEF_KEEP_SURICATA") is null)
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }

    private static string Apply(IndicatorIndex index, string pattern)
    {
        var indicator = Indicators.Make(pattern);
        Assert.NotEqual(IndicatorChange.Ignored, index.Apply(indicator));
        return Indicators.IdOf(indicator);
    }

    private static async Task<string> RunSuricataAsync(string suricata, string dir)
    {
        var pcap = Path.Combine(dir, "traffic.pcap");
        using (var writer = new PcapWriter(pcap, new DateTime(2024, 1, 15, 10, 0, 0, DateTimeKind.Utc)))
        {
            writer.Udp("10.0.0.5", 40000, "10.0.0.53", 53, PcapWriter.DnsQuery(0x1234, "evil.example"));
            writer.Udp("10.0.0.5", 40001, "10.0.0.53", 53, PcapWriter.DnsQuery(0x1235, "ok.example"));
            writer.TcpSession("10.0.0.5", 50000, "198.51.100.80", 80,
                Encoding.ASCII.GetBytes("GET /payload.bin HTTP/1.1\r\nHost: www.bad.example\r\nUser-Agent: test\r\n\r\n"),
                Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Type: text/plain\r\n\r\nhello"));
            writer.TcpSession("10.0.0.5", 50001, "198.51.100.81", 80,
                Encoding.ASCII.GetBytes("GET /index.html HTTP/1.1\r\nHost: good.example\r\n\r\n"),
                Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"));
            writer.TcpSession("10.0.0.5", 50002, "198.51.100.44", 443, PcapWriter.ClientHello("c2.example"), PcapWriter.ServerHandshake(),
                PcapWriter.ChangeCipherAndFinished());
            writer.TcpSession("10.0.0.5", 50003, "203.0.113.66", 4444, Encoding.ASCII.GetBytes("hello"));
        }

        var config = Path.Combine(dir, "suricata.yaml");
        await File.WriteAllTextAsync(config, Config);
        var rules = Path.Combine(dir, "empty.rules");
        await File.WriteAllTextAsync(rules, "");
        var output = Path.Combine(dir, "out");
        Directory.CreateDirectory(output);
        var start = new ProcessStartInfo(suricata)
        {
            ArgumentList = { "-c", config, "-r", pcap, "-l", output, "-k", "none", "--runmode", "single", "-S", rules },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"suricata exited {process.ExitCode}: {await stdout} {await stderr}");
        var eve = Path.Combine(output, "eve.json");
        Assert.True(File.Exists(eve), $"no eve.json: {await stderr}");
        return eve;
    }

    private static string? Which(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Append("/usr/bin").Append("/usr/sbin")
            .Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);
}
