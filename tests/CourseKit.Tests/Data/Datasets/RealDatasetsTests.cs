using CourseKit.Data;
using CourseKit.Tests.Data.Sources;

namespace CourseKit.Tests.Data.DatasetTests;

/// <summary>
/// The course's real datasets, loaded through the public loaders from the offline mirror in ../shared/datasets (or
/// COURSEKIT_DATA), from Debian's Fashion-MNIST package, and downloaded from a local HTTP server. Expected counts were
/// computed from the files themselves.
/// </summary>
public class RealDatasetsTests : IDisposable
{
    private readonly TempFolder _cache = new();

    /// <summary>Only the offline mirror; no cache hits, no system folders, no downloads.</summary>
    private DataLocations MirrorOnly() => new() { MirrorFolder = TestData.Folder, CacheFolder = _cache.Path, UseSystemFolders = false, AllowDownload = false };

    /// <summary>No local copies at all: everything must come from <paramref name="server"/>.</summary>
    private DataLocations From(LocalHttpServer server) => new()
    {
        CacheFolder = _cache.Path, UseSystemFolders = false, DownloadMirror = server.Url, Progress = new Progress<DownloadProgress>(),
    };

    [Fact]
    public void MnistFromTheMirrorIsTheStandInWithANote()
    {
        var mnist = Datasets.Mnist.Load(null, MirrorOnly());
        var ((xTrain, yTrain), (xTest, yTest)) = mnist;
        Assert.Equal([8000, 28, 28], xTrain.Shape);
        Assert.Equal([8000], yTrain.Shape);
        Assert.Equal([2000, 28, 28], xTest.Shape);
        Assert.Equal([2000], yTest.Shape);
        Assert.Equal([773, 905, 834, 803, 788, 723, 756, 813, 787, 818], ImageDataset.ClassCounts(yTrain, 10));
        Assert.Equal([207, 230, 198, 207, 194, 169, 202, 215, 187, 191], ImageDataset.ClassCounts(yTest, 10));
        Assert.Equal(7f, yTrain[0].Item());
        Assert.Equal(18454f, xTrain[0].Sum().Item()); // the first official test digit, a 7
        Assert.Equal(255f, xTrain.Max().Item());
        Assert.Equal(0f, xTrain.Min().Item());
        Assert.Equal(Path.Combine(TestData.Folder, "mnist"), mnist.Source);
        Assert.Contains("8,000 training and 2,000 test images, not the official 60,000 and 10,000: a smaller stand-in", mnist.Note);
        Assert.DoesNotContain("?", mnist.Note);
        Assert.Contains("mnist: 8,000 training and 2,000 test images of 28×28 pixels, 10 classes", mnist.ToString());
        Assert.Contains("source: " + mnist.Source, mnist.ToString());
    }

    [SkippableFact]
    public void FashionMnistFromDebiansPackage()
    {
        Skip.IfNot(File.Exists(Path.Combine(TestData.FashionMnistFolder, IdxImageSet.TrainImages)),
            "Debian's dataset-fashion-mnist is not installed (./test.sh installs it)");
        var fashion = Datasets.FashionMnist.Load(null, new DataLocations { CacheFolder = _cache.Path, AllowDownload = false });
        Assert.Equal(TestData.FashionMnistFolder, fashion.Source);
        Assert.Null(fashion.Note);
        Assert.Equal([60000, 28, 28], fashion.Train.X.Shape);
        Assert.Equal([10000, 28, 28], fashion.Test.X.Shape);
        Assert.All(ImageDataset.ClassCounts(fashion.Train.Y, 10), c => Assert.Equal(6000, c));
        Assert.All(ImageDataset.ClassCounts(fashion.Test.Y, 10), c => Assert.Equal(1000, c));
        Assert.Equal("Ankle boot", fashion.ClassNames[(int)fashion.Train.Y[0].Item()]);
        Assert.Equal(76247f, fashion.Train.X[0].Sum().Item());
    }

    [Fact]
    public void BanknoteHasAllRowsAndTheLecturesTwoFeatures()
    {
        var notes = Datasets.Banknote.Load(null, null, MirrorOnly());
        Assert.Equal(1372, notes.Count);
        Assert.Equal([1372, 4], notes.X.Shape);
        Assert.Equal(610, notes.ClassCounts()["forged"]);
        Assert.Equal(762, notes.ClassCounts()["genuine"]);
        Assert.Equal([3.6216f, 8.6661f, -2.8073f, -0.44699f], notes.X[0].ToArray());

        var (x, y) = Datasets.Banknote.Load(Datasets.Banknote.LectureFeatures, null, MirrorOnly());
        Assert.Equal([1372, 2], x.Shape);
        Assert.Equal([8.6661f, -0.44699f], x[0].ToArray()); // skewness and entropy
        Assert.Equal(610f, y.Sum().Item());
        Assert.Contains("banknote: 1,372 examples × 2 features → class", Datasets.Banknote.Load(Datasets.Banknote.LectureFeatures, null, MirrorOnly()).ToString());

        var e = Assert.Throws<ArgumentException>(() => Datasets.Banknote.Load(["skew"], null, MirrorOnly()));
        Assert.Contains("no feature 'skew'", e.Message);
        Assert.Contains("variance, skewness, curtosis, entropy", e.Message);
    }

    [Fact]
    public void AbaloneOneHotEncodesSexAndTargetsRings()
    {
        var abalone = Datasets.Abalone.Load(null, MirrorOnly());
        Assert.Equal(4177, abalone.Count);
        Assert.Equal([4177, 10], abalone.X.Shape);
        Assert.Equal(["Sex_F", "Sex_I", "Sex_M", "Length", "Diameter", "Height", "Whole weight", "Shucked weight", "Viscera weight", "Shell weight"],
                     abalone.FeatureNames);
        Assert.Equal([0f, 0f, 1f, 0.455f, 0.365f, 0.095f, 0.514f, 0.2245f, 0.101f, 0.15f], abalone.X[0].ToArray()); // "M,0.455,…,15"
        Assert.Equal(15f, abalone.Y[0].Item());
        Assert.Equal(41493f, abalone.Y.Sum().Item());
        Assert.Equal([1307f, 1342f, 1528f], abalone.X[.., 0..3].Sum(0).ToArray()); // F, I, M
        Assert.Equal("M", abalone.Table!["Sex"].Values[0]);
        Assert.Equal(16.5f, Datasets.Abalone.AgeFromRings(abalone.Y)[0].Item());
        Assert.Null(abalone.ClassNames);
    }

    [Fact]
    public void AnExplicitFolderIsReportedAsTheSource()
    {
        string folder = Path.Combine(TestData.Folder, "banknote");
        var notes = Datasets.Banknote.Load(folder: folder);
        Assert.Equal(Path.GetFullPath(folder), notes.Source);
        Assert.Equal(1372, notes.Count);
    }

    [Fact]
    public void BanknoteDownloadsFromALabMirrorIntoTheCache()
    {
        using var server = new LocalHttpServer(TestData.Folder);
        var notes = Datasets.Banknote.Load(null, null, From(server));
        Assert.Equal(1372, notes.Count);
        Assert.Equal(server.Url + "banknote/", notes.Source);
        Assert.Equal([Path.Combine("banknote", ".data_banknote_authentication.txt.downloaded"), Path.Combine("banknote", "data_banknote_authentication.txt")],
                     _cache.Files().Order(StringComparer.Ordinal));
        Assert.Equal(File.ReadAllBytes(TestData.File("banknote", "data_banknote_authentication.txt")),
                     File.ReadAllBytes(Path.Combine(_cache.Path, "banknote", "data_banknote_authentication.txt")));
    }

    [Fact]
    public void OfficialMnistFilesPassThePublishedChecksums()
    {
        // The official test files, fetched over HTTP and checked against the MD5s LeCun et al. publish.
        using var server = new LocalHttpServer(Path.Combine(TestData.Folder, "mnist-official"));
        var official = Datasets.Mnist.Spec with
        {
            Files = Datasets.Mnist.Spec.Files.Where(f => f.FileName.StartsWith("t10k", StringComparison.Ordinal)).ToList(),
            DownloadUrls = [server.Url],
        };
        var (labels, _) = DatasetFinder.Load(official, null, new DataLocations { CacheFolder = _cache.Path, UseSystemFolders = false, Progress = new Progress<DownloadProgress>() },
            dir => Idx.Read(Path.Combine(dir, IdxImageSet.TestLabels)));
        Assert.Equal(10000, labels.Count);
        Assert.Equal(4, _cache.Files().Count);   // the two files and CourseKit's notes that it downloaded them
    }

    [Fact]
    public void TheStandInIsRejectedWhenDownloadedAsOfficialMnist()
    {
        // A server that serves different bytes under the official names fails the published checksum: nothing is cached.
        using var server = new LocalHttpServer(TestData.Folder);
        var e = Assert.Throws<DatasetNotFoundException>(() => Datasets.Mnist.Load(null, From(server)));
        Assert.Contains("the published checksum is f68b3c2dcbeaaa9fbdd348bbdeb94873", e.Message);
        Assert.Empty(_cache.Files());
    }

    [Fact]
    public void ADamagedMirrorFileNamesTheFileAndTheLine()
    {
        using var mirror = new TempFolder();
        var lines = File.ReadAllLines(TestData.File("banknote", "data_banknote_authentication.txt"));
        lines[99] = "1.5,2.5,3.5";
        Directory.CreateDirectory(Path.Combine(mirror.Path, "banknote"));
        File.WriteAllLines(Path.Combine(mirror.Path, "banknote", "data_banknote_authentication.txt"), lines);
        var e = Assert.Throws<DataFormatException>(() =>
            Datasets.Banknote.Load(null, null, new DataLocations { MirrorFolder = mirror.Path, CacheFolder = _cache.Path, AllowDownload = false }));
        Assert.EndsWith(Path.Combine("banknote", "data_banknote_authentication.txt"), e.File);
        Assert.Contains("line 100 has 3 fields", e.Message);
    }

    [Fact]
    public void WithNothingAnywhereTheErrorSaysHowToSupplyTheFiles()
    {
        using var empty = new TempFolder();
        var e = Assert.Throws<DatasetNotFoundException>(() =>
            Datasets.Abalone.Load(null, new DataLocations { MirrorFolder = empty.Path, CacheFolder = _cache.Path, AllowDownload = false }));
        Assert.Contains("Could not load abalone: its files (abalone.data) were found nowhere", e.Message);
        Assert.Contains("Datasets.Abalone.Load(folder:", e.Message);
    }

    public void Dispose() => _cache.Dispose();
}
