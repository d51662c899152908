using System.CommandLine;
using System.Net.Http.Headers;
using System.Text.Json;
using CyDef.Server.Detection;

namespace CyDef.Cli.Detection;

/// <summary>
/// <c>cydef sensor-export --sensor NAME --format F [--type T] [--url URL] [--key KEY] [-o FILE]</c>: fetches a sensor's
/// export from a running node (<c>GET /api/v1/sensors/{sensor}/export</c>), which answers through the key's sharing
/// policy, and writes it to standard output or FILE. Exit 0: written; 2: usage, HTTP or I/O error (the node's problem
/// details on standard error).
/// </summary>
internal static class SensorExportCommand
{
    public static Command Create()
    {
        var sensor = new Option<string>("--sensor") { Description = "The sensor's name.", Required = true };
        var format = new Option<string>("--format") { Description = "suricata-rules, suricata-dataset, zeek-intel or blocklist.", Required = true };
        var type = new Option<string>("--type") { Description = "Only values of one type: ipv4, ipv6, domain, url, email, md5, sha1, sha256 (required for a dataset)." };
        var url = new Option<string>("--url") { Description = "The node (default http://127.0.0.1:5080).", DefaultValueFactory = _ => Server.NodeOptions.DefaultUrls };
        var key = new Option<string>("--key") { Description = "The sensor's API key (default: $CYDEF_API_KEY)." };
        var output = new Option<string>("--output", "-o") { Description = "Write to FILE instead of standard output." };
        var command = new Command("sensor-export", "Fetch the indicators a sensor may load from a running node, as Suricata rules or a dataset, a Zeek intel file or a blocklist.")
        {
            sensor, format, type, url, key, output,
        };
        command.SetAction((parse, token) => RunAsync(parse.GetValue(url)!, parse.GetValue(key) ?? Environment.GetEnvironmentVariable("CYDEF_API_KEY"),
            parse.GetValue(sensor)!, parse.GetValue(format)!, parse.GetValue(type), parse.GetValue(output), parse.InvocationConfiguration, token));
        return command;
    }

    private static async Task<int> RunAsync(string url, string? key, string sensor, string format, string? type, string? output, InvocationConfiguration console, CancellationToken cancellationToken)
    {
        var path = DetectionApi.ExportPath.Replace("{sensor}", Uri.EscapeDataString(sensor), StringComparison.Ordinal)
            + "?format=" + Uri.EscapeDataString(format) + (type is null ? "" : "&type=" + Uri.EscapeDataString(type));
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = Timeout.InfiniteTimeSpan };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key ?? "");
            using var response = await http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                console.Error.WriteLine($"cydef: {url.TrimEnd('/')}{path}: {(int)response.StatusCode} {await DetailAsync(response, cancellationToken)}");
                return CommandLine.UsageOrIoError;
            }

            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            if (output is null)
            {
                await using var stdout = Console.OpenStandardOutput();
                await body.CopyToAsync(stdout, cancellationToken);
            }
            else
            {
                await using var file = File.Create(output);
                await body.CopyToAsync(file, cancellationToken);
            }

            return CommandLine.Ok;
        }
        catch (Exception exception) when (exception is HttpRequestException or UriFormatException or IOException or UnauthorizedAccessException)
        {
            console.Error.WriteLine($"cydef: {exception.Message}");
            return CommandLine.UsageOrIoError;
        }
    }

    private static async Task<string> DetailAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            using var problem = JsonDocument.Parse(text);
            return problem.RootElement.TryGetProperty("detail", out var detail) ? detail.GetString() ?? "" : response.ReasonPhrase ?? "";
        }
        catch (JsonException)
        {
            return response.ReasonPhrase ?? "";
        }
    }
}
