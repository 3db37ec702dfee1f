using System.IO.Compression;
using System.Security.Cryptography;
using CourseKit.Data;
using CourseKit.Tests.Data.Sources;

namespace CourseKit.Tests.Data.DatasetTests;

/// <summary>
/// The sizes and checksums CourseKit carries for every file it can download: each file has them, they match the
/// canonical copies (the offline mirror, and Debian's Fashion-MNIST for its decompressed content), and a download
/// is held to them.
/// </summary>
public class DatasetChecksumTests
{
    private static readonly DatasetSpec[] Downloadable =
        [Datasets.Mnist.Spec, Datasets.FashionMnist.Spec, Datasets.Banknote.Spec, Datasets.Abalone.Spec];

    private static string Hex(byte[] hash) => Convert.ToHexString(hash).ToLowerInvariant();

    private static byte[] Unpacked(string gzipFile)
    {
        using var gzip = new GZipStream(File.OpenRead(gzipFile), CompressionMode.Decompress);
        using var bytes = new MemoryStream();
        gzip.CopyTo(bytes);
        return bytes.ToArray();
    }

    [Fact]
    public void EveryDownloadableFileCarriesAChecksumAndItsSize()
    {
        foreach (var file in Downloadable.SelectMany(s => s.Files))
        {
            Assert.True(file.HasChecksum, file.FileName);
            Assert.NotNull(file.Size);
        }
    }

    [Theory]
    [InlineData("banknote", "banknote", "data_banknote_authentication.txt")]
    [InlineData("abalone", "abalone", "abalone.data")]
    [InlineData("mnist", "mnist-official", "train-labels-idx1-ubyte.gz")]
    [InlineData("mnist", "mnist-official", "t10k-images-idx3-ubyte.gz")]
    [InlineData("mnist", "mnist-official", "t10k-labels-idx1-ubyte.gz")]
    public void TheCarriedChecksumsAreThoseOfTheCanonicalFiles(string dataset, string mirrorFolder, string fileName)
    {
        var file = Downloadable.Single(s => s.Name == dataset).Files.Single(f => f.FileName == fileName);
        byte[] bytes = File.ReadAllBytes(TestData.File(mirrorFolder, fileName));
        Assert.Equal(bytes.Length, file.Size);
        Assert.Equal(Hex(SHA256.HashData(bytes)), file.Sha256);
        if (file.Md5 is not null) Assert.Equal(Hex(MD5.HashData(bytes)), file.Md5);
    }

    [SkippableFact]
    public void FashionMnistsContentChecksumsAreThoseOfDebiansCopy()
    {
        Skip.IfNot(Directory.Exists(TestData.FashionMnistFolder), "Debian's dataset-fashion-mnist is not installed (./test.sh installs it)");
        foreach (var file in Datasets.FashionMnist.Spec.Files)
        {
            byte[] content = Unpacked(Path.Combine(TestData.FashionMnistFolder, file.FileName));
            Assert.Equal(content.Length, file.UnpackedSize);
            Assert.Equal(Hex(SHA256.HashData(content)), file.UnpackedSha256);
        }
    }

    /// <summary>Downloads one file of a made-up dataset "one" from <paramref name="served"/> with the given checks, into a fresh cache.</summary>
    private static (IdxData Data, string Source) DownloadOne(string served, DataFile file)
    {
        using var server = new LocalHttpServer(served);
        using var cache = new TempFolder();
        var spec = new DatasetSpec("one", "One", "One", [file], [server.Url], []);
        return DatasetFinder.Load(spec, null, new DataLocations { CacheFolder = cache.Path, UseSystemFolders = false, Progress = new Progress<DownloadProgress>() },
            dir => Idx.Read(Path.Combine(dir, file.FileName)));
    }

    [SkippableFact]
    public void ADownloadIsHeldToItsDecompressedContent()
    {
        Skip.IfNot(Directory.Exists(TestData.FashionMnistFolder), "Debian's dataset-fashion-mnist is not installed (./test.sh installs it)");
        var labels = Datasets.FashionMnist.Spec.Files.Single(f => f.FileName == IdxImageSet.TestLabels);

        // Debian recompressed the files: the content is Zalando's, but the bytes fail the published MD5.
        var e = Assert.Throws<DatasetNotFoundException>(() => DownloadOne(TestData.FashionMnistFolder, labels));
        Assert.Contains("its MD5 is 0d30e22e447f3c33dab9ed536400ac01, but the published checksum is bb300cfdad3c16e7a12a480ee83cd310", e.Message);

        // Held to the content alone, the same bytes pass, and MNIST's labels under the same name do not.
        var contentOnly = labels with { Size = null, Md5 = null };
        Assert.Equal(10_000, DownloadOne(TestData.FashionMnistFolder, contentOnly).Data.Count);
        using var mnist = new TempFolder();
        File.Copy(TestData.File("mnist-official", IdxImageSet.TestLabels), Path.Combine(mnist.Path, IdxImageSet.TestLabels));
        var wrong = Assert.Throws<DatasetNotFoundException>(() => DownloadOne(mnist.Path, contentOnly));
        Assert.Contains("its decompressed content (10,008 bytes, SHA-256 ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2) is not the official", wrong.Message);
    }
}
