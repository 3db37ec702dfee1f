using CourseKit.Tests.Data;
namespace CourseKit.Tests.Data.Formats;

/// <summary>Idx.Read on the real MNIST files of the mirror, on hand-made files, and on every kind of broken file.</summary>
public class IdxTests
{
    // ---- real files ----

    [Fact]
    public void OfficialMnistTestLabelsHaveTheirPublishedClassCounts()
    {
        var labels = Idx.Read(TestData.File("mnist-official", "t10k-labels-idx1-ubyte.gz"));
        Assert.Equal([10_000], labels.Dimensions);
        Assert.Equal(10_000, labels.Count);
        Assert.Equal(10_000, labels.Data.Length);
        var counts = new int[10];
        foreach (byte label in labels.Data) counts[label]++;
        Assert.Equal([980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009], counts);
        Assert.Equal([7, 2, 1, 0, 4, 1, 4, 9, 5, 9], labels.Data.Take(10).Select(b => (int)b));

        var tensor = labels.ToTensor();
        Assert.Equal([10_000], tensor.Shape);
        Assert.Equal(7f, tensor.ToArray()[0]);
    }

    [Fact]
    public void OfficialMnistTrainLabelsHaveTheirPublishedClassCounts()
    {
        var labels = Idx.Read(TestData.File("mnist-official", "train-labels-idx1-ubyte.gz"));
        Assert.Equal([60_000], labels.Dimensions);
        var counts = new int[10];
        foreach (byte label in labels.Data) counts[label]++;
        Assert.Equal([5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949], counts);
    }

    [Fact]
    public void OfficialMnistTestImagesAre10000GreyImagesOf28By28()
    {
        var images = Idx.Read(TestData.File("mnist-official", "t10k-images-idx3-ubyte.gz"));
        var labels = Idx.Read(TestData.File("mnist-official", "t10k-labels-idx1-ubyte.gz"));
        Assert.Equal([10_000, 28, 28], images.Dimensions);
        Assert.Equal(10_000, images.Count);
        Assert.Equal(10_000 * 28 * 28, images.Data.Length);
        Assert.Equal(0, images.Data.Min());
        Assert.Equal(255, images.Data.Max());
        // The first test image is a 7; its grey values add up to 18,454 (computed with Python's gzip module).
        Assert.Equal(7, labels.Data[0]);
        Assert.Equal(18_454, images.Data.Take(784).Sum(b => b));
        Assert.Equal(264_923_200L, images.Data.Sum(b => (long)b));

        var x = images.ToTensor();
        Assert.Equal([10_000, 28, 28], x.Shape);
        var first = x[0].ToArray();
        Assert.Equal(images.Data.Take(784).Select(b => (float)b), first);
        Assert.Equal(255f, x.ToArray().Max());
    }

    [Theory]
    [InlineData("train", 8_000, 208_058_241L, new[] { 773, 905, 834, 803, 788, 723, 756, 813, 787, 818 })]
    [InlineData("t10k", 2_000, 56_864_959L, new[] { 207, 230, 198, 207, 194, 169, 202, 215, 187, 191 })]
    public void TheOfflineMnistStandInHasItsStatedSizes(string split, int count, long pixelSum, int[] classCounts)
    {
        var images = Idx.Read(TestData.File("mnist", $"{split}-images-idx3-ubyte.gz"));
        var labels = Idx.Read(TestData.File("mnist", $"{split}-labels-idx1-ubyte.gz"));
        Assert.Equal([count, 28, 28], images.Dimensions);
        Assert.Equal([count], labels.Dimensions);
        Assert.Equal(pixelSum, images.Data.Sum(b => (long)b));
        var counts = new int[10];
        foreach (byte label in labels.Data) counts[label]++;
        Assert.Equal(classCounts, counts);
    }

    [SkippableTheory]
    [InlineData("train", 60_000)]
    [InlineData("t10k", 10_000)]
    public void FashionMnistFromTheDebianPackageReads(string split, int count)
    {
        var images = Path.Combine(TestData.FashionMnistFolder, $"{split}-images-idx3-ubyte.gz");
        var labelFile = Path.Combine(TestData.FashionMnistFolder, $"{split}-labels-idx1-ubyte.gz");
        Skip.IfNot(File.Exists(images) && File.Exists(labelFile),
                   $"Fashion-MNIST is not installed at {TestData.FashionMnistFolder} (Debian package dataset-fashion-mnist).");

        var x = Idx.Read(images);
        var y = Idx.Read(labelFile);
        Assert.Equal([count, 28, 28], x.Dimensions);
        Assert.Equal([count], y.Dimensions);
        var counts = new int[10];
        foreach (byte label in y.Data) counts[label]++;
        Assert.All(counts, c => Assert.Equal(count / 10, c));   // Fashion-MNIST is balanced: 6,000 / 1,000 per class
        if (split == "train")
        {
            Assert.Equal([9, 0, 0, 3, 0, 2, 7, 2, 5, 5], y.Data.Take(10).Select(b => (int)b));
            Assert.Equal(76_247, x.Data.Take(784).Sum(b => b));   // the first image, an ankle boot (computed with Python)
        }
        else Assert.Equal([9, 2, 1, 1, 6, 1, 4, 6, 5, 7], y.Data.Take(10).Select(b => (int)b));
    }

    // ---- hand-made files ----

    private static readonly byte[] Pixels = Enumerable.Range(0, 12).Select(i => (byte)(i * 20 + 15)).ToArray();

    [Fact]
    public void AnUncompressedFileRoundTrips()
    {
        var data = IdxFiles.Read(IdxFiles.Build([3, 2, 2], Pixels));
        Assert.Equal([3, 2, 2], data.Dimensions);
        Assert.Equal(3, data.Count);
        Assert.Equal(Pixels, data.Data);
        Assert.Equal("test.idx", data.Source);
        var tensor = data.ToTensor();
        Assert.Equal([3, 2, 2], tensor.Shape);
        Assert.Equal(Pixels.Select(b => (float)b), tensor.ToArray());
        Assert.Equal("3 × 2 × 2 bytes from test.idx", data.ToString());
    }

    [Fact]
    public void AGzippedFileRoundTrips()
    {
        var data = IdxFiles.Read(IdxFiles.Gzip(IdxFiles.Build([3, 2, 2], Pixels)));
        Assert.Equal([3, 2, 2], data.Dimensions);
        Assert.Equal(Pixels, data.Data);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AStreamThatCannotSeekReadsTheSame(bool compressed)
    {
        var bytes = IdxFiles.Build([3, 4], Pixels);
        if (compressed) bytes = IdxFiles.Gzip(bytes);
        var data = Idx.Read(new ForwardOnlyStream(bytes, chunk: 1), "download");
        Assert.Equal([3, 4], data.Dimensions);
        Assert.Equal(Pixels, data.Data);
    }

    [Fact]
    public void CompressionIsDetectedFromTheBytesNotTheFileName()
    {
        var folder = Directory.CreateTempSubdirectory("coursekit-idx-");
        try
        {
            var gzipNamedPlain = Path.Combine(folder.FullName, "labels.idx");
            var plainNamedGz = Path.Combine(folder.FullName, "labels.idx.gz");
            File.WriteAllBytes(gzipNamedPlain, IdxFiles.Gzip(IdxFiles.Build([12], Pixels)));
            File.WriteAllBytes(plainNamedGz, IdxFiles.Build([12], Pixels));
            Assert.Equal(Pixels, Idx.Read(gzipNamedPlain).Data);
            Assert.Equal(Pixels, Idx.Read(plainNamedGz).Data);
            Assert.Equal(plainNamedGz, Idx.Read(plainNamedGz).Source);
        }
        finally { folder.Delete(recursive: true); }
    }

    [Fact]
    public void AMissingFileIsNamed()
    {
        var path = Path.Combine(Path.GetTempPath(), "no-such-folder-coursekit", "train-images-idx3-ubyte.gz");
        var e = Assert.Throws<FileNotFoundException>(() => Idx.Read(path));
        Assert.Equal(path, e.FileName);
        Assert.Contains(path, e.Message);
    }

    // ---- broken files: the exact problem each one reports ----

    [Fact]
    public void BadGzipIsReportedAsSuch()
    {
        var problem = IdxFiles.Problem([0x1F, 0x8B, 0x08, 0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x00]);
        Assert.StartsWith("not a valid gzip stream: ", problem);
        Assert.EndsWith("The download may be incomplete or damaged — download it again.", problem);
    }

    [Fact]
    public void AFileCompressedTwiceIsRecognised()
    {
        var problem = IdxFiles.Problem(IdxFiles.Gzip(IdxFiles.Gzip(IdxFiles.Build([12], Pixels))));
        Assert.Equal("does not start with the IDX magic number (0x00 0x00, a type byte, a dimension count); it starts with 1F 8B 08 00 " +
                     "— the gzip signature again after decompressing: is it compressed twice? Decompress it once (gunzip) and read the result.",
                     problem);
    }

    [Fact]
    public void AWrongMagicNumberShowsTheFirstBytes()
    {
        Assert.Equal("does not start with the IDX magic number (0x00 0x00, a type byte, a dimension count); it starts with 68 65 6C 6C: " +
                     "this is not an IDX file, or it is damaged.",
                     IdxFiles.Problem("hello world"u8.ToArray()));
        Assert.Equal("does not start with the IDX magic number (0x00 0x00, a type byte, a dimension count); it starts with 3C 21 44 4F " +
                     "(\"<!DO…\"): this looks like a web page, perhaps an error page saved instead of the data. Download the file again.",
                     IdxFiles.Problem("<!DOCTYPE html><html>Not found</html>"u8.ToArray()));
        Assert.Contains("this is a zip archive", IdxFiles.Problem("PK\x03\x04 zipped"u8.ToArray()));
        Assert.EndsWith("it starts with 00 01 08 01 after decompression: this is not an IDX file, or it is damaged.",
                        IdxFiles.Problem(IdxFiles.Gzip([0, 1, 8, 1, 0, 0, 0, 1, 5])));
    }

    [Fact]
    public void OtherIdxTypesAreReportedAsUnsupported()
    {
        Assert.Equal("holds 32-bit floats (type byte 0x0D); Idx.Read supports only unsigned bytes (type 0x08), the type MNIST and Fashion-MNIST use.",
                     IdxFiles.Problem(IdxFiles.Build([1], [0, 0, 0, 0], type: 0x0D)));
        Assert.StartsWith("holds signed bytes (type byte 0x09)", IdxFiles.Problem(IdxFiles.Build([1], [0], type: 0x09)));
        Assert.StartsWith("holds 64-bit floats (type byte 0x0E)", IdxFiles.Problem(IdxFiles.Build([1], [0], type: 0x0E)));
        Assert.Equal("has the type byte 0x42, which is not an IDX type (0x08, 0x09, 0x0B, 0x0C, 0x0D or 0x0E): the file is damaged or not an IDX file.",
                     IdxFiles.Problem(IdxFiles.Build([1], [0], type: 0x42)));
    }

    [Fact]
    public void ZeroNegativeAndAbsurdDimensionsAreRejected()
    {
        Assert.Equal("declares 0 dimensions (its 4th byte); an IDX file has at least one (1 for labels, 3 for images).",
                     IdxFiles.Problem([0, 0, 8, 0, 1, 2, 3]));
        Assert.Equal("declares a size of 0 for dimension 1 (sizes: 10 × 0 × 28); every dimension needs a size of at least 1. The header is damaged.",
                     IdxFiles.Problem(IdxFiles.Build([10, 0, 28], [])));
        Assert.Equal("declares a size of -16,777,216 for dimension 0 (sizes: -16,777,216); every dimension needs a size of at least 1. The header is damaged.",
                     IdxFiles.Problem(IdxFiles.Build([unchecked((int)0xFF000000)], [1, 2])));
        Assert.Equal("declares dimensions 65,536 × 65,536, more than the 2,147,483,591 values an array can hold: the header is damaged or this is not an IDX file.",
                     IdxFiles.Problem(IdxFiles.Build([65_536, 65_536], [1, 2, 3])));
        Assert.Equal("declares dimensions 2,147,483,647 × 2,147,483,647 × 2,147,483,647, more than the 2,147,483,591 values an array can hold: the header is damaged or this is not an IDX file.",
                     IdxFiles.Problem(IdxFiles.Build([int.MaxValue, int.MaxValue, int.MaxValue], [])));
    }

    [Theory]
    [InlineData("plain")]
    [InlineData("gzip")]
    [InlineData("forward-only")]
    public void ATruncatedFileSaysHowMuchIsMissing(string how)
    {
        var bytes = IdxFiles.Build([60_000, 28, 28], new byte[1_234]);
        const string expected = "has 1,234 bytes of image data but its header promises 47,040,000 (60,000 × 28 × 28): the file is truncated — download it again.";
        var e = Assert.Throws<DataFormatException>(() => how switch
        {
            "plain" => Idx.Read(new MemoryStream(bytes), "train-images"),
            "gzip" => Idx.Read(new MemoryStream(IdxFiles.Gzip(bytes)), "train-images"),
            _ => Idx.Read(new ForwardOnlyStream(bytes, chunk: 100), "train-images"),
        });
        Assert.Equal(expected, e.Problem);
        Assert.Equal($"train-images: {expected}", e.Message);
    }

    [Fact]
    public void TruncatedLabelsAndTruncatedHeadersAreReported()
    {
        Assert.Equal("has 10 bytes of label data but its header promises 60,000: the file is truncated — download it again.",
                     IdxFiles.Problem(IdxFiles.Build([60_000], new byte[10])));
        Assert.Equal("has 0 bytes of data but its header promises 4 (2 × 2): the file is truncated — download it again.",
                     IdxFiles.Problem(IdxFiles.Build([2, 2], [])));
        Assert.Equal("ends inside its header: it declares 3 dimensions, which need 16 header bytes, but it has only 9. The file is truncated — download it again.",
                     IdxFiles.Problem(IdxFiles.Build([60_000, 28, 28], [])[..9]));
        Assert.Equal("is empty: an IDX file starts with a 4-byte header.", IdxFiles.Problem([]));
        Assert.Equal("is too short to be an IDX file: it has 1 byte, but the header alone needs at least 4.", IdxFiles.Problem([0]));
        Assert.Equal("is too short to be an IDX file: it has 3 bytes after decompression, but the header alone needs at least 4.",
                     IdxFiles.Problem(IdxFiles.Gzip([0, 0, 8])));
        // An empty file gzipped (by Python's gzip.compress(b"", mtime=0); .NET writes nothing at all for empty input).
        Assert.Equal("decompresses to nothing: the gzip stream holds no data, or it was cut short — download it again.", IdxFiles.Problem(Convert.FromHexString("1f8b080000000000020303000000000000000000")));
    }

    [Theory]
    [InlineData("plain", 3)]
    [InlineData("gzip", 3)]
    [InlineData("forward-only", 3)]
    [InlineData("plain", 1)]
    [InlineData("gzip", 1)]
    [InlineData("forward-only", 1)]
    public void TrailingBytesAreReported(string how, int extra)
    {
        var bytes = IdxFiles.Build([2, 2], [.. Enumerable.Range(1, 4 + extra).Select(i => (byte)i)]);
        var e = Assert.Throws<DataFormatException>(() => how switch
        {
            "plain" => Idx.Read(new MemoryStream(bytes), "test.idx"),
            "gzip" => Idx.Read(new MemoryStream(IdxFiles.Gzip(bytes)), "test.idx"),
            _ => Idx.Read(new ForwardOnlyStream(bytes), "test.idx"),
        });
        Assert.Equal($"has {extra} byte{(extra == 1 ? "" : "s")} after the data its header describes (it should end after 16 bytes): " +
                     "the header and the data do not match, or two files were joined.", e.Problem);
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("forward-only")]
    public void AHeaderThatPromisesGigabytesDoesNotAllocateThem(string how)
    {
        // 2,000,000,000 labels promised, 10 present: the reader must find out without allocating 2 GB first.
        var bytes = IdxFiles.Build([2_000_000_000], new byte[10]);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<DataFormatException>(() => how == "gzip"
            ? Idx.Read(new MemoryStream(IdxFiles.Gzip(bytes)), "labels")
            : Idx.Read(new ForwardOnlyStream(bytes), "labels"));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal("has 10 bytes of label data but its header promises 2,000,000,000: the file is truncated — download it again.", e.Problem);
        Assert.True(allocated < 100L << 20, $"allocated {allocated:N0} bytes");
    }

    [Fact]
    public void APlainFileOfKnownLengthIsCheckedBeforeAllocating()
    {
        var bytes = IdxFiles.Build([2_000_000_000], new byte[10]);
        long before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Throws<DataFormatException>(() => IdxFiles.Read(bytes));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1L << 20);
    }
}
