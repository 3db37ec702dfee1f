using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CourseKit;

/// <summary>
/// The safetensors format (used by Hugging Face, PyTorch and Keras tools): an 8-byte little-endian header length, a JSON
/// header mapping each tensor's name to its dtype, shape and byte range, then the raw little-endian numbers. Tensors are
/// written in the given order, which is kept when reading.
/// </summary>
internal static class SafeTensors
{
    public static void Write(Stream stream, IReadOnlyList<(string Name, Tensor Value)> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var header = new JsonObject();
        if (metadata is not null) header["__metadata__"] = new JsonObject(metadata.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value)));
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
        Span<byte> length = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)padded);
        stream.Write(length);
        stream.Write(json);
        for (int i = json.Length; i < padded; i++) stream.WriteByte((byte)' ');
        foreach (var (_, value) in tensors)
        {
            var numbers = value.ToArray();
            var raw = new byte[numbers.Length * 4];
            for (int i = 0; i < numbers.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(raw.AsSpan(i * 4), numbers[i]);
            stream.Write(raw);
        }
    }

    /// <summary>Reads every tensor (in file order) and the metadata; <paramref name="name"/> names the source in errors.</summary>
    public static (List<(string Name, Tensor Value)> Tensors, Dictionary<string, string> Metadata) Read(Stream stream, string name)
    {
        var lengthBytes = new byte[8];
        if (ReadFully(stream, lengthBytes) < 8) throw new DataFormatException(name, "is too short to be a safetensors file (no header length).");
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(lengthBytes);
        if (headerLength == 0 || headerLength > 100_000_000)
            throw new DataFormatException(name, $"is not a safetensors file (its header would be {headerLength:N0} bytes).");
        var headerBytes = new byte[headerLength];
        if (ReadFully(stream, headerBytes) < headerBytes.Length) throw new DataFormatException(name, "ends inside its safetensors header (truncated).");
        JsonObject header;
        try { header = JsonNode.Parse(Encoding.UTF8.GetString(headerBytes).TrimEnd())!.AsObject(); }
        catch (Exception e) when (e is JsonException or InvalidOperationException or NullReferenceException)
        {
            throw new DataFormatException(name, $"has a safetensors header that is not a JSON object: {e.Message}");
        }
        using var data = new MemoryStream();
        stream.CopyTo(data);
        var bytes = new ArraySegment<byte>(data.GetBuffer(), 0, (int)data.Length);
        var metadata = new Dictionary<string, string>();
        var entries = new List<(string Name, long Start, long End, int[] Shape)>();
        foreach (var (key, node) in header)
        {
            if (key == "__metadata__")
            {
                foreach (var (mk, mv) in node!.AsObject()) metadata[mk] = mv?.GetValue<string>() ?? "";
                continue;
            }
            var entry = node as JsonObject ?? throw new DataFormatException(name, $"entry '{key}' is not an object.");
            string dtype = entry["dtype"]?.GetValue<string>() ?? "";
            if (dtype != "F32") throw new DataFormatException(name, $"tensor '{key}' has dtype {dtype}; CourseKit reads F32 (float32) tensors.");
            var shape = entry["shape"]?.AsArray().Select(d => d!.GetValue<int>()).ToArray() ?? throw new DataFormatException(name, $"tensor '{key}' has no shape.");
            var offsets = entry["data_offsets"]?.AsArray().Select(d => d!.GetValue<long>()).ToArray();
            if (offsets is not { Length: 2 } || offsets[0] < 0 || offsets[1] < offsets[0] || offsets[1] > bytes.Count)
                throw new DataFormatException(name, $"tensor '{key}' points outside the file's {bytes.Count:N0} data bytes (truncated?).");
            if (offsets[1] - offsets[0] != ShapeMath.Size(shape) * 4L)
                throw new DataFormatException(name, $"tensor '{key}' has shape {ShapeMath.Format(shape)} but {offsets[1] - offsets[0]:N0} bytes.");
            entries.Add((key, offsets[0], offsets[1], shape));
        }
        var tensors = entries.OrderBy(e => e.Start).Select(e =>
        {
            var numbers = new float[(e.End - e.Start) / 4];
            for (int i = 0; i < numbers.Length; i++) numbers[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan((int)e.Start + i * 4, 4));
            if (numbers.Length == 0) throw new DataFormatException(name, $"tensor '{e.Name}' is empty.");
            return (e.Name, Tensor.FromData(numbers, e.Shape));
        }).ToList();
        return (tensors, metadata);
    }

    private static int ReadFully(Stream stream, byte[] buffer)
    {
        int total = 0, n;
        while (total < buffer.Length && (n = stream.Read(buffer, total, buffer.Length - total)) > 0) total += n;
        return total;
    }
}
