using System.Diagnostics;
using CourseKit.Data;
using CourseKit.Tests.Data.Sources;

namespace CourseKit.Tests.Data.DatasetTests;

/// <summary>
/// The cache never loses a file: a damaged file someone placed there is reported, not deleted; only a file CourseKit
/// downloaded itself is replaced, and only by a copy that has arrived and passed its checksum; a download that is cut
/// short is never cached; and the partial files of a killed download are cleaned up. Real datasets from the offline
/// mirror, served by a local HTTP server.
/// </summary>
public class DatasetCacheTests : IDisposable
{
    private const string BanknoteFile = "data_banknote_authentication.txt";
    private readonly TempFolder _cache = new();

    private string Cached(string dataset, string file) => Path.Combine(_cache.Path, dataset, file);

    private DataLocations Offline() => new() { CacheFolder = _cache.Path, UseSystemFolders = false, AllowDownload = false };

    private DataLocations From(LocalHttpServer server, double idleSeconds = 30) => new()
    {
        CacheFolder = _cache.Path, UseSystemFolders = false, DownloadMirror = server.Url,
        IdleTimeout = TimeSpan.FromSeconds(idleSeconds), Progress = new Progress<DownloadProgress>(),
    };

    /// <summary>Copies a dataset's files from the mirror into the cache, as a user would by hand.</summary>
    private void CopyIntoCache(string dataset)
    {
        Directory.CreateDirectory(Path.Combine(_cache.Path, dataset));
        foreach (var file in Directory.GetFiles(Path.Combine(TestData.Folder, dataset)))
            File.Copy(file, Cached(dataset, Path.GetFileName(file)));
    }

    /// <summary>The banknote file with line <paramref name="line"/> (1-based) replaced.</summary>
    private static string[] BanknoteWithLine(int line, string text)
    {
        var lines = File.ReadAllLines(TestData.File("banknote", BanknoteFile));
        lines[line - 1] = text;
        return lines;
    }

    [Fact]
    public void OneDamagedMnistFileOfflineIsReportedAndNoFileIsDeleted()
    {
        CopyIntoCache("mnist");
        var good = Directory.GetFiles(Path.Combine(_cache.Path, "mnist")).ToDictionary(f => f, File.ReadAllBytes);
        string damaged = Cached("mnist", IdxImageSet.TrainLabels);
        File.WriteAllBytes(damaged, good[damaged][..1000]);

        var e = Assert.Throws<DataFormatException>(() => Datasets.Mnist.Load(null, Offline()));
        Assert.Equal(damaged, e.File);
        Assert.Contains("CourseKit did not download this file", e.Message);
        Assert.Contains($"delete it ({damaged})", e.Message);
        foreach (var (file, bytes) in good)
            Assert.Equal(file == damaged ? bytes[..1000] : bytes, File.ReadAllBytes(file));
    }

    [Fact]
    public void ADamagedFileTheUserPlacedIsNeverDeletedEvenWhenDownloadsWork()
    {
        Directory.CreateDirectory(Path.Combine(_cache.Path, "banknote"));
        string placed = Cached("banknote", BanknoteFile);
        File.WriteAllLines(placed, BanknoteWithLine(3, "3.866,-2.6383,1.9242,0.10645,7"));
        string before = File.ReadAllText(placed);
        using var server = new LocalHttpServer(TestData.Folder);

        var e = Assert.Throws<DataFormatException>(() => Datasets.Banknote.Load(null, null, From(server)));
        Assert.Equal(placed, e.File);
        Assert.Contains("line 3 has class 7", e.Message);
        Assert.Contains("CourseKit did not download this file", e.Message);
        Assert.Equal(before, File.ReadAllText(placed));
        Assert.Equal(0, server.Requests);
    }

    [Fact]
    public void ADamagedDownloadIsReplacedOnlyByACopyThatPassedItsChecksum()
    {
        using var server = new LocalHttpServer(TestData.Folder);
        Assert.Equal(1372, Datasets.Banknote.Load(null, null, From(server)).Count);
        string cached = Cached("banknote", BanknoteFile);
        File.WriteAllLines(cached, BanknoteWithLine(3, "3.866,-2.6383,1.9242,0.10645,7"));
        string damaged = File.ReadAllText(cached);

        // Offline, the damaged download stays where it is and the message says how to get a fresh one.
        var offline = Assert.Throws<DataFormatException>(() => Datasets.Banknote.Load(null, null, Offline()));
        Assert.Equal(cached, offline.File);
        Assert.Contains("downloading is turned off", offline.Message);
        Assert.Equal(damaged, File.ReadAllText(cached));

        // A replacement that fails its checksum does not touch the cached file either.
        server.Behaviour = ServerBehaviour.WrongBytes;
        var failed = Assert.Throws<DataFormatException>(() => Datasets.Banknote.Load(null, null, From(server)));
        Assert.Equal(cached, failed.File);
        Assert.Contains("could not get a good copy", failed.Message);
        Assert.Contains("SHA-256", failed.Message);
        Assert.Equal(damaged, File.ReadAllText(cached));

        // A verified replacement takes its place.
        server.Behaviour = ServerBehaviour.Normal;
        var notes = Datasets.Banknote.Load(null, null, From(server));
        Assert.Equal(1372, notes.Count);
        Assert.Equal(Path.Combine(_cache.Path, "banknote"), notes.Source);
        Assert.Equal(File.ReadAllBytes(TestData.File("banknote", BanknoteFile)), File.ReadAllBytes(cached));
        Assert.DoesNotContain(_cache.Files(), f => f.Contains(".part"));
    }

    [Fact]
    public void ATruncatedDownloadWithoutALengthIsRejectedAndNotCached()
    {
        using var served = new TempFolder();
        var lines = File.ReadAllLines(TestData.File("banknote", BanknoteFile));
        served.Write(Path.Combine("banknote", BanknoteFile), string.Join("\n", lines[..700]) + "\n");
        using var server = new LocalHttpServer(served.Path, ServerBehaviour.NoLength);

        var e = Assert.Throws<DatasetNotFoundException>(() => Datasets.Banknote.Load(null, null, From(server)));
        Assert.Contains($"{server.Url}banknote/{BanknoteFile}", e.Message);
        Assert.Contains("not the 45,030 bytes of the official file", e.Message);
        Assert.False(File.Exists(Cached("banknote", BanknoteFile)));
        Assert.DoesNotContain(_cache.Files(), f => f.Contains(".part"));
    }

    [Fact]
    public void AServerThatNeverStopsSendingIsCutOffAtTheOfficialSize()
    {
        using var server = new LocalHttpServer(TestData.Folder, ServerBehaviour.Endless);

        var e = Assert.Throws<DatasetNotFoundException>(() => Datasets.Banknote.Load(null, null, From(server)));
        Assert.Contains($"{server.Url}banknote/{BanknoteFile}", e.Message);
        Assert.Contains("sent more than the 45,030 bytes of the official file", e.Message);
        Assert.True(server.BytesSent < 50_000_000, $"the download went on for {server.BytesSent:N0} bytes");
        Assert.False(File.Exists(Cached("banknote", BanknoteFile)));
        Assert.DoesNotContain(_cache.Files(), f => f.Contains(".part"));
    }

    [Fact]
    public void AnAnswerLongerThanTheOfficialFileIsRefusedBeforeItIsDownloaded()
    {
        using var served = new TempFolder();
        served.Write(Path.Combine("banknote", BanknoteFile), new string('1', 100_000));
        using var server = new LocalHttpServer(served.Path);

        var e = Assert.Throws<DatasetNotFoundException>(() => Datasets.Banknote.Load(null, null, From(server)));
        Assert.Contains("the server offers 100,000 bytes, but the official file has 45,030", e.Message);
        Assert.False(File.Exists(Cached("banknote", BanknoteFile)));
    }

    [Fact]
    public void TheStalePartialFilesOfAKilledDownloadAreRemovedAtTheNextLoad()
    {
        using var exited = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        exited.WaitForExit();
        Directory.CreateDirectory(Path.Combine(_cache.Path, "banknote"));
        string dead = Cached("banknote", $"{BanknoteFile}.part-{exited.Id}-{Guid.NewGuid():N}");
        string live = Cached("banknote", $"{BanknoteFile}.part-{Environment.ProcessId}-{Guid.NewGuid():N}");
        string oldStyle = Cached("banknote", $"{BanknoteFile}.part-{Guid.NewGuid():N}");
        string users = Cached("banknote", "notes.part-2.txt");   // only a name CourseKit gives counts as a partial file
        foreach (var part in new[] { dead, live, oldStyle, users }) File.WriteAllText(part, "3.6216,8.6661,");
        File.SetLastWriteTimeUtc(oldStyle, DateTime.UtcNow - TimeSpan.FromDays(2));
        File.SetLastWriteTimeUtc(users, DateTime.UtcNow - TimeSpan.FromDays(2));

        var notes = Datasets.Banknote.Load(null, null, new DataLocations { MirrorFolder = TestData.Folder, CacheFolder = _cache.Path, AllowDownload = false });
        Assert.Equal(1372, notes.Count);
        Assert.False(File.Exists(dead), "the writer of this partial file has exited");
        Assert.False(File.Exists(oldStyle), "this partial file has not been written for two days");
        Assert.True(File.Exists(live), "this process may still be writing it");
        Assert.True(File.Exists(users), "CourseKit did not write this file");
    }

    [Fact]
    public async Task APartialFileIsNamedForTheProcessThatWritesIt()
    {
        using var served = new TempFolder();
        served.Write(Path.Combine("banknote", BanknoteFile), new string('1', 40_000)); // shorter than the official file: a longer one is refused before it starts
        using var server = new LocalHttpServer(served.Path, ServerBehaviour.Stall);
        var load = Task.Run(() => Assert.Throws<DatasetNotFoundException>(() => Datasets.Banknote.Load(null, null, From(server, idleSeconds: 5))));
        string? part = null;
        for (int i = 0; i < 400 && part is null; i++)
        {
            part = _cache.Files().FirstOrDefault(f => f.Contains(".part"));
            await Task.Delay(10);
        }
        Assert.NotNull(part);
        Assert.Contains($"{BanknoteFile}.part-{Environment.ProcessId}-", part);
        await load;
        Assert.DoesNotContain(_cache.Files(), f => f.Contains(".part"));
    }

    /// <summary>A symbolic link whose file is gone holds no data: it counts as missing (a fresh copy is downloaded, or
    /// the places searched are listed), instead of failing with a bare "Could not find file".</summary>
    [Fact]
    public void ABrokenSymbolicLinkInTheCacheCountsAsAMissingFile()
    {
        Directory.CreateDirectory(Path.Combine(_cache.Path, "banknote"));
        File.CreateSymbolicLink(Cached("banknote", BanknoteFile), Path.Combine(_cache.Path, "moved-away.txt"));

        var offline = Assert.Throws<DatasetNotFoundException>(() => Datasets.Banknote.Load(null, null, Offline()));
        Assert.Contains($"missing {BanknoteFile}", offline.Message);

        using var server = new LocalHttpServer(TestData.Folder);
        Assert.Equal(1372, Datasets.Banknote.Load(null, null, From(server)).Count);
    }

    /// <summary>A file where the cache (or a dataset's folder in it) should be is named as the problem, with the fix,
    /// not "Could not find a part of the path" or "already exists"; the file is left alone.</summary>
    [Fact]
    public void AFileWhereTheCacheFolderShouldBeIsNamed()
    {
        using var server = new LocalHttpServer(TestData.Folder);
        foreach (string inTheWay in new[] { Path.Combine(_cache.Path, "banknote"), Path.Combine(_cache.Path, "nested") })
        {
            File.WriteAllText(inTheWay, "mine");
            var locations = From(server) with { CacheFolder = inTheWay == Path.Combine(_cache.Path, "nested") ? Path.Combine(inTheWay, "cache") : _cache.Path };
            var e = Assert.Throws<DatasetNotFoundException>(() => Datasets.Banknote.Load(null, null, locations));
            Assert.Contains($"'{inTheWay}' is a file, not a folder", e.Message);
            Assert.Contains("COURSEKIT_CACHE", e.Message);
            Assert.Equal("mine", File.ReadAllText(inTheWay));
            File.Delete(inTheWay);
        }
    }

    public void Dispose() => _cache.Dispose();
}
