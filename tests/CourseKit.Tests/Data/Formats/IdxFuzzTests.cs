using CourseKit.Tests.Data;
namespace CourseKit.Tests.Data.Formats;

/// <summary>
/// Damaged IDX files, many of them: every one must either read (with data matching its header) or fail with a
/// <see cref="DataFormatException"/>; never another exception, never a hang.
/// </summary>
public class IdxFuzzTests
{
    public static TheoryData<string> Files => ["hand-made", "hand-made.gz", "mnist-labels.gz", "mnist-labels", "mnist-images.gz"];

    private static byte[] Bytes(string file) => file switch
    {
        "hand-made" => HandMade(),
        "hand-made.gz" => IdxFiles.Gzip(HandMade()),
        "mnist-labels.gz" => File.ReadAllBytes(TestData.File("mnist-official", "t10k-labels-idx1-ubyte.gz")),
        "mnist-labels" => IdxFiles.Gunzip(File.ReadAllBytes(TestData.File("mnist-official", "t10k-labels-idx1-ubyte.gz"))),
        "mnist-images.gz" => File.ReadAllBytes(TestData.File("mnist", "t10k-images-idx3-ubyte.gz")),
        _ => throw new ArgumentException(file),
    };

    private static byte[] HandMade()
    {
        var random = new Random(7);
        var data = new byte[3 * 4 * 5];
        random.NextBytes(data);
        return IdxFiles.Build([3, 4, 5], data);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void TruncatedFilesFailWithADataFormatException(string file)
    {
        var bytes = Bytes(file);
        bool compressed = bytes[0] == 0x1F;
        Fuzz.Within(120, () =>
        {
            int index = 0;
            foreach (var truncated in Fuzz.Truncations(bytes, seed: 1000 + file.Length))
            {
                var outcome = Attempt(truncated);
                // An uncompressed file cut short can never be valid. (A gzip stream cut inside its 8-byte trailer may
                // still yield all the data, so for .gz files reading successfully is allowed.)
                if (!compressed) Assert.True(outcome is DataFormatException, $"truncation {index} (to {truncated.Length} bytes): {outcome}");
                else Assert.True(outcome is null or DataFormatException, $"truncation {index} (to {truncated.Length} bytes): {outcome}");
                index++;
            }
        });
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void CorruptedFilesReadOrFailWithADataFormatException(string file)
    {
        var bytes = Bytes(file);
        Fuzz.Within(120, () =>
        {
            int index = 0, failed = 0;
            foreach (var corrupted in Fuzz.Corruptions(bytes, seed: 2000 + file.Length))
            {
                var outcome = Attempt(corrupted);
                Assert.True(outcome is null or DataFormatException, $"corruption {index}: {outcome}");
                if (outcome is not null) failed++;
                index++;
            }
            Assert.True(failed > 0, "no corruption was detected at all: are the corruptions reaching the reader?");
        });
    }

    [Fact]
    public void CorruptedFilesReadFromAForwardOnlyStreamBehaveTheSame()
    {
        var bytes = Bytes("mnist-labels");
        Fuzz.Within(120, () =>
        {
            foreach (var corrupted in Fuzz.Corruptions(bytes, seed: 3000, count: 100))
            {
                var fromMemory = Attempt(corrupted);
                Exception? fromStream = null;
                try { Idx.Read(new ForwardOnlyStream(corrupted, chunk: 4096), "test.idx"); }
                catch (Exception e) { fromStream = e; }
                Assert.True(fromStream is null or DataFormatException, $"{fromStream}");
                Assert.Equal((fromMemory as DataFormatException)?.Problem, (fromStream as DataFormatException)?.Problem);
            }
        });
    }

    /// <summary>Reads the bytes; null when they read (after checking the result is consistent), else the exception.</summary>
    private static Exception? Attempt(byte[] bytes)
    {
        try
        {
            var data = IdxFiles.Read(bytes);
            long size = data.Dimensions.Aggregate(1L, (p, d) => p * d);
            Assert.Equal(size, data.Data.Length);
            Assert.All(data.Dimensions, d => Assert.True(d > 0));
            return null;
        }
        catch (Exception e) when (e is not Xunit.Sdk.XunitException)
        {
            return e;
        }
    }
}
