using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using CourseKit.Data;

namespace CourseKit.Tests.Data.Sources;

/// <summary>
/// Where datasets come from: the search order (explicit folder, offline mirror, cache, system folders, download), the
/// download's safety (checksum, atomic move, idle timeout) and the messages when things go wrong. A small made-up
/// dataset "toy" with two text files keeps these tests independent of the real formats; the HTTP server is local.
/// </summary>
public class DatasetFinderTests : IDisposable
{
    private const string A = "alpha\n", B = "beta\n";

    private readonly TempFolder _mirror = new(), _cache = new(), _system = new(), _served = new();
    private readonly List<DownloadProgress> _progress = [];

    public DatasetFinderTests()
    {
        _served.Write("toy/a.txt", A);
        _served.Write("toy/b.txt", B);
    }

    private static string Md5(string text) => Convert.ToHexString(MD5.HashData(Encoding.UTF8.GetBytes(text))).ToLowerInvariant();

    private static string Sha256(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text))).ToLowerInvariant();

    private DatasetSpec Spec(params string[] urls) => new("toy", "Toy", "Toy", [new("a.txt", Md5: Md5(A)), new("b.txt", Sha256: Sha256(B))], urls,
                                                          [Path.Combine(_system.Path, "toy")]);

    /// <summary>The cached data files, without CourseKit's notes of what it downloaded.</summary>
    private IReadOnlyList<string> CachedDataFiles() => _cache.Files().Where(f => !Path.GetFileName(f).StartsWith('.')).ToList();

    private DataLocations Locations(bool mirror = true, bool download = true, double idleSeconds = 5, string? downloadMirror = null) => new()
    {
        MirrorFolder = mirror ? _mirror.Path : null,
        CacheFolder = _cache.Path,
        AllowDownload = download,
        DownloadMirror = downloadMirror,
        IdleTimeout = TimeSpan.FromSeconds(idleSeconds),
        Progress = new Progress(_progress),
    };

    private sealed class Progress(List<DownloadProgress> sink) : IProgress<DownloadProgress>
    {
        public void Report(DownloadProgress value) { lock (sink) sink.Add(value); }
    }

    /// <summary>Reads both files; a file starting with "bad" counts as corrupt, as a real parser would say.</summary>
    private static string Read(string dir)
    {
        string a = File.ReadAllText(Path.Combine(dir, "a.txt")), b = File.ReadAllText(Path.Combine(dir, "b.txt"));
        if (a.StartsWith("bad", StringComparison.Ordinal)) throw new DataFormatException(Path.Combine(dir, "a.txt"), "is damaged");
        return a + b;
    }

    [Fact]
    public void TheOfflineMirrorComesFirst()
    {
        _mirror.Write("toy/a.txt", "mirror-a");
        _mirror.Write("toy/b.txt", "mirror-b");
        _cache.Write("toy/a.txt", "cache-a");
        _cache.Write("toy/b.txt", "cache-b");
        var (data, source) = DatasetFinder.Load(Spec(), null, Locations(), Read);
        Assert.Equal("mirror-amirror-b", data);
        Assert.Equal(Path.Combine(_mirror.Path, "toy"), source);
    }

    [Fact]
    public void TheCacheIsUsedWhenTheMirrorLacksAFile()
    {
        _mirror.Write("toy/a.txt", "mirror-a"); // b.txt missing: a mirror is used whole or not at all
        _cache.Write("toy/a.txt", "cache-a");
        _cache.Write("toy/b.txt", "cache-b");
        var (data, source) = DatasetFinder.Load(Spec(), null, Locations(), Read);
        Assert.Equal("cache-acache-b", data);
        Assert.Equal(Path.Combine(_cache.Path, "toy"), source);
    }

    [Fact]
    public void SystemFoldersComeAfterTheCache()
    {
        _system.Write("toy/a.txt", "sys-a");
        _system.Write("toy/b.txt", "sys-b");
        var (data, source) = DatasetFinder.Load(Spec(), null, Locations(download: false), Read);
        Assert.Equal("sys-asys-b", data);
        Assert.Equal(Path.Combine(_system.Path, "toy"), source);
    }

    [Fact]
    public void AnExplicitFolderIsTheOnlyPlaceLookedAt()
    {
        _cache.Write("toy/a.txt", "cache-a");
        _cache.Write("toy/b.txt", "cache-b");
        using var mine = new TempFolder();
        mine.Write("a.txt", "mine-a");
        var e = Assert.Throws<FileNotFoundException>(() => DatasetFinder.Load(Spec(), mine.Path, Locations(), Read));
        Assert.Contains("lacks b.txt", e.Message);
        Assert.Contains("It needs a.txt, b.txt", e.Message);
        mine.Write("b.txt", "mine-b");
        Assert.Equal("mine-amine-b", DatasetFinder.Load(Spec(), mine.Path, Locations(), Read).Data);
        Assert.Throws<DirectoryNotFoundException>(() => DatasetFinder.Load(Spec(), Path.Combine(mine.Path, "nope"), Locations(), Read));
    }

    [Fact]
    public void WithoutACopyAndOfflineOneErrorListsEveryPlaceAndTheFix()
    {
        _mirror.Write("toy/a.txt", "only a");
        var e = Assert.Throws<DatasetNotFoundException>(() => DatasetFinder.Load(Spec(), null, Locations(download: false), Read));
        Assert.Contains("Could not load Toy: its files (a.txt, b.txt) were found nowhere", e.Message);
        Assert.Contains($"1. COURSEKIT_DATA (offline mirror): {Path.Combine(_mirror.Path, "toy")} (missing b.txt)", e.Message);
        Assert.Contains($"2. cache: {Path.Combine(_cache.Path, "toy")} (no such folder)", e.Message);
        Assert.Contains($"3. system data folder: {Path.Combine(_system.Path, "toy")} (no such folder)", e.Message);
        Assert.Contains("4. download: turned off (COURSEKIT_OFFLINE is set)", e.Message);
        Assert.Contains("set COURSEKIT_DATA to a folder that contains toy/", e.Message);
        Assert.Contains($"copy the files into {Path.Combine(_cache.Path, "toy")}", e.Message);
        Assert.Contains("Datasets.Toy.Load(folder:", e.Message);
    }

    [Fact]
    public void AnUnreachableServerFailsFastWithTheSameFullError()
    {
        var closedPort = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        closedPort.Start();
        string url = $"http://127.0.0.1:{((System.Net.IPEndPoint)closedPort.LocalEndpoint).Port}/toy/";
        closedPort.Stop();
        var clock = Stopwatch.StartNew();
        var e = Assert.Throws<DatasetNotFoundException>(() => DatasetFinder.Load(Spec(url), null, Locations(mirror: false), Read));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
        Assert.Contains("COURSEKIT_DATA (offline mirror): not set", e.Message);
        Assert.Contains($"download: {url}a.txt:", e.Message);
        Assert.Empty(_cache.Files());
    }

    [Fact]
    public void ADownloadLandsInTheCacheAndIsReusedWithoutTheServer()
    {
        using var server = new LocalHttpServer(_served.Path);
        var (data, source) = DatasetFinder.Load(Spec(server.Url + "toy/"), null, Locations(mirror: false), Read);
        Assert.Equal(A + B, data);
        Assert.Equal(server.Url + "toy/", source);
        Assert.Equal([Path.Combine("toy", "a.txt"), Path.Combine("toy", "b.txt")], CachedDataFiles());
        Assert.Contains($"url: {server.Url}toy/b.txt\nsize: 5\nsha256: {Sha256(B)}\n", File.ReadAllText(Path.Combine(_cache.Path, "toy", ".b.txt.downloaded")));
        Assert.Contains(_progress, p => p is { File: "toy/a.txt", Done: true, Received: 6, Total: 6 });
        Assert.Equal(2, server.Requests);

        server.Dispose();
        var again = DatasetFinder.Load(Spec(server.Url + "toy/"), null, Locations(mirror: false), Read);
        Assert.Equal(A + B, again.Data);
        Assert.Equal(Path.Combine(_cache.Path, "toy"), again.Source);
    }

    [Fact]
    public void TheNextLocationIsTriedWhenOneFails()
    {
        using var good = new LocalHttpServer(_served.Path);
        using var missing = new TempFolder();
        using var empty = new LocalHttpServer(missing.Path);
        var (data, source) = DatasetFinder.Load(Spec(empty.Url + "toy/", good.Url + "toy/"), null, Locations(mirror: false), Read);
        Assert.Equal(A + B, data);
        Assert.Equal(good.Url + "toy/", source);
    }

    [Fact]
    public void ALabMirrorReplacesTheCanonicalLocations()
    {
        using var lab = new LocalHttpServer(_served.Path);
        var (_, source) = DatasetFinder.Load(Spec("http://127.0.0.1:9/never-used/"), null, Locations(mirror: false, downloadMirror: lab.Url), Read);
        Assert.Equal(lab.Url + "toy/", source);
    }

    [Fact]
    public void WrongBytesFailTheChecksumAndLeaveNothingBehind()
    {
        _served.Write("toy/a.txt", "alpha but not the published file\n".PadRight(4000, 'x'));
        using var server = new LocalHttpServer(_served.Path);
        var e = Assert.Throws<DatasetNotFoundException>(() => DatasetFinder.Load(Spec(server.Url + "toy/"), null, Locations(mirror: false), Read));
        Assert.Contains("the published checksum is " + Md5(A), e.Message);
        Assert.Empty(_cache.Files());
    }

    [Fact]
    public void BytesChangedInTransitFailTheChecksum()
    {
        string big = new('a', 5000);
        _served.Write("toy/a.txt", big);
        using var server = new LocalHttpServer(_served.Path, ServerBehaviour.WrongBytes);
        var spec = Spec(server.Url + "toy/") with { Files = [new("a.txt", Md5: Md5(big)), new("b.txt", Sha256: Sha256(B))] };
        var e = Assert.Throws<DatasetNotFoundException>(() => DatasetFinder.Load(spec, null, Locations(mirror: false), Read));
        Assert.Contains("MD5", e.Message);
        Assert.Empty(_cache.Files());
    }

    [Fact]
    public void AConnectionDroppedMidFileLeavesNothingBehind()
    {
        _served.Write("toy/b.txt", new string('b', 100_000));
        using var server = new LocalHttpServer(_served.Path, ServerBehaviour.DropHalfway);
        var e = Assert.Throws<DatasetNotFoundException>(() => DatasetFinder.Load(Spec(server.Url + "toy/"), null, Locations(mirror: false), Read));
        Assert.Contains($"download: {server.Url}toy/a.txt", e.Message);
        Assert.DoesNotContain(_cache.Files(), f => f.EndsWith("b.txt", StringComparison.Ordinal) || f.Contains(".part"));
        Assert.DoesNotContain(_cache.Files(), f => f.Contains(".part"));
    }

    [Fact]
    public void AStalledServerTimesOutInsteadOfHanging()
    {
        _served.Write("toy/a.txt", new string('a', 100_000));
        using var server = new LocalHttpServer(_served.Path, ServerBehaviour.Stall);
        var clock = Stopwatch.StartNew();
        var e = Assert.Throws<DatasetNotFoundException>(() => DatasetFinder.Load(Spec(server.Url + "toy/"), null, Locations(mirror: false, idleSeconds: 1), Read));
        Assert.InRange(clock.Elapsed.TotalSeconds, 0.9, 15);
        Assert.Contains("no data arrived for 1 s", e.Message);
        Assert.Empty(_cache.Files());
    }

    [Fact]
    public void ASlowButSteadyServerCompletesAndReportsProgress()
    {
        string big = new('a', 60_000);
        _served.Write("toy/a.txt", big);
        using var server = new LocalHttpServer(_served.Path, ServerBehaviour.Slow);
        var spec = Spec(server.Url + "toy/") with { Files = [new("a.txt", Md5: Md5(big)), new("b.txt", Sha256: Sha256(B))] };
        var (data, _) = DatasetFinder.Load(spec, null, Locations(mirror: false, idleSeconds: 2), Read);
        Assert.Equal(big + B, data);
        var reports = _progress.Where(p => p.File == "toy/a.txt").ToList();
        Assert.True(reports.Count >= 5, $"only {reports.Count} progress reports");
        Assert.Equal(reports.Select(r => r.Received).Order(), reports.Select(r => r.Received));
        Assert.Equal(60_000, reports[^1].Received);
        Assert.Equal(1.0, reports[^1].Fraction);
    }

    [Fact]
    public void A404NamesTheStatus()
    {
        using var nothing = new TempFolder();
        using var server = new LocalHttpServer(nothing.Path);
        var e = Assert.Throws<DatasetNotFoundException>(() => DatasetFinder.Load(Spec(server.Url + "toy/"), null, Locations(mirror: false), Read));
        Assert.Contains("the server answered 404 Not Found", e.Message);
    }

    [Fact]
    public void ADamagedDownloadIsReplacedByAFreshOne()
    {
        using var server = new LocalHttpServer(_served.Path);
        DatasetFinder.Load(Spec(server.Url + "toy/"), null, Locations(mirror: false), Read);
        _cache.Write("toy/a.txt", "bad bytes");
        var (data, source) = DatasetFinder.Load(Spec(server.Url + "toy/"), null, Locations(mirror: false), Read);
        Assert.Equal(A + B, data);
        Assert.Equal(Path.Combine(_cache.Path, "toy"), source);
        Assert.Equal(3, server.Requests);   // a.txt and b.txt, then a.txt again
    }

    [Fact]
    public void ADamagedFileCopiedIntoTheCacheIsReportedAndKept()
    {
        _cache.Write("toy/a.txt", "bad bytes");
        _cache.Write("toy/b.txt", B);
        using var server = new LocalHttpServer(_served.Path);
        var e = Assert.Throws<DataFormatException>(() => DatasetFinder.Load(Spec(server.Url + "toy/"), null, Locations(mirror: false), Read));
        Assert.Equal(Path.Combine(_cache.Path, "toy", "a.txt"), e.File);
        Assert.Contains("CourseKit did not download this file", e.Message);
        Assert.Equal("bad bytes", File.ReadAllText(e.File));
        Assert.Equal(0, server.Requests);
    }

    [Fact]
    public void AFileWithoutAChecksumIsNeverDownloaded()
    {
        using var server = new LocalHttpServer(_served.Path);
        var spec = Spec(server.Url + "toy/") with { Files = [new("a.txt")] };
        var e = Assert.Throws<DatasetNotFoundException>(() => DatasetFinder.Load(spec, null, Locations(mirror: false), Read));
        Assert.Contains("CourseKit knows no checksum for this file", e.Message);
        Assert.Empty(_cache.Files());
    }

    [Fact]
    public void ADamagedMirrorFileIsReportedNotSkipped()
    {
        _mirror.Write("toy/a.txt", "bad bytes");
        _mirror.Write("toy/b.txt", B);
        _cache.Write("toy/a.txt", A);
        _cache.Write("toy/b.txt", B);
        var e = Assert.Throws<DataFormatException>(() => DatasetFinder.Load(Spec(), null, Locations(), Read));
        Assert.Equal(Path.Combine(_mirror.Path, "toy", "a.txt"), e.File);
    }

    [Fact]
    public void ProgressBarsReadWell()
    {
        Assert.Equal("mnist/t.gz [##########----------]  50%  5.0 of 10.0 MB", new DownloadProgress("mnist/t.gz", 5_000_000, 10_000_000, false).ToString());
        Assert.Equal("mnist/t.gz 1.2 MB", new DownloadProgress("mnist/t.gz", 1_200_000, null, false).ToString());
    }

    public void Dispose()
    {
        foreach (var f in new[] { _mirror, _cache, _system, _served }) f.Dispose();
    }
}
