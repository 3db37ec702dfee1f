using System.Security.Cryptography;

namespace CourseKit.Data;

/// <summary>
/// Fetches one file over HTTP into the cache, safely: the bytes go to a temporary <c>.part</c> file beside the
/// destination, the MD5 is computed on the way, and only a complete file with the right checksum is renamed into
/// place (a rename within one folder is atomic), so a half-downloaded file never counts as cached.
/// </summary>
internal static class Downloader
{
    private static readonly HttpClient Http = new(new SocketsHttpHandler
    {
        ConnectTimeout = TimeSpan.FromSeconds(15),
        AutomaticDecompression = System.Net.DecompressionMethods.None, // .gz files must arrive byte for byte
    })
    {
        Timeout = Timeout.InfiniteTimeSpan, // large files on slow lines are fine; a stalled one is caught by the idle timeout
    };

    /// <summary>Downloads <paramref name="url"/> to <paramref name="destination"/>.</summary>
    /// <exception cref="DownloadException">The server could not be reached, answered with an error, stalled, closed the
    /// connection early, or sent bytes whose MD5 is not the published one. Nothing is left behind.</exception>
    public static void Fetch(string url, string destination, string? md5, string label, DataLocations locations) =>
        Task.Run(() => FetchAsync(url, destination, md5, label, locations)).GetAwaiter().GetResult();

    private static async Task FetchAsync(string url, string destination, string? md5, string label, DataLocations locations)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        string part = $"{destination}.part-{Guid.NewGuid():N}";
        var progress = locations.Progress ?? new ConsoleProgress();
        try
        {
            using var idle = new CancellationTokenSource(locations.IdleTimeout);
            using var response = await Http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, idle.Token);
            if (!response.IsSuccessStatusCode)
                throw new DownloadException(url, $"the server answered {(int)response.StatusCode} {response.ReasonPhrase}");
            long? total = response.Content.Headers.ContentLength;
            long received = 0;
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
            await using (var body = await response.Content.ReadAsStreamAsync(idle.Token))
            await using (var file = new FileStream(part, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                var buffer = new byte[1 << 16];
                while (true)
                {
                    idle.CancelAfter(locations.IdleTimeout);
                    int n = await body.ReadAsync(buffer, idle.Token);
                    if (n == 0) break;
                    hash.AppendData(buffer, 0, n);
                    await file.WriteAsync(buffer.AsMemory(0, n), idle.Token);
                    received += n;
                    progress.Report(new DownloadProgress(label, received, total, false));
                }
            }
            if (total is long expected && received != expected)
                throw new DownloadException(url, $"the connection ended after {received:N0} of {expected:N0} bytes");
            string actual = Convert.ToHexString(hash.GetHashAndReset()).ToLowerInvariant();
            if (md5 is not null && actual != md5)
                throw new DownloadException(url, $"the file's MD5 is {actual}, but the published checksum is {md5}: the download is damaged or not the official file");
            progress.Report(new DownloadProgress(label, received, total, true));
            File.Move(part, destination, overwrite: true);
        }
        catch (OperationCanceledException)
        {
            throw new DownloadException(url, $"no data arrived for {locations.IdleTimeout.TotalSeconds:0.#} s (the server or the network stalled)");
        }
        catch (HttpRequestException e)
        {
            throw new DownloadException(url, Reason(e));
        }
        catch (IOException e) when (e is not DownloadException)
        {
            throw new DownloadException(url, $"the transfer failed: {Reason(e)}");
        }
        finally
        {
            if (File.Exists(part)) File.Delete(part);
        }
    }

    /// <summary>The exception's message, plus its cause's when that adds something.</summary>
    private static string Reason(Exception e) =>
        e.InnerException is { } inner && !e.Message.Contains(inner.Message, StringComparison.Ordinal) ? $"{e.Message} ({inner.Message})" : e.Message;
}

/// <summary>A download that did not produce a good file; the message names the URL and what went wrong.</summary>
internal sealed class DownloadException(string url, string reason) : IOException($"{url}: {reason}")
{
    public string Url { get; } = url;
    public string Reason { get; } = reason;
}
