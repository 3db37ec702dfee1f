using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CourseKit;

/// <summary>
/// The safetensors format (used by Hugging Face, PyTorch and Keras tools): an 8-byte little-endian header length, a JSON
/// header mapping each tensor's name to its dtype, shape and byte range, then the raw little-endian numbers. Tensors are
/// written in the given order, which is kept when reading. Numbers are kept exactly, NaN and infinity included.
/// <para>CourseKit also stores a SHA-256 checksum of the whole file in the header's metadata
/// (<see cref="ChecksumKey"/>, computed with the checksum's own digits as zeros), so that a damaged file is refused
/// rather than loaded with changed numbers. Files from other tools have none; their layout is still checked strictly.</para>
/// </summary>
internal static class SafeTensors
{
    public const string ChecksumKey = "coursekit_sha256";
    private static readonly string Unsealed = new('0', 64);
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The file's bytes.</summary>
    public static byte[] Encode(IReadOnlyList<(string Name, Tensor Value)> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var header = new JsonObject();
        var meta = new JsonObject { [ChecksumKey] = Unsealed };
        foreach (var (key, value) in metadata ?? new Dictionary<string, string>()) meta[key] = value;
        header["__metadata__"] = meta;
        long offset = 0;
        foreach (var (name, value) in tensors)
        {
            if (name == "__metadata__" || header.ContainsKey(name)) throw new ArgumentException($"Tensor name '{name}' is used twice or reserved.");
            long bytes = value.Size * 4L;
            header[name] = new JsonObject
            {
                ["dtype"] = "F32",
                ["shape"] = new JsonArray(value.ShapeView.Select(d => (JsonNode?)d).ToArray()),
                ["data_offsets"] = new JsonArray(offset, offset + bytes),
            };
            offset += bytes;
        }
        var json = Encoding.UTF8.GetBytes(header.ToJsonString());
        int padded = (json.Length + 7) / 8 * 8; // the data starts 8-byte aligned; the header is padded with spaces
        var file = new byte[8 + padded + offset];
        BinaryPrimitives.WriteUInt64LittleEndian(file, (ulong)padded);
        json.CopyTo(file, 8);
        file.AsSpan(8 + json.Length, padded - json.Length).Fill((byte)' ');
        int position = 8 + padded;
        foreach (var (_, value) in tensors)
        {
            var numbers = value.ToArray();
            if (BitConverter.IsLittleEndian) MemoryMarshal.AsBytes(numbers.AsSpan()).CopyTo(file.AsSpan(position));
            else for (int i = 0; i < numbers.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(file.AsSpan(position + 4 * i), numbers[i]);
            position += numbers.Length * 4;
        }
        int digits = ChecksumDigits(file, 8 + padded);
        Encoding.ASCII.GetBytes(Convert.ToHexString(SHA256.HashData(file)).ToLowerInvariant(), file.AsSpan(digits));
        return file;
    }

    /// <summary>Whether <paramref name="bytes"/> start like a safetensors file (a header length, then a JSON object).</summary>
    public static bool LooksLikeSafeTensors(ReadOnlySpan<byte> bytes) =>
        bytes.Length > 9 && BinaryPrimitives.ReadUInt64LittleEndian(bytes) is > 1 and < 100_000_000 && bytes[8] == (byte)'{';

    /// <summary>Reads every tensor (in file order) and the metadata; <paramref name="name"/> names the source in errors.</summary>
    /// <exception cref="DataFormatException">The bytes are not a complete, intact safetensors file of float32 tensors.</exception>
    /// <remarks>A file that carries CourseKit's checksum and fails it is reported as damaged whatever else looks wrong
    /// (a changed bit in the header length or a tensor's entry is damage too), unless the file is truncated: its header
    /// is whole and consistent, and the numbers it describes stop early.</remarks>
    public static (List<(string Name, Tensor Value)> Tensors, Dictionary<string, string> Metadata) Read(byte[] bytes, string name)
    {
        if (bytes.Length == 0) throw new DataFormatException(name, "is empty (0 bytes).");
        if (bytes.Length < 8) throw new DataFormatException(name, $"is truncated: its {bytes.Length} bytes cannot even hold a safetensors header length.");
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        bool? intact = IsIntact(bytes, (int)Math.Min((ulong)bytes.Length, 8 + Math.Min(headerLength, MaxHeaderLength)));
        DataFormatException Wrong(string problem) => intact == false ? Damaged(name) : new DataFormatException(name, problem);

        if (headerLength < 2 || headerLength > MaxHeaderLength)
            throw Wrong($"is not a safetensors file (its header would be {headerLength:N0} bytes).");
        int dataStart = 8 + (int)headerLength;
        if (dataStart > bytes.Length)
            throw HeaderEndsWithin(bytes) is long jsonEnd && (ulong)(jsonEnd - 8 + 7) / 8 * 8 < headerLength
                ? Wrong($"says its header is {headerLength:N0} bytes, but the file has only {bytes.Length:N0}: the header length is wrong.")
                : new DataFormatException(name, $"is truncated: it ends after {bytes.Length:N0} bytes, inside its {headerLength:N0}-byte safetensors header.");
        long dataLength = bytes.Length - dataStart;
        var header = ParseHeader(bytes.AsSpan(8, (int)headerLength)) ?? throw Wrong("has a safetensors header that is not a JSON object.");
        List<(string Name, long Start, long End, int[] Shape)> entries;
        Dictionary<string, string> metadata;
        try { (entries, metadata) = Layout(header, name); }
        catch (DataFormatException) when (intact == false) { throw Damaged(name); }
        long end = 0;
        foreach (var e in entries.OrderBy(e => e.Start))
        {
            if (e.Start < end) throw Wrong($"tensor '{e.Name}' (bytes {e.Start:N0}–{e.End:N0}) overlaps another tensor.");
            if (e.Start > end) throw Wrong($"has a gap of {e.Start - end:N0} bytes before tensor '{e.Name}'; the tensors must fill the data without gaps.");
            end = e.End;
        }
        if (end > dataLength)
            throw new DataFormatException(name, $"is truncated: its header describes {end:N0} bytes of numbers, but only {dataLength:N0} follow it.");
        if (end < dataLength) throw new DataFormatException(name, $"has {dataLength - end:N0} bytes after its last tensor (damaged, or not a safetensors file).");
        if (intact == false) throw Damaged(name);
        var tensors = entries.OrderBy(e => e.Start).Select(e =>
        {
            var numbers = new float[(e.End - e.Start) / 4];
            var raw = bytes.AsSpan(dataStart + (int)e.Start, numbers.Length * 4);
            if (BitConverter.IsLittleEndian) raw.CopyTo(MemoryMarshal.AsBytes(numbers.AsSpan()));
            else for (int i = 0; i < numbers.Length; i++) numbers[i] = BinaryPrimitives.ReadSingleLittleEndian(raw[(4 * i)..]);
            return (e.Name, Tensor.Saved(numbers, e.Shape));
        }).ToList();
        return (tensors, metadata);
    }

    private const ulong MaxHeaderLength = 100_000_000;

    private static DataFormatException Damaged(string name) =>
        new(name, "is damaged: its bytes do not match the checksum stored when it was saved (a disk, download or copy error). " +
                  "Use another copy of the file, or save the weights again.");

    /// <summary>Where the JSON header that starts at byte 8 really ends, when it ends inside the file (null when the
    /// file stops inside it, or it is not JSON): a header length beyond that (and its padding to 8 bytes) is wrong.</summary>
    private static long? HeaderEndsWithin(byte[] bytes)
    {
        var reader = new Utf8JsonReader(bytes.AsSpan(8), isFinalBlock: false, state: default);
        try { return reader.Read() && reader.TokenType == JsonTokenType.StartObject && reader.TrySkip() ? 8 + reader.BytesConsumed : null; }
        catch (JsonException) { return null; }
    }

    /// <summary>Each tensor's name, byte range and shape, and the metadata, checked strictly.</summary>
    private static (List<(string Name, long Start, long End, int[] Shape)>, Dictionary<string, string>) Layout(JsonObject header, string name)
    {
        var metadata = new Dictionary<string, string>();
        var entries = new List<(string Name, long Start, long End, int[] Shape)>();
        foreach (var (key, node) in header)
        {
            if (key == "__metadata__")
            {
                if (node is not JsonObject meta) throw new DataFormatException(name, "has a \"__metadata__\" that is not an object of strings.");
                foreach (var (mk, mv) in meta)
                    metadata[mk] = ConfigReader.Text(mv) ?? throw new DataFormatException(name, $"\"__metadata__\" entry '{mk}' is not a string.");
                continue;
            }
            var entry = node as JsonObject ?? throw new DataFormatException(name, $"entry '{key}' is not an object.");
            string dtype = ConfigReader.Text(entry["dtype"]) ?? "(none)";
            if (dtype != "F32") throw new DataFormatException(name, $"tensor '{key}' has dtype {dtype}; CourseKit reads F32 (float32) tensors.");
            var shape = Integers(entry["shape"])?.Select(d => d is >= 1 and <= int.MaxValue ? (int)d : -1).ToArray();
            if (shape is null || shape.Contains(-1))
                throw new DataFormatException(name, $"tensor '{key}' has shape {entry["shape"]?.ToJsonString() ?? "(none)"}; a shape is a list of sizes of at least 1.");
            var offsets = Integers(entry["data_offsets"]);
            if (offsets is not { Length: 2 } || offsets[0] < 0 || offsets[1] < offsets[0])
                throw new DataFormatException(name, $"tensor '{key}' has data_offsets {entry["data_offsets"]?.ToJsonString() ?? "(none)"}; they should be [start, end] byte positions.");
            if (offsets[1] - offsets[0] != ShapeMath.Size(shape) * 4L)
                throw new DataFormatException(name, $"tensor '{key}' has shape {ShapeMath.Format(shape)} but {offsets[1] - offsets[0]:N0} bytes (a float32 takes 4).");
            if (entry.Count != 3) throw new DataFormatException(name, $"tensor '{key}' has keys other than dtype, shape and data_offsets.");
            entries.Add((key, offsets[0], offsets[1], shape));
        }
        return (entries, metadata);
    }

    private static JsonObject? ParseHeader(ReadOnlySpan<byte> header)
    {
        try { return JsonNode.Parse(StrictUtf8.GetString(header)) as JsonObject; }
        catch (Exception e) when (e is JsonException or DecoderFallbackException) { return null; }
    }

    private static long[]? Integers(JsonNode? node) =>
        node is JsonArray a && a.All(e => ConfigReader.AsNumber(e) is double d && d == Math.Floor(d) && Math.Abs(d) < 1e15)
            ? a.Select(e => (long)ConfigReader.AsNumber(e)!.Value).ToArray() : null;

    /// <summary>Whether the file matches the checksum CourseKit stored in it; null when it holds none.</summary>
    private static bool? IsIntact(byte[] bytes, int dataStart)
    {
        int digits = ChecksumDigits(bytes, dataStart);
        if (digits < 0) return null;
        string stored = Encoding.ASCII.GetString(bytes, digits, 64);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(bytes, 0, digits);
        hash.AppendData(Encoding.ASCII.GetBytes(Unsealed));
        hash.AppendData(bytes, digits + 64, bytes.Length - digits - 64);
        return stored == Convert.ToHexString(hash.GetHashAndReset()).ToLowerInvariant();
    }

    /// <summary>Where the 64 checksum digits start in the header, or −1. CourseKit writes the checksum first in the
    /// metadata, so digits in that place count even when the key before them was damaged.</summary>
    private static int ChecksumDigits(byte[] bytes, int dataStart)
    {
        var header = bytes.AsSpan(8, dataStart - 8);
        var key = Encoding.ASCII.GetBytes($"\"{ChecksumKey}\":\"");
        int at = header.IndexOf(key);
        if (at >= 0) return at + key.Length + 64 <= header.Length ? 8 + at + key.Length : -1;
        int place = "{\"__metadata__\":{".Length + key.Length; // where CourseKit puts the digits
        return header.StartsWith("{\"__metadata__\":{"u8) && place + 64 <= header.Length
               && header.Slice(place, 64).IndexOfAnyExcept("0123456789abcdef"u8) < 0 ? 8 + place : -1;
    }
}
