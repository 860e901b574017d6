using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;

namespace Monitoring.Api.Tests.Infrastructure;

/// <summary>
/// The API's build output run as a process of its own, as an operator runs it (environment variables, a free port of
/// its own), for the tests that need what an in-memory host cannot give: several nodes on one database, a process killed
/// without any shutdown (SIGKILL), the pages in a real browser. Its output is kept for a failing test's message.
/// </summary>
public sealed class ApiProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _log = [];

    public string BaseUrl { get; }
    public bool HasExited => _process.HasExited;

    private ApiProcess(Process process, string baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
    }

    /// <summary>
    /// Starts <paramref name="dll"/> (Monitoring.Api.dll) on a free local port with <paramref name="environment"/> added to
    /// this process's; <paramref name="onLine"/> sees every line it writes.
    /// </summary>
    public static ApiProcess Start(string dll, IReadOnlyDictionary<string, string> environment, Action<string>? onLine = null)
    {
        if (!File.Exists(dll)) throw new InvalidOperationException($"{dll} is missing: build the solution first");
        var baseUrl = $"http://127.0.0.1:{FreePort()}";
        var info = new ProcessStartInfo("dotnet", [dll, "--urls", baseUrl])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        foreach (var (key, value) in environment) info.Environment[key] = value;
        var api = new ApiProcess(Process.Start(info) ?? throw new InvalidOperationException("the API did not start"), baseUrl);
        void Line(string? line)
        {
            if (line is null) return;
            lock (api._log) api._log.Add(line);
            onLine?.Invoke(line);
        }
        api._process.OutputDataReceived += (_, e) => Line(e.Data);
        api._process.ErrorDataReceived += (_, e) => Line(e.Data);
        api._process.BeginOutputReadLine();
        api._process.BeginErrorReadLine();
        return api;
    }

    /// <summary>Polls <c>/health</c> until the API answers 200, or fails with its log when it exits or the time is up.</summary>
    public async Task WaitHealthyAsync(TimeSpan timeout)
    {
        using var client = new HttpClient { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(10) };
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            if (_process.HasExited) throw new InvalidOperationException($"the API exited while starting:\n{Log()}");
            try
            {
                if ((await client.GetAsync("/health")).IsSuccessStatusCode) return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"the API did not answer /health within {timeout.TotalSeconds:N0} s:\n{Log()}");
    }

    /// <summary>A client of this node, with a bearer token when one is given.</summary>
    public HttpClient Client(string? token = null, TimeSpan? timeout = null)
    {
        var client = new HttpClient { BaseAddress = new Uri(BaseUrl), Timeout = timeout ?? TimeSpan.FromMinutes(5) };
        if (token is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>SIGKILL: the process ends at once, with no shutdown of any kind (no hosted service stops, no lock is released by it).</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>
    /// SIGTERM, as an orchestrator stops a node: the host shuts down normally. Returns the process's exit code once it has
    /// exited (killed if it is still there after <paramref name="timeout"/>).
    /// </summary>
    public async Task<int> StopAsync(TimeSpan timeout)
    {
        if (!_process.HasExited)
        {
            using var term = Process.Start("kill", ["-TERM", _process.Id.ToString()]);
            await term.WaitForExitAsync();
        }
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            await KillAsync();
            throw new TimeoutException($"the API did not stop within {timeout.TotalSeconds:N0} s of SIGTERM:\n{Log()}");
        }
        return _process.ExitCode;
    }

    /// <summary>The last lines the API wrote.</summary>
    public string Log(int lines = 80)
    {
        lock (_log) return string.Join('\n', _log.TakeLast(lines));
    }

    /// <summary>Lines the API wrote so far that satisfy <paramref name="match"/>.</summary>
    public IReadOnlyList<string> Lines(Func<string, bool> match)
    {
        lock (_log) return _log.Where(match).ToList();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
