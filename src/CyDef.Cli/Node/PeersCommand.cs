using System.CommandLine;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CyDef.Federation;
using CyDef.Server;

namespace CyDef.Cli.Node;

/// <summary>
/// <c>cydef peers [--url URL --key KEY] [--data DIR] [--json]</c>: the sync status of a node's peers — from the running
/// node's <c>GET /api/v1/peers</c> when a URL is given (lag and connection included), else from the cursor files in
/// its data folder.
/// </summary>
internal static class PeersCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Create()
    {
        var url = new Option<string>("--url") { Description = "A running node (http://host:port): ask it." };
        var key = new Option<string>("--key") { Description = "An administrator's API key of that node (default: $CYDEF_API_KEY)." };
        var data = NodeRunner.DataOption();
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table." };
        var command = new Command("peers", "Show the sync status of a node's peers: cursor, lag, last success, last error, versions received and sent.") { url, key, data, json };
        command.SetAction((parse, token) => RunAsync(parse.GetValue(url), parse.GetValue(key) ?? Environment.GetEnvironmentVariable("CYDEF_API_KEY"), parse.GetValue(data) ?? NodeOptions.DefaultDataFolder, parse.GetValue(json), parse.InvocationConfiguration, token));
        return command;
    }

    private static async Task<int> RunAsync(string? url, string? key, string folder, bool json, InvocationConfiguration console, CancellationToken cancellationToken)
    {
        IReadOnlyList<PeerStatus> peers;
        if (url is null)
        {
            peers = PeerStateFile.LoadAll(folder).Select(s => new PeerStatus(s.Name, s.Mode, "", false, null, null, s)).ToList();
        }
        else
        {
            try
            {
                using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(30) };
                http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key ?? "");
                using var response = await http.GetAsync(FederationPaths.Peers, cancellationToken);
                if (!response.IsSuccessStatusCode)
                {
                    console.Error.WriteLine($"cydef: {url}{FederationPaths.Peers}: {(int)response.StatusCode} {response.ReasonPhrase}");
                    return CommandLine.UsageOrIoError;
                }

                peers = await response.Content.ReadFromJsonAsync<List<PeerStatus>>(Json, cancellationToken) ?? [];
            }
            catch (Exception exception) when (exception is HttpRequestException or UriFormatException or JsonException or TaskCanceledException)
            {
                console.Error.WriteLine($"cydef: {exception.Message}");
                return CommandLine.UsageOrIoError;
            }
        }

        console.Output.WriteLine(json ? JsonSerializer.Serialize(peers, Json) : Table(peers));
        return CommandLine.Ok;
    }

    private static string Table(IReadOnlyList<PeerStatus> peers)
    {
        if (peers.Count == 0)
        {
            return "No peers.";
        }

        var rows = new List<string[]> { new[] { "PEER", "MODE", "NOTICES", "LAG", "RECEIVED", "DUPLICATES", "REFUSED", "LOOPED", "DELETED", "SENT", "LAST SUCCESS", "LAST ERROR" } };
        rows.AddRange(peers.Select(p => new[]
        {
            p.Name, p.Mode.ToString().ToLowerInvariant(), p.Mode == PeerMode.Pull && p.Url.Length > 0 ? (p.Connected ? "open" : "closed") : "-",
            p.LagSeconds is { } seconds ? string.Create(CultureInfo.InvariantCulture, $"{seconds:0.###} s") : p.LagVersions is { } versions ? $"{versions:N0} versions" : "-",
            Count(p.State.Received), Count(p.State.Duplicates), Count(p.State.Refused), Count(p.State.Looped), Count(p.State.Deleted), Count(p.State.Sent),
            p.State.LastSuccess?.ToString("u", CultureInfo.InvariantCulture) ?? "never", p.State.LastError ?? "",
        }));
        var widths = Enumerable.Range(0, rows[0].Length).Select(i => rows.Max(r => r[i].Length)).ToArray();
        return string.Join(Environment.NewLine, rows.Select(r => string.Join("  ", r.Select((c, i) => c.PadRight(widths[i]))).TrimEnd()));
    }

    private static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
