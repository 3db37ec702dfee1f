using System.Security.Cryptography;

namespace CourseKit.Data;

/// <summary>
/// Fetches one file over HTTP into the cache, safely: the bytes go to a partial file beside the destination (named for
/// this process, see <see cref="PartialFiles"/>), their size, SHA-256 and MD5 are computed on the way, and only a file
/// that matches everything CourseKit knows about the official one (<see cref="DataFile"/>) is renamed into place (a
/// rename within one folder is atomic) and recorded as CourseKit's own (<see cref="DownloadRecord"/>). A download
/// that was cut short, damaged, or replaced by a web page never counts as cached.
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

    /// <summary>Downloads <paramref name="url"/>, verifies it against <paramref name="file"/>, and puts it at
    /// <paramref name="destination"/> (replacing what is there only once the new copy has passed every check).</summary>
    /// <exception cref="DownloadException">The server could not be reached, answered with an error or a web page,
    /// stalled, closed the connection early, or sent bytes that are not the official file. Nothing is left behind.</exception>
    public static void Fetch(string url, string destination, DataFile file, string label, DataLocations locations) =>
        Task.Run(() => FetchAsync(url, destination, file, label, locations)).GetAwaiter().GetResult();

    private static async Task FetchAsync(string url, string destination, DataFile file, string label, DataLocations locations)
    {
        if (!file.HasChecksum)
            throw new DownloadException(url, "CourseKit knows no checksum for this file, so it could not verify a download of it");
        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        string part = PartialFiles.For(destination);
        var progress = locations.Progress ?? new ConsoleProgress();
        try
        {
            using var idle = new CancellationTokenSource(locations.IdleTimeout);
            using var response = await Http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, idle.Token);
            if (!response.IsSuccessStatusCode)
                throw new DownloadException(url, $"the server answered {(int)response.StatusCode} {response.ReasonPhrase}");
            bool servedAsPage = response.Content.Headers.ContentType?.MediaType is "text/html" or "application/xhtml+xml";
            long? total = response.Content.Headers.ContentLength;
            if (total > file.Size)
                throw new DownloadException(url, $"the server offers {FormatText.Plural(total.Value, "byte")}, but the official file has " +
                                                 $"{FormatText.Count(file.Size!.Value)}: it is not the official file, so nothing was downloaded");
            var arrived = await Receive(response, part, label, total, file.Size, progress, idle, locations.IdleTimeout)
                          ?? throw new DownloadException(url, $"the server sent more than the {FormatText.Count(file.Size!.Value)} bytes of the " +
                                                              "official file, so the download was stopped and nothing was kept");
            if (total is long expected && arrived.Size != expected)
                throw new DownloadException(url, $"the connection ended after {arrived.Size:N0} of {expected:N0} bytes");
            if (WebPage.StartsLikeOne(arrived.Opening)) throw WebPageInstead(url);
            var differences = Differences(file, part, arrived);
            if (differences.Count > 0) throw servedAsPage ? WebPageInstead(url) : NotTheOfficialFile(url, file, arrived.Size, differences);
            progress.Report(new DownloadProgress(label, arrived.Size, total, true));
            File.Move(part, destination, overwrite: true);
            DownloadRecord.Write(destination, url, arrived.Size, arrived.Sha256);
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

    /// <summary>What arrived: its size, its first bytes (to recognise a web page) and its checksums.</summary>
    private sealed record Arrival(long Size, byte[] Opening, string Sha256, string Md5);

    /// <summary>Writes the body to <paramref name="part"/>, hashing it and reporting progress on the way; a body that
    /// sends nothing for <paramref name="idleTimeout"/> is abandoned (the token is cancelled), and one that goes on past
    /// <paramref name="limit"/> bytes (the official size) is stopped there, so an endless answer never fills the disk:
    /// then the result is null.</summary>
    private static async Task<Arrival?> Receive(HttpResponseMessage response, string part, string label, long? total, long? limit,
                                                IProgress<DownloadProgress> progress, CancellationTokenSource idle, TimeSpan idleTimeout)
    {
        long received = 0;
        var opening = new byte[256];
        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        await using var body = await response.Content.ReadAsStreamAsync(idle.Token);
        await using var output = new FileStream(part, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        var buffer = new byte[1 << 16];
        while (true)
        {
            idle.CancelAfter(idleTimeout);
            int n = await body.ReadAsync(buffer, idle.Token);
            if (n == 0) break;
            if (received + n > limit) return null;
            if (received < opening.Length) buffer.AsSpan(0, (int)Math.Min(n, opening.Length - received)).CopyTo(opening.AsSpan((int)received));
            sha256.AppendData(buffer, 0, n);
            md5.AppendData(buffer, 0, n);
            await output.WriteAsync(buffer.AsMemory(0, n), idle.Token);
            received += n;
            progress.Report(new DownloadProgress(label, received, total, false));
        }
        return new Arrival(received, opening[..(int)Math.Min(received, opening.Length)], Hex(sha256), Hex(md5));
    }

    /// <summary>How a downloaded file differs from what is known of the official one (nothing when it matches).</summary>
    private static List<string> Differences(DataFile file, string part, Arrival arrived)
    {
        var differences = new List<string>();
        if (file.Size is long officialSize && arrived.Size != officialSize)
            differences.Add($"it has {FormatText.Plural(arrived.Size, "byte")}, not the {FormatText.Count(officialSize)} bytes of the official file");
        if (file.Sha256 is string officialSha && officialSha != arrived.Sha256)
            differences.Add($"its SHA-256 is {arrived.Sha256}, not the official {officialSha}");
        if (file.Md5 is string published && published != arrived.Md5)
            differences.Add($"its MD5 is {arrived.Md5}, but the published checksum is {published}");
        if (differences.Count > 0 || file.UnpackedSha256 is null) return differences;
        var (unpackedSize, unpackedSha) = Unpacked(part);
        if (unpackedSha != file.UnpackedSha256 || unpackedSize != file.UnpackedSize)
            differences.Add($"its decompressed content ({FormatText.Plural(unpackedSize, "byte")}, SHA-256 {unpackedSha}) is not the official " +
                            $"{FormatText.Plural(file.UnpackedSize ?? 0, "byte")} with SHA-256 {file.UnpackedSha256}");
        return differences;
    }

    private static DownloadException NotTheOfficialFile(string url, DataFile file, long size, List<string> differences)
    {
        string why = size < file.Size ? "the download was cut short" : "the download is damaged or is not the official file";
        return new(url, $"{string.Join("; ", differences)}: {why}, so it was not kept");
    }

    /// <summary>The size and SHA-256 of a gzip file's decompressed content (size −1 when it is not valid gzip).</summary>
    private static (long Size, string Sha256) Unpacked(string gzipFile)
    {
        using var input = new System.IO.Compression.GZipStream(File.OpenRead(gzipFile), System.IO.Compression.CompressionMode.Decompress);
        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 16];
        long size = 0;
        try
        {
            for (int n; (n = input.Read(buffer)) > 0; size += n) sha256.AppendData(buffer, 0, n);
        }
        catch (InvalidDataException)
        {
            return (-1, "none (it is not a valid gzip file)");
        }
        return (size, Hex(sha256));
    }

    private static string Hex(IncrementalHash hash) => Convert.ToHexString(hash.GetHashAndReset()).ToLowerInvariant();

    private static DownloadException WebPageInstead(string url) =>
        new(url, "the server returned a web page (HTML) instead of the file — the address may have moved, or the site may " +
                 "want a login; open it in a browser to see. Nothing was kept");

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
