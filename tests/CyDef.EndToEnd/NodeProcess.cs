using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using CyDef.Tests;

namespace CyDef.EndToEnd;

/// <summary>
/// A CyDef node as a real process: <c>dotnet cydef.dll serve</c> on its own free 127.0.0.1 port and data folder,
/// with its settings on the command line. It can be killed with SIGKILL and started again on the same port and folder.
/// </summary>
internal sealed class NodeProcess : IAsyncDisposable
{
    private readonly List<string> _settings;
    private readonly StringBuilder _log = new();
    private Process? _process;

    public NodeProcess(string name, string organization, string root)
    {
        Name = name;
        Organization = organization;
        Folder = Path.Combine(root, name);
        Port = FreePort();
        Address = new Uri($"http://127.0.0.1:{Port}/");
        AdminKey = "admin-" + name;
        _settings = [];
        Http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(60) };
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
    }

    public string Name { get; }

    public string Organization { get; }

    public string Folder { get; }

    public int Port { get; }

    public Uri Address { get; }

    public string AdminKey { get; }

    public HttpClient Http { get; }

    public string ApiRoot => $"{Address}cydef/";

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>Adds settings (<c>CyDef:…=value</c>) for the next start.</summary>
    public void Set(params string[] settings) => _settings.AddRange(settings);

    public static string Cli { get; } = FindCli();

    public void Start()
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])[Cli, "serve", "--data", Folder, "--urls", Address.ToString().TrimEnd('/'), "--no-demo", "--Logging:LogLevel:Default=Warning", .. _settings.Select(s => "--" + s)])
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["CYDEF_BOOTSTRAP_API_KEY"] = AdminKey;
        start.Environment["DOTNET_gcServer"] = "0";
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public async Task WaitHealthyAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (_process is { HasExited: true })
            {
                throw new InvalidOperationException($"{Name} exited ({_process.ExitCode}):\n{Log}");
            }

            try
            {
                using var response = await Http.GetAsync("health");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{Name} did not become healthy:\n{Log}");
    }

    /// <summary>SIGKILL: no shutdown, no flush.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    public async Task PublishAsync(IReadOnlyList<string> objects)
    {
        using var content = new StringContent("{\"objects\":[" + string.Join(',', objects) + "]}", Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/taxii+json;version=2.1");
        using var request = new HttpRequestMessage(HttpMethod.Post, "cydef/collections/default/objects/") { Content = content };
        request.Headers.Accept.ParseAdd("application/taxii+json;version=2.1");
        using var response = await Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, body);

        // The node signs each version it stores; a large envelope on a busy machine may still be pending: poll its status (TAXII 2.1 §4.3).
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (StatusOf(body) is ("pending", var id) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
            using var poll = new HttpRequestMessage(HttpMethod.Get, $"cydef/status/{id}/");
            poll.Headers.Accept.ParseAdd("application/taxii+json;version=2.1");
            using var polled = await Http.SendAsync(poll);
            body = await polled.Content.ReadAsStringAsync();
            Assert.True(polled.IsSuccessStatusCode, body);
        }

        using var status = JsonDocument.Parse(body);
        Assert.True(status.RootElement.GetProperty("success_count").GetInt32() == objects.Count, body);
    }

    private static (string? Status, string? Id) StatusOf(string body)
    {
        using var status = JsonDocument.Parse(body);
        return (status.RootElement.GetProperty("status").GetString(), status.RootElement.GetProperty("id").GetString());
    }

    /// <summary>Every stored version (as the administrator sees it), page by page.</summary>
    public async Task<List<JsonElement>> AllVersionsAsync()
    {
        var all = new List<JsonElement>();
        string? next = null;
        do
        {
            var url = "cydef/collections/default/objects/?match[version]=all&limit=1000" + (next is null ? "" : "&next=" + Uri.EscapeDataString(next));
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Accept.ParseAdd("application/taxii+json;version=2.1");
            using var response = await Http.SendAsync(request);
            response.EnsureSuccessStatusCode();
            using var page = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            all.AddRange(page.RootElement.TryGetProperty("objects", out var objects) ? objects.EnumerateArray().Select(o => o.Clone()) : []);
            next = page.RootElement.TryGetProperty("more", out var more) && more.GetBoolean() && page.RootElement.TryGetProperty("next", out var token) ? token.GetString() : null;
        }
        while (next is not null);
        return all;
    }

    /// <summary>The node's peers' status (GET /api/v1/peers).</summary>
    public async Task<JsonElement> PeersAsync()
    {
        using var document = JsonDocument.Parse(await Http.GetStringAsync("api/v1/peers"));
        return document.RootElement.Clone();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
        Http.Dispose();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_log)
            {
                _log.AppendLine(line);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    // The command built beside these tests, in the same configuration (the project builds it first).
    private static string FindCli()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";
        var path = RepositoryFiles.Path("src", "CyDef.Cli", "bin", configuration, "net10.0", "cydef.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"Build src/CyDef.Cli ({configuration}) first: {path} is missing.");
    }
}
