using System.Buffers.Binary;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace CourseKit;

/// <summary>
/// The zip archive a model file is: named entries (config.json, the safetensors files), each with the CRC-32 checksum
/// that zip stores for it. CourseKit also seals the archive: its zip comment holds a SHA-256 checksum of every byte
/// before the comment, so a change anywhere (an entry, a header, the directory) is noticed. Reading checks the seal
/// when there is one and every entry's CRC-32 always (the zip reader itself does not), and tells a truncated file
/// from a damaged one.
/// </summary>
internal static class ModelArchive
{
    private const string SealPrefix = "CourseKit SHA-256 ";
    private const int SealLength = 18 + 64; // the prefix and the digest's 64 hexadecimal digits
    private const uint LocalHeader = 0x04034b50, EndRecord = 0x06054b50;
    private const int EndRecordLength = 22;

    /// <summary>Writes the entries (name and bytes, in order) as a sealed zip archive to <paramref name="stream"/>, which
    /// must be empty, readable and seekable (the seal is computed by reading the archive back).</summary>
    public static void Write(Stream stream, IEnumerable<(string Name, byte[] Data)> entries)
    {
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (name, data) in entries)
                using (var entry = zip.CreateEntry(name).Open()) entry.Write(data);
        long covered = stream.Length - 2; // the end record closes the archive, with a comment length of 0
        stream.Position = 0;
        string seal;
        using (var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
        {
            var buffer = new byte[1 << 16];
            for (long left = covered; left > 0;)
            {
                int n = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
                if (n == 0) throw new EndOfStreamException("The archive being sealed ended early.");
                hash.AppendData(buffer, 0, n);
                left -= n;
            }
            seal = Seal(hash.GetHashAndReset());
        }
        Span<byte> length = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(length, (ushort)seal.Length);
        stream.Write(length);
        stream.Write(Encoding.ASCII.GetBytes(seal));
    }

    /// <summary>The zip comment that seals an archive whose bytes before the comment have this SHA-256 digest.</summary>
    private static string Seal(byte[] digest) => SealPrefix + Convert.ToHexString(digest).ToLowerInvariant();

    /// <summary>Whether a zip comment is (or was, before some damage) a CourseKit seal: the prefix, or the seal's length
    /// ending in 64 hexadecimal digits.</summary>
    private static bool IsSeal(string comment) =>
        comment.StartsWith(SealPrefix, StringComparison.Ordinal) ||
        comment.Length == SealLength && comment[SealPrefix.Length..].All(char.IsAsciiHexDigitLower);

    /// <summary>Whether <paramref name="bytes"/> start like a zip archive, or end like one CourseKit sealed (so that a
    /// damaged first header is reported as damage, not as a file of another kind).</summary>
    public static bool LooksLikeZip(ReadOnlySpan<byte> bytes) =>
        bytes.Length >= 4 && BinaryPrimitives.ReadUInt32LittleEndian(bytes) is LocalHeader or EndRecord || EndsWithSeal(bytes);

    /// <summary>Whether the last bytes of <paramref name="bytes"/> are a CourseKit seal (the zip comment Write adds)
    /// after an end record: a damaged seal or a damaged end-record signature still counts, but not both.</summary>
    private static bool EndsWithSeal(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < EndRecordLength + SealLength) return false;
        string comment = Encoding.ASCII.GetString(bytes[^SealLength..]);
        return IsSeal(comment) && (comment.StartsWith(SealPrefix, StringComparison.Ordinal) ||
                                   BinaryPrimitives.ReadUInt32LittleEndian(bytes[^(SealLength + EndRecordLength)..]) == EndRecord);
    }

    /// <summary>Every entry's bytes, by name, after checking the archive is complete and intact.</summary>
    /// <exception cref="DataFormatException">The archive is truncated or damaged; the message says which and where.</exception>
    public static Dictionary<string, byte[]> Read(byte[] bytes, string path)
    {
        int end = FindEndRecord(bytes, path);
        int commentLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(end + 20));
        string comment = Encoding.ASCII.GetString(bytes, end + EndRecordLength, commentLength);
        bool? sealIntact = IsSeal(comment) ? comment == Seal(SHA256.HashData(bytes.AsSpan(0, end + 20))) : null;
        var entries = Entries(bytes, path, checkEach: sealIntact != true); // an intact seal already vouches for every byte
        if (sealIntact == false)
            throw Damaged(path, "its bytes do not match the SHA-256 checksum Model.Save stored in it (the change is outside the entries' data: in the zip's headers or the checksum itself)");
        return entries;
    }

    /// <summary>Where the end-of-archive record starts; a file that stops before it is truncated.</summary>
    private static int FindEndRecord(byte[] bytes, string path)
    {
        for (int at = bytes.Length - EndRecordLength; at >= Math.Max(0, bytes.Length - EndRecordLength - ushort.MaxValue); at--)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at)) != EndRecord) continue;
            int expected = at + EndRecordLength + BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(at + 20));
            if (expected > bytes.Length)
            {
                if (bytes.Length - at - EndRecordLength == SealLength && IsSeal(Encoding.ASCII.GetString(bytes, at + EndRecordLength, SealLength)))
                    throw Damaged(path, "the length of its zip comment is wrong"); // the seal is all there: it is the length that changed
                break;
            }
            if (expected < bytes.Length) throw Damaged(path, $"it has {bytes.Length - expected:N0} unexpected bytes after the end of the zip archive");
            return at;
        }
        if (EndsWithSeal(bytes)) throw Damaged(path, "its end-of-archive record is not where its checksum says it is");
        throw new DataFormatException(path, $"is truncated: it ends after {bytes.Length:N0} bytes, before the end of its zip archive, so the save " +
                                            "or copy that wrote it was cut short. Use another copy of the file, or save the model again.");
    }

    /// <summary>Reads every entry; with <paramref name="checkEach"/>, checks its length and CRC-32.</summary>
    private static Dictionary<string, byte[]> Entries(byte[] bytes, string path, bool checkEach)
    {
        ZipArchive zip;
        IReadOnlyList<ZipArchiveEntry> list;
        try
        {
            zip = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read);
            list = zip.Entries; // the zip's directory is read here
        }
        catch (InvalidDataException e) { throw Damaged(path, $"its zip directory cannot be read ({e.Message})"); }
        using (zip)
        {
            var entries = new Dictionary<string, byte[]>();
            foreach (var entry in list)
            {
                if (entry.Length > Math.Min(int.MaxValue, 1100L * entry.CompressedLength + 1024)) // more than deflate can pack into it
                    throw Damaged(path, $"{entry.FullName} claims {entry.Length:N0} bytes, more than its {entry.CompressedLength:N0} compressed bytes can hold");
                var data = new byte[entry.Length];
                bool complete;
                try
                {
                    using var stream = entry.Open();
                    int read = stream.ReadAtLeast(data, data.Length, throwOnEndOfStream: false);
                    complete = read == data.Length && stream.ReadByte() < 0;
                }
                catch (InvalidDataException e) { throw Damaged(path, $"{entry.FullName} cannot be read ({e.Message})"); }
                if (!complete || checkEach && Crc32.Of(data) != entry.Crc32)
                    throw Damaged(path, $"{entry.FullName} does not match the length and CRC-32 checksum stored with it");
                if (!entries.TryAdd(entry.FullName, data))
                    throw Damaged(path, $"it holds {entry.FullName} twice");
            }
            return entries;
        }
    }

    private static DataFormatException Damaged(string path, string what) =>
        new(path, $"is damaged: {what}, so it changed after it was saved (a disk, download or copy error). " +
                  "Use another copy of the file, or save the model again.");
}
