using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace CyDef.Benchmarks.Federation;

/// <summary>A node process (<c>dotnet cydef.dll serve</c>) on a free 127.0.0.1 port, for the federation load tool.</summary>
internal sealed class BenchNode : IAsyncDisposable
{
    private const string Taxii = "application/taxii+json;version=2.1";
    private readonly List<string> _settings = [];
    private Process? _process;

    public BenchNode(string name, string organization, string folder)
    {
        Name = name;
        Organization = organization;
        Folder = folder;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            Address = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/");
        }

        Http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = Address, Timeout = TimeSpan.FromMinutes(5) };
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "admin-" + name);
    }

    public string Name { get; }

    public string Organization { get; }

    public string Folder { get; }

    public Uri Address { get; }

    public HttpClient Http { get; }

    public string ApiRoot => $"{Address}cydef/";

    /// <summary>Disposes the process and the HTTP client.</summary>
    public async ValueTask CloseAsync()
    {
        await DisposeAsync();
        Http.Dispose();
    }

    public void Set(params string[] settings) => _settings.AddRange(settings);

    /// <summary>The processor time the node's process has used so far.</summary>
    public TimeSpan ProcessorTime
    {
        get
        {
            if (_process is not { } process)
            {
                return TimeSpan.Zero;
            }

            process.Refresh();
            return process.HasExited ? TimeSpan.Zero : process.TotalProcessorTime;
        }
    }

    /// <summary>Starts the node's process.</summary>
    /// <param name="cli">The built command's dll.</param>
    /// <param name="pgo">Whether .NET's dynamic PGO runs (with <paramref name="lean"/> only; otherwise the runtime's default).</param>
    /// <param name="lean">
    /// Workstation GC with a 16 MB gen0 and the given PGO setting, so that 27 nodes share 2 cores; false runs the node
    /// with the runtime's defaults, as a user's <c>cydef serve</c> runs.
    /// </param>
    public void Start(string cli, bool pgo, bool lean = true)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])[cli, "serve", "--data", Folder, "--urls", Address.ToString().TrimEnd('/'), "--no-demo", "--Logging:LogLevel:Default=Error", .. _settings.Select(s => "--" + s)])
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["CYDEF_BOOTSTRAP_API_KEY"] = "admin-" + Name;
        if (lean)
        {
            start.Environment["DOTNET_gcServer"] = "0";
            start.Environment["DOTNET_GCgen0size"] = "0x1000000"; // 16 MB
            start.Environment["DOTNET_TieredPGO"] = pgo ? "1" : "0";
        }

        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { Length: > 0 } line)
            {
                Console.Error.WriteLine($"  [{Name}] {line}");
            }
        };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public async Task WaitHealthyAsync()
    {
        var deadline = DateTime.UtcNow.AddMinutes(5);
        while (DateTime.UtcNow < deadline)
        {
            if (_process is { HasExited: true })
            {
                throw new InvalidOperationException($"{Name} exited with {_process.ExitCode}");
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

            await Task.Delay(200);
        }

        throw new TimeoutException($"{Name} did not start");
    }

    public async Task PublishAsync(string envelope)
    {
        using var content = new StringContent(envelope, Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(Taxii);
        using var request = new HttpRequestMessage(HttpMethod.Post, "cydef/collections/default/objects/") { Content = content };
        request.Headers.Accept.ParseAdd(Taxii);
        using var response = await Http.SendAsync(request);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Every version's id and date_added (the manifest, as the administrator sees it).</summary>
    public async Task<Dictionary<string, DateTimeOffset>> ManifestAsync()
    {
        var added = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        string? next = null;
        do
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "cydef/collections/default/manifest/?match[version]=all&limit=1000" + (next is null ? "" : "&next=" + Uri.EscapeDataString(next)));
            request.Headers.Accept.ParseAdd(Taxii);
            using var response = await Http.SendAsync(request);
            response.EnsureSuccessStatusCode();
            using var page = JsonDocument.Parse(await response.Content.ReadAsStreamAsync());
            if (page.RootElement.TryGetProperty("objects", out var objects))
            {
                foreach (var item in objects.EnumerateArray())
                {
                    added[item.GetProperty("id").GetString()!] = item.GetProperty("date_added").GetDateTimeOffset();
                }
            }

            next = page.RootElement.TryGetProperty("more", out var more) && more.GetBoolean() ? page.RootElement.GetProperty("next").GetString() : null;
        }
        while (next is not null);
        return added;
    }

    /// <summary>Versions received from peers so far (GET /api/v1/peers).</summary>
    public async Task<long> ReceivedAsync()
    {
        using var document = JsonDocument.Parse(await Http.GetStringAsync("api/v1/peers"));
        return document.RootElement.EnumerateArray().Sum(p => p.GetProperty("state").GetProperty("received").GetInt64());
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        _process?.Dispose();
        _process = null;
    }
}
