using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;

namespace CourseKit.Cli.Assignments;

/// <summary>A label file that cannot be read: the message names the file and what is wrong.</summary>
public sealed class LabelFileException(string message) : Exception(message);

/// <summary>
/// Reads the true labels an accuracy test is judged against, from the course data folder, outside the student's
/// session: an IDX file of one dimension of unsigned bytes (MNIST's t10k-labels-idx1-ubyte, gzip-compressed or not),
/// or a text file with one whole number per line (blank lines ignored). Each file is read once.
/// </summary>
public sealed class LabelFiles(string? dataFolder)
{
    readonly Dictionary<string, ReportedValue> read = new(StringComparer.Ordinal);

    /// <summary>The labels of <paramref name="relativePath"/> (under the data folder) as an array of shape (n,).</summary>
    /// <exception cref="LabelFileException">There is no data folder, no such file, or it is neither format.</exception>
    public ReportedValue Read(string relativePath)
    {
        if (read.TryGetValue(relativePath, out var known)) return known;
        if (dataFolder is null)
            throw new LabelFileException($"an accuracy test is judged against the labels in {relativePath}, but no course data folder is known; " +
                                         "give it with --data DIR or the COURSEKIT_DATA variable");
        var path = Path.GetFullPath(Path.Combine(dataFolder, relativePath));
        if (!File.Exists(path))
            throw new LabelFileException($"the labels file {relativePath} is not in the course data folder ({path} does not exist)");
        byte[] bytes;
        try { bytes = Unzipped(File.ReadAllBytes(path)); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            throw new LabelFileException($"the labels file {path} cannot be read: {e.Message}");
        }
        var labels = bytes is [0, 0, _, _, ..] ? Idx(bytes, path) : Text(bytes, path);
        return read[relativePath] = ReportedValue.Array([labels.Length], labels);
    }

    static byte[] Unzipped(byte[] bytes)
    {
        if (bytes is not [0x1F, 0x8B, ..]) return bytes;
        using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
        using var plain = new MemoryStream();
        gzip.CopyTo(plain);
        return plain.ToArray();
    }

    /// <summary>IDX: 0, 0, type 0x08 (unsigned bytes), 1 dimension, its size as a big-endian int32, then the labels.</summary>
    static double[] Idx(byte[] bytes, string path)
    {
        if (bytes.Length < 8 || bytes[2] != 0x08 || bytes[3] != 1)
            throw new LabelFileException($"the labels file {path} is not an IDX file of one dimension of unsigned bytes " +
                                         "(its header must be 00 00 08 01 and the count); give MNIST's *-labels-idx1-ubyte file, or a text file with one label per line");
        int count = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(4));
        if (count < 0 || bytes.Length - 8 != count)
            throw new LabelFileException($"the labels file {path} promises {count} labels but holds {bytes.Length - 8}; the file is damaged, download it again");
        return bytes[8..].Select(b => (double)b).ToArray();
    }

    static double[] Text(byte[] bytes, string path)
    {
        var labels = new List<double>();
        var lines = System.Text.Encoding.UTF8.GetString(bytes).Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0) continue;
            if (!long.TryParse(line, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var label))
                throw new LabelFileException($"the labels file {path}, line {i + 1}: «{(line.Length > 40 ? line[..40] + "…" : line)}» is not a whole number; " +
                                             "a text labels file holds one class number per line");
            labels.Add(label);
        }
        if (labels.Count == 0) throw new LabelFileException($"the labels file {path} holds no labels");
        return [.. labels];
    }
}
