using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using CourseKit.Tests.Data.Sources;
using CourseKit.Tests.Keras.Models;

namespace CourseKit.Tests.Keras.Saving;

/// <summary>A damaged, truncated or mistaken model file is refused with a message naming the file and what is wrong;
/// it never loads with silently changed weights.</summary>
[Collection(KerasCollection.Name)]
public class ModelFileIntegrityTests
{
    public ModelFileIntegrityTests() => Model.ClearSession();

    private static Sequential SmallModel()
    {
        Tensor.SetRandomSeed(7);
        var model = new Sequential([new Dense(16, inputShape: [4], activation: "relu"), new Dense(3, activation: "softmax")]);
        model.Compile("adam", "sparse_categorical_crossentropy");
        return model;
    }

    [Fact]
    public void AFlippedBitInTheCompressedWeightsIsReportedAsDamage()
    {
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, "model.keras");
        SmallModel().Save(path);
        var bytes = File.ReadAllBytes(path);
        var (start, length) = ZipBytes.EntryData(bytes, "model.weights.safetensors");
        bytes[start + length / 2] ^= 0x10;
        File.WriteAllBytes(path, bytes);

        var e = Assert.Throws<DataFormatException>(() => Model.Load(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("damaged", e.Message);
        Assert.Contains("model.weights.safetensors", e.Message);
        Assert.DoesNotContain("not a zip", e.Message);
    }

    [Fact]
    public void AFlippedBitInAStoredEntryIsReportedAsDamage()
    {
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, "model.keras");
        var model = SmallModel();
        model.Save(path);
        ZipBytes.Repack(path, CompressionLevel.NoCompression); // as another zip tool might write it: stored, no CourseKit seal
        var x = Tensor.RandomNormal([5, 4], seed: 1);
        Assert.Equal(model.Predict(x).ToArray(), Model.Load(path).Predict(x).ToArray()); // a valid stored archive loads

        var bytes = File.ReadAllBytes(path);
        var (start, length) = ZipBytes.EntryData(bytes, "model.weights.safetensors");
        bytes[start + length - 3] ^= 0x04; // inside the last number
        File.WriteAllBytes(path, bytes);
        var e = Assert.Throws<DataFormatException>(() => Model.Load(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("damaged", e.Message);
        Assert.Contains("model.weights.safetensors", e.Message);
    }

    [Fact]
    public void ABitFlippedAnywhereInASavedFileIsNoticed()
    {
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, "model.keras");
        SmallModel().Save(path);
        Assert.Empty(UnnoticedBitFlips(path, () => Model.Load(path)));
    }

    [Fact]
    public void ABitFlippedAnywhereInAWeightsFileIsNoticed()
    {
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, "w.safetensors");
        var model = SmallModel();
        model.SaveWeights(path);
        Assert.Empty(UnnoticedBitFlips(path, () => model.LoadWeights(path)));
    }

    /// <summary>Flips one bit in every 7th byte of the file in turn (a different bit each time) and loads it: the
    /// positions where loading did not fail with a message naming the file.</summary>
    private static List<string> UnnoticedBitFlips(string path, Action load)
    {
        var original = File.ReadAllBytes(path);
        var unnoticed = new List<string>();
        for (int position = 0; position < original.Length; position += 7)
        {
            var bytes = (byte[])original.Clone();
            bytes[position] ^= (byte)(1 << (position % 8));
            File.WriteAllBytes(path, bytes);
            try
            {
                load();
                unnoticed.Add($"byte {position} of {original.Length} ({original[position]:x2})");
            }
            catch (DataFormatException e) { Assert.Contains(path, e.Message); }
        }
        return unnoticed;
    }

    /// <summary>A changed bit is damage wherever it is: in a zip signature (the first bytes, the end record), the
    /// header length of a weights file, or a tensor's entry in its header. The message says "damaged", not "not a zip
    /// archive", "truncated" or a complaint about the entry the changed bit happened to hit.</summary>
    [Fact]
    public void ABitFlippedAnywhereIsReportedAsDamageNotAsAnotherProblem()
    {
        using var folder = new TempFolder();
        var model = SmallModel();
        string modelFile = Path.Combine(folder.Path, "model.keras"), weightsFile = Path.Combine(folder.Path, "w.safetensors");
        model.Save(modelFile);
        model.SaveWeights(weightsFile);
        int endRecord = File.ReadAllBytes(modelFile).Length - 22 - "CourseKit SHA-256 ".Length - 64;
        Assert.Empty(MisreportedBitFlips(modelFile, () => Model.Load(modelFile), [0, 1, 2, 3, endRecord, endRecord + 1, endRecord + 2, endRecord + 3]));
        Assert.Empty(MisreportedBitFlips(weightsFile, () => model.LoadWeights(weightsFile), [0, 1, 2, 3, 4, 5, 6, 7]));
    }

    /// <summary>Cut at any length, a file says it is truncated (or empty), never that it is a file of another kind.</summary>
    [Fact]
    public void AFileCutAtAnyLengthSaysItIsTruncated()
    {
        using var folder = new TempFolder();
        var model = SmallModel();
        string modelFile = Path.Combine(folder.Path, "model.keras"), weightsFile = Path.Combine(folder.Path, "w.safetensors");
        model.Save(modelFile);
        model.SaveWeights(weightsFile);
        foreach (var (path, load) in new (string, Action)[] { (modelFile, () => Model.Load(modelFile)), (weightsFile, () => model.LoadWeights(weightsFile)) })
        {
            var original = File.ReadAllBytes(path);
            var misreported = new List<string>();
            for (int length = path == modelFile ? 4 : 1; length < original.Length; length++)
            {
                File.WriteAllBytes(path, original[..length]);
                var e = Assert.Throws<DataFormatException>(load);
                if (!e.Problem.StartsWith("is truncated")) misreported.Add($"{length} bytes: {e.Problem}");
            }
            Assert.Empty(misreported);
        }
    }

    /// <summary>Flips one bit of every byte (and every bit of the bytes in <paramref name="everyBit"/>) in turn: the
    /// flips whose error does not say the file is damaged.</summary>
    private static List<string> MisreportedBitFlips(string path, Action load, int[] everyBit)
    {
        var original = File.ReadAllBytes(path);
        var misreported = new List<string>();
        for (int position = 0; position < original.Length; position++)
            foreach (int bit in everyBit.Contains(position) ? Enumerable.Range(0, 8) : [position % 8])
            {
                var bytes = (byte[])original.Clone();
                bytes[position] ^= (byte)(1 << bit);
                File.WriteAllBytes(path, bytes);
                try { load(); misreported.Add($"byte {position} bit {bit}: loaded"); }
                catch (DataFormatException e)
                {
                    if (!e.Message.Contains("is damaged")) misreported.Add($"byte {position} bit {bit}: {e.Problem}");
                }
            }
        File.WriteAllBytes(path, original);
        return misreported;
    }

    [Fact]
    public void ATruncatedModelFileSaysItIsTruncated()
    {
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, "model.keras");
        SmallModel().Save(path);
        var bytes = File.ReadAllBytes(path);
        foreach (int length in new[] { bytes.Length / 2, bytes.Length - 1, 40, 4 })
        {
            File.WriteAllBytes(path, bytes[..length]);
            var e = Assert.Throws<DataFormatException>(() => Model.Load(path));
            Assert.Contains(path, e.Message);
            Assert.Contains("truncated", e.Message);
        }
        File.WriteAllBytes(path, []);
        Assert.Contains("empty", Assert.Throws<DataFormatException>(() => Model.Load(path)).Message);
    }

    [Fact]
    public void EachLoadMethodNamesTheOtherForTheOthersFiles()
    {
        using var folder = new TempFolder();
        var model = SmallModel();
        string modelFile = Path.Combine(folder.Path, "model.keras"), weightsFile = Path.Combine(folder.Path, "model.safetensors");
        model.Save(modelFile);
        model.SaveWeights(weightsFile);

        var e = Assert.Throws<DataFormatException>(() => Model.Load(weightsFile));
        Assert.Contains(weightsFile, e.Message);
        Assert.Contains("LoadWeights", e.Message);
        e = Assert.Throws<DataFormatException>(() => model.LoadWeights(modelFile));
        Assert.Contains(modelFile, e.Message);
        Assert.Contains("Model.Load", e.Message);
    }

    [Fact]
    public void AFlippedBitInAWeightsFileIsReportedAsDamage()
    {
        using var folder = new TempFolder();
        var model = SmallModel();
        string path = Path.Combine(folder.Path, "w.safetensors");
        model.SaveWeights(path);
        var bytes = File.ReadAllBytes(path);
        bytes[^5] ^= 0x01;
        File.WriteAllBytes(path, bytes);
        var e = Assert.Throws<DataFormatException>(() => model.LoadWeights(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("damaged", e.Message);
    }

    [Fact]
    public void AWeightsFileWithMissingOrExtraBytesIsRefused()
    {
        using var folder = new TempFolder();
        var model = SmallModel();
        string path = Path.Combine(folder.Path, "w.safetensors");
        model.SaveWeights(path);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^4]);
        Assert.Contains("truncated", Assert.Throws<DataFormatException>(() => model.LoadWeights(path)).Message);
        File.WriteAllBytes(path, [.. bytes, 0, 0, 0, 0]);
        Assert.Contains("4 bytes after", Assert.Throws<DataFormatException>(() => model.LoadWeights(path)).Message);
    }

    /// <summary>Safetensors files written by other tools carry no CourseKit checksum: they load, but their header is
    /// checked strictly (the tensors must tile the data exactly, as the format requires).</summary>
    [Fact]
    public void AForeignWeightsFileIsCheckedStrictly()
    {
        using var folder = new TempFolder();
        var model = new Sequential([new Dense(2, inputShape: [3])]);
        string path = Path.Combine(folder.Path, "w.safetensors");
        float[] kernel = [1, 2, 3, 4, 5, 6], bias = [0.5f, -0.5f];

        ForeignSafeTensors.Write(path, """{"k":{"dtype":"F32","shape":[3,2],"data_offsets":[0,24]},"b":{"dtype":"F32","shape":[2],"data_offsets":[24,32]}}""", [.. kernel, .. bias]);
        model.LoadWeights(path);
        Assert.Equal(kernel, model.Weights[0].Value.ToArray());
        Assert.Equal(bias, model.Weights[1].Value.ToArray());

        (string Header, string Complaint)[] broken =
        [
            ("""{"k":{"dtype":"F32","shape":[3,2],"data_offsets":[0,24]},"b":{"dtype":"F32","shape":[2],"data_offsets":[16,24]}}""", "overlap"),
            ("""{"k":{"dtype":"F32","shape":[3,2],"data_offsets":[8,32]},"b":{"dtype":"F32","shape":[2],"data_offsets":[0,4]}}""", "shape (2,) but 4 bytes"),
            ("""{"k":{"dtype":"F32","shape":[3,2],"data_offsets":[0,24]},"b":{"dtype":"F32","shape":[2],"data_offsets":[24,"x"]}}""", "data_offsets"),
            ("""{"k":{"dtype":"F32","shape":[3,-2],"data_offsets":[0,24]},"b":{"dtype":"F32","shape":[2],"data_offsets":[24,32]}}""", "shape"),
            ("""{"k":{"dtype":"F32","shape":[3,2],"data_offsets":[0,24]},"b":{"dtype":"F32","shape":[2],"data_offsets":[24,32]},"__metadata__":{"n":3}}""", "__metadata__"),
            ("""[1,2]""", "JSON object"),
        ];
        foreach (var (header, complaint) in broken)
        {
            ForeignSafeTensors.Write(path, header, [.. kernel, .. bias]);
            var e = Assert.Throws<DataFormatException>(() => model.LoadWeights(path));
            Assert.Contains(path, e.Message);
            Assert.Contains(complaint, e.Message);
        }
    }
}

/// <summary>Writes a safetensors file by hand, as another tool would (no CourseKit checksum).</summary>
internal static class ForeignSafeTensors
{
    public static void Write(string path, string header, float[] numbers)
    {
        var json = Encoding.UTF8.GetBytes(header);
        var bytes = new byte[8 + json.Length + numbers.Length * 4];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)json.Length);
        json.CopyTo(bytes, 8);
        for (int i = 0; i < numbers.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(8 + json.Length + 4 * i), numbers[i]);
        File.WriteAllBytes(path, bytes);
    }
}

/// <summary>Finds and rewrites entries in a zip file's bytes, to damage them on purpose.</summary>
internal static class ZipBytes
{
    /// <summary>Where the (compressed) data of <paramref name="entry"/> lies, from its local header.</summary>
    public static (int Start, int Length) EntryData(byte[] zip, string entry)
    {
        var name = Encoding.UTF8.GetBytes(entry);
        for (int i = 0; i + 30 < zip.Length; i++)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(i)) != 0x04034b50) continue;
            int nameLength = BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(i + 26)), extraLength = BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(i + 28));
            if (!zip.AsSpan(i + 30, nameLength).SequenceEqual(name)) continue;
            return (i + 30 + nameLength + extraLength, (int)BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(i + 18)));
        }
        throw new InvalidOperationException($"no entry {entry}");
    }

    /// <summary>Writes the archive again with every entry at <paramref name="level"/>.</summary>
    public static void Repack(string path, CompressionLevel level)
    {
        var entries = new List<(string Name, byte[] Data)>();
        using (var zip = ZipFile.OpenRead(path))
            foreach (var entry in zip.Entries)
            {
                using var data = new MemoryStream();
                using (var stream = entry.Open()) stream.CopyTo(data);
                entries.Add((entry.FullName, data.ToArray()));
            }
        File.Delete(path);
        using var output = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (name, data) in entries)
            using (var stream = output.CreateEntry(name, level).Open()) stream.Write(data);
    }
}
