using System.Diagnostics;
using System.Text.RegularExpressions;
using CyDef.Sharing.Markings;

namespace CyDef.Detection.Tests.Node;

/// <summary>
/// <c>GET /api/v1/sensors/{sensor}/export</c>: through the caller's sharing policy, only currently valid indicators,
/// and files real Suricata loads (needs <c>suricata</c>: skipped without it, failing under CI=true).
/// </summary>
public sealed partial class SensorExportTests
{
    private const string Clear = "indicator--3c000000-0000-4000-8000-000000000001";
    private const string Classified = "indicator--3c000000-0000-4000-8000-000000000002";
    private const string Revoked = "indicator--3c000000-0000-4000-8000-000000000003";
    private const string Expired = "indicator--3c000000-0000-4000-8000-000000000004";
    private const string Several = "indicator--3c000000-0000-4000-8000-000000000005";
    private const string Compound = "indicator--3c000000-0000-4000-8000-000000000006";

    [Theory]
    [InlineData("suricata-rules", null)]
    [InlineData("suricata-dataset", "domain")]
    [InlineData("zeek-intel", null)]
    [InlineData("blocklist", null)]
    public async Task Export_UnclearedSensor_LacksTheClassifiedIndicator(string format, string? type)
    {
        await using var node = await StartAsync();
        var query = $"?format={format}" + (type is null ? "" : $"&type={type}");

        var cleared = await ExportAsync(node, "sensor", query);
        var uncleared = await ExportAsync(node, "sensor-uncleared", query);

        Assert.Contains(Encoded("public.example", format), cleared, StringComparison.Ordinal);
        Assert.Contains(Encoded("secret.example", format), cleared, StringComparison.Ordinal);
        Assert.Contains(Encoded("public.example", format), uncleared, StringComparison.Ordinal);
        Assert.DoesNotContain(Encoded("secret.example", format), uncleared, StringComparison.Ordinal);
        Assert.DoesNotContain(Classified, uncleared, StringComparison.Ordinal);
        Assert.DoesNotContain(Encoded("revoked.example", format), cleared, StringComparison.Ordinal);
        Assert.DoesNotContain(Encoded("expired.example", format), cleared, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("suricata-rules", null, true)]
    [InlineData("suricata-dataset", "domain", true)]
    [InlineData("zeek-intel", null, true)]
    [InlineData("blocklist", null, false)]
    public async Task Export_Pap_RedNeverAmberOnlyWhereUseIsPassive(string format, string? type, bool passive)
    {
        await using var node = await DetectionNode.StartAsync();
        var definitions = Enum.GetValues<PapLevel>().ToDictionary(level => level, level => CyDefMarkings.Definition(new HandlingMarking("", ClassificationLevel.Unclassified, Pap: level), DetectionNode.Organization));
        string Pap(PapLevel level) => definitions[level]["id"]!.GetString();
        await node.Follower.WaitForAsync(await node.PublishAsync([.. definitions.Values.Select(d => d.ToString()),
            DetectionNode.Indicator("indicator--3d000000-0000-4000-8000-000000000001", "[domain-name:value = 'clear.example']", marking: Pap(PapLevel.Clear)),
            DetectionNode.Indicator("indicator--3d000000-0000-4000-8000-000000000002", "[domain-name:value = 'green.example']", marking: Pap(PapLevel.Green)),
            DetectionNode.Indicator("indicator--3d000000-0000-4000-8000-000000000003", "[domain-name:value = 'amber.example']", marking: Pap(PapLevel.Amber)),
            DetectionNode.Indicator("indicator--3d000000-0000-4000-8000-000000000004", "[domain-name:value = 'red.example']", marking: Pap(PapLevel.Red)),
            DetectionNode.Indicator("indicator--3d000000-0000-4000-8000-000000000005", "[domain-name:value = 'red-pattern.example']", marking: Pap(PapLevel.Green),
                extra: $",\"granular_markings\":[{{\"marking_ref\":\"{Pap(PapLevel.Red)}\",\"selectors\":[\"pattern\"]}}]"),
            DetectionNode.Indicator("indicator--3d000000-0000-4000-8000-000000000006", "[domain-name:value = 'red-name.example']",
                extra: $",\"granular_markings\":[{{\"marking_ref\":\"{Pap(PapLevel.Red)}\",\"selectors\":[\"name\"]}}]")]));

        var export = await ExportAsync(node, "sensor", $"?format={format}" + (type is null ? "" : $"&type={type}"));

        Assert.Contains(Encoded("clear.example", format), export, StringComparison.Ordinal);
        Assert.Contains(Encoded("green.example", format), export, StringComparison.Ordinal);
        Assert.Contains(Encoded("red-name.example", format), export, StringComparison.Ordinal);
        Assert.Equal(passive, export.Contains(Encoded("amber.example", format), StringComparison.Ordinal));
        Assert.DoesNotContain(Encoded("red.example", format), export, StringComparison.Ordinal);
        Assert.DoesNotContain(Encoded("red-pattern.example", format), export, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_ZeekIntel_OneLinePerValueWithItsIntelType()
    {
        await using var node = await StartAsync();

        var intel = (await ExportAsync(node, "sensor", "?format=zeek-intel")).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("#fields\tindicator\tindicator_type\tmeta.source\tmeta.desc", intel[0]);
        Assert.Contains($"198.51.100.7\tIntel::ADDR\tCyDef {Several}\ttest 0005", intel);
        Assert.Contains($"203.0.113.0/24\tIntel::SUBNET\tCyDef {Several}\ttest 0005", intel);
        Assert.Contains($"bad.example/x?y=1\tIntel::URL\tCyDef {Several}\ttest 0005", intel);
        Assert.Contains($"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\tIntel::FILE_HASH\tCyDef {Several}\ttest 0005", intel);
        Assert.Contains($"mallory@evil.example\tIntel::EMAIL\tCyDef {Several}\ttest 0005", intel);
        Assert.All(intel.Skip(1), l => Assert.Equal(4, l.Split('\t').Length));
        Assert.DoesNotContain(intel, l => l.Contains(Compound, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("?format=blocklist&type=ipv4", "198.51.100.7\n203.0.113.0/24\n")]
    [InlineData("?format=blocklist&type=sha256", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n")]
    [InlineData("?format=suricata-dataset&type=ipv4", "198.51.100.7\n")]
    [InlineData("?format=suricata-dataset&type=url", "aHR0cDovL2JhZC5leGFtcGxlL3g/eT0x\naHR0cDovL3guZXhhbXBsZTo4MDgwL2EiYnxjO2TDqQ==\n")]
    public async Task Export_ByType_OnlyThatType(string query, string expected)
    {
        await using var node = await StartAsync();

        Assert.Equal(expected, await ExportAsync(node, "sensor-uncleared", query));
    }

    [Theory]
    [InlineData("", "Unknown format")]
    [InlineData("?format=snort", "Unknown format")]
    [InlineData("?format=blocklist&type=mac", "Unknown type")]
    [InlineData("?format=suricata-dataset", "Unsupported type")]
    [InlineData("?format=suricata-dataset&type=sha1", "Unsupported type")]
    public async Task Export_BadQuery_400ProblemDetails(string query, string title)
    {
        await using var node = await DetectionNode.StartAsync();

        using var response = await node.Client("sensor").GetAsync($"/api/v1/sensors/ids-1/export{query}");

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(title, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Export_SuricataRulesAndDatasets_LoadInSuricataWithoutErrors()
    {
        var suricata = Environment.GetEnvironmentVariable("PATH")!.Split(':').Select(p => Path.Combine(p, "suricata")).FirstOrDefault(File.Exists);
        if (suricata is null)
        {
            Assert.False(Environment.GetEnvironmentVariable("CI") == "true", "suricata is not installed (./test.sh installs it as root)");
            Skip.If(true, "suricata is not installed");
        }

        await using var node = await StartAsync();
        var dir = Directory.CreateTempSubdirectory("cydef-export-").FullName;
        try
        {
            var rules = await ExportAsync(node, "sensor", "?format=suricata-rules");
            var expected = rules.Split('\n').Count(l => l.StartsWith("alert ", StringComparison.Ordinal));
            var datasets = new List<string>();
            foreach (var (type, suricataType, buffer) in new[] { ("domain", "string", "dns.query;"), ("url", "string", "http.uri.raw;"), ("ipv4", "ipv4", "ip.dst;"), ("sha256", "sha256", "file.data; to_sha256;"), ("md5", "md5", "file.data; to_md5;") })
            {
                var file = Path.Combine(dir, type + ".lst");
                await File.WriteAllTextAsync(file, await ExportAsync(node, "sensor", $"?format=suricata-dataset&type={type}"));
                datasets.Add($"alert {(type is "domain" ? "dns" : type is "ipv4" ? "ip" : "http")} any any -> any any (msg:\"dataset {type}\"; {buffer} dataset:isset,cydef-{type},type {suricataType},load {file}; sid:{datasets.Count + 1}; rev:1;)");
            }

            await File.WriteAllTextAsync(Path.Combine(dir, "cydef.rules"), rules + string.Join('\n', datasets) + "\n");
            await File.WriteAllTextAsync(Path.Combine(dir, "suricata.yaml"), "%YAML 1.1\n---\nvars:\n  address-groups:\n    HOME_NET: \"[10.0.0.0/8]\"\n    EXTERNAL_NET: \"!$HOME_NET\"\n  port-groups:\n    HTTP_PORTS: \"80\"\n");

            var (code, log) = await RunAsync(suricata!, $"-T --init-errors-fatal -c {dir}/suricata.yaml -S {dir}/cydef.rules -l {dir}");

            Assert.True(code == 0, log);
            var loaded = RulesLoaded().Match(log);
            Assert.True(loaded.Success, log);
            Assert.Equal(expected + datasets.Count, int.Parse(loaded.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal("0", loaded.Groups[2].Value);
            Assert.True(expected >= 8, rules);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static async Task<DetectionNode> StartAsync()
    {
        var node = await DetectionNode.StartAsync();
        var past = "2026-01-02T00:00:00Z";
        await node.Follower.WaitForAsync(await node.PublishAsync(DetectionNode.SecretDefinition,
            DetectionNode.Indicator(Clear, "[domain-name:value = 'public.example']"),
            DetectionNode.Indicator(Classified, "[domain-name:value = 'secret.example']", marking: DetectionNode.Secret),
            DetectionNode.Indicator(Revoked, "[domain-name:value = 'revoked.example']", extra: ",\"revoked\":true"),
            DetectionNode.Indicator(Expired, "[domain-name:value = 'expired.example']", extra: $",\"valid_until\":\"{past}\""),
            DetectionNode.Indicator(Several, "[ipv4-addr:value = '198.51.100.7' OR ipv4-addr:value = '203.0.113.0/24' OR url:value = 'http://bad.example/x?y=1' OR "
                + "file:hashes.'SHA-256' = 'E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855' OR file:hashes.MD5 = 'd41d8cd98f00b204e9800998ecf8427e' "
                + "OR email-addr:value = 'mallory@evil.example' OR ipv6-addr:value = '2001:db8::1' OR url:value = 'http://x.example:8080/a\"b|c;d\u00e9' OR domain-name:value = 'odd;\\\\'name.example']"),
            DetectionNode.Indicator(Compound, "[domain-name:value = 'a.example'] FOLLOWEDBY [domain-name:value = 'b.example']")));
        return node;
    }

    private static async Task<string> ExportAsync(DetectionNode node, string key, string query)
    {
        using var response = await node.Client(key).GetAsync($"/api/v1/sensors/ids-1/export{query}");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return text;
    }

    private static string Encoded(string value, string format) =>
        format == "suricata-dataset" ? Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(value)) : value;

    private static async Task<(int Code, string Log)> RunAsync(string file, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }

    [GeneratedRegex(@"(\d+) rules successfully loaded, (\d+) rules failed")]
    private static partial Regex RulesLoaded();
}
