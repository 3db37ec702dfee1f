using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CourseKit.Tests.Data.Sources;

/// <summary>How the test server misbehaves.</summary>
public enum ServerBehaviour
{
    /// <summary>Serves files as they are.</summary>
    Normal,
    /// <summary>Sends the headers and a first block, then goes silent (a stalled server).</summary>
    Stall,
    /// <summary>Promises the whole file in Content-Length, sends half, and closes the connection.</summary>
    DropHalfway,
    /// <summary>Serves the right number of bytes with some of them changed.</summary>
    WrongBytes,
    /// <summary>Sends the file slowly, in small blocks with pauses, but completely.</summary>
    Slow,
    /// <summary>Sends the file without a Content-Length header: the end of the connection is the end of the file.</summary>
    NoLength,
    /// <summary>Sends the file without a Content-Length header, then filler bytes for as long as the client reads (up to
    /// 200 MB): a server that never stops.</summary>
    Endless,
    /// <summary>Answers every request with 200 OK and an HTML page (a login or "moved" page) instead of the file.</summary>
    WebPage,
}

/// <summary>
/// A tiny HTTP/1.1 server on 127.0.0.1 (a free port) that serves files from a folder, for testing downloads without
/// the internet. Each response closes its connection. Paths that are not files get 404.
/// </summary>
public sealed class LocalHttpServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly string _root;
    private readonly CancellationTokenSource _stop = new();
    private int _requests;

    public LocalHttpServer(string root, ServerBehaviour behaviour = ServerBehaviour.Normal)
    {
        _root = root;
        Behaviour = behaviour;
        _listener.Start();
        _ = Task.Run(AcceptLoop);
    }

    public ServerBehaviour Behaviour { get; set; }

    /// <summary>The base URL, ending in "/".</summary>
    public string Url => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/";

    /// <summary>The page <see cref="ServerBehaviour.WebPage"/> serves.</summary>
    public const string WebPageText = "<!DOCTYPE html>\n<html><head><title>Sign in</title></head><body>Please sign in, to continue.</body></html>\n";

    /// <summary>How many bytes of response bodies have been sent.</summary>
    public long BytesSent => Interlocked.Read(ref _bytesSent);

    private long _bytesSent;

    /// <summary>How many requests have arrived.</summary>
    public int Requests => Volatile.Read(ref _requests);

    private async Task AcceptLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (Exception) { return; }
            _ = Task.Run(() => Serve(client));
        }
    }

    private async Task Serve(TcpClient client)
    {
        using var _ = client;
        try
        {
            var stream = client.GetStream();
            string path = await ReadRequestPath(stream);
            Interlocked.Increment(ref _requests);
            string file = Path.Combine(_root, Uri.UnescapeDataString(path.TrimStart('/')));
            if (Behaviour == ServerBehaviour.WebPage)
            {
                byte[] page = Encoding.UTF8.GetBytes(WebPageText);
                await Write(stream, $"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {page.Length}\r\nConnection: close\r\n\r\n");
                await stream.WriteAsync(page);
                return;
            }
            if (!File.Exists(file))
            {
                await Write(stream, "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                return;
            }
            byte[] body = await File.ReadAllBytesAsync(file);
            if (Behaviour == ServerBehaviour.WrongBytes)
                for (int i = body.Length / 3; i < body.Length; i += 997) body[i] ^= 0x5A;
            string length = Behaviour is ServerBehaviour.NoLength or ServerBehaviour.Endless ? "" : $"Content-Length: {body.Length}\r\n";
            await Write(stream, $"HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n{length}Connection: close\r\n\r\n");
            switch (Behaviour)
            {
                case ServerBehaviour.Stall:
                    await stream.WriteAsync(body.AsMemory(0, Math.Min(1024, body.Length)));
                    await Task.Delay(Timeout.Infinite, _stop.Token);
                    break;
                case ServerBehaviour.DropHalfway:
                    await stream.WriteAsync(body.AsMemory(0, body.Length / 2));
                    client.Client.LingerState = new LingerOption(true, 0); // an abrupt close, as a failing network would
                    break;
                case ServerBehaviour.Endless:
                    await stream.WriteAsync(body);
                    var filler = new byte[1 << 16];
                    for (long sent = body.Length; sent < 200_000_000 && !_stop.IsCancellationRequested; sent += filler.Length)
                    {
                        await stream.WriteAsync(filler);
                        Interlocked.Add(ref _bytesSent, filler.Length);
                    }
                    break;
                case ServerBehaviour.Slow:
                    for (int at = 0; at < body.Length; at += 4096)
                    {
                        await stream.WriteAsync(body.AsMemory(at, Math.Min(4096, body.Length - at)));
                        await Task.Delay(5);
                    }
                    break;
                default:
                    await stream.WriteAsync(body);
                    break;
            }
        }
        catch (Exception) { /* the client went away: nothing to do */ }
    }

    private static async Task<string> ReadRequestPath(NetworkStream stream)
    {
        var header = new StringBuilder();
        var buffer = new byte[1];
        while (!header.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal) && await stream.ReadAsync(buffer) == 1)
            header.Append((char)buffer[0]);
        var requestLine = header.ToString().Split("\r\n")[0].Split(' ');
        return requestLine.Length >= 2 ? requestLine[1] : "/";
    }

    private static Task Write(NetworkStream stream, string text) => stream.WriteAsync(Encoding.ASCII.GetBytes(text)).AsTask();

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
    }
}
