using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using CourseKit.Interactive;

namespace CourseKit.Tests.Interactive;

/// <summary>The PNG writer's files decode: signature, IHDR, CRCs, and the zlib-compressed rows give back the pixels.</summary>
public class PngTests
{
    [Fact]
    public void GreyPixelsDecodeBack()
    {
        byte[] pixels = [0, 64, 128, 255, 10, 20];
        var png = Decode(Png.Encode(pixels, width: 3, height: 2, channels: 1));
        Assert.Equal((3, 2, 8, 0), (png.Width, png.Height, png.BitDepth, png.ColorType));
        Assert.Equal(pixels, png.Pixels);
    }

    [Fact]
    public void RgbPixelsAreScaledUpAsSquares()
    {
        byte[] pixels = [255, 0, 0, 0, 255, 0];   // one red and one green pixel
        var png = Decode(Png.Encode(pixels, width: 2, height: 1, channels: 3, scale: 2));
        Assert.Equal((4, 2, 2), (png.Width, png.Height, png.ColorType));
        byte[] row = [255, 0, 0, 255, 0, 0, 0, 255, 0, 0, 255, 0];
        Assert.Equal(row.Concat(row), png.Pixels);
    }

    [Fact]
    public void TensorImagesMapValuesToGreyLevels()
    {
        var zeroToOne = Tensor.FromArray(new float[,] { { 0, 0.5f, 1 }, { 1, 0.25f, 0 } }).AsImage(scale: 1);
        Assert.Equal(new byte[] { 0, 128, 255, 255, 64, 0 }, Decode(zeroToOne.ToPng()).Pixels);

        var bytes = Tensor.FromArray(new float[,] { { 0, 100, 255 } }).AsImage(scale: 1);
        Assert.Equal(new byte[] { 0, 100, 255 }, Decode(bytes.ToPng()).Pixels);

        var signed = Tensor.FromArray(new float[,] { { -2, 0, 2 } }).AsImage(scale: 1);
        Assert.Equal(new byte[] { 0, 128, 255 }, Decode(signed.ToPng()).Pixels);

        var fixedRange = Tensor.FromArray(new float[,] { { 0, 5, 10 } }).AsImage(scale: 1, min: 0, max: 5);
        Assert.Equal(new byte[] { 0, 255, 255 }, Decode(fixedRange.ToPng()).Pixels);

        var mnistSized = Tensor.Zeros([28, 28]).AsImage();
        Assert.Equal(5, mnistSized.Scale);
        Assert.Equal((140, 140), (Decode(mnistSized.ToPng()).Width, Decode(mnistSized.ToPng()).Height));

        // Small pictures are scaled by the smallest whole factor that makes the short side ≥ 128 px; a long strip
        // stops at 512 px across.
        Assert.Equal(26, Tensor.Zeros([5, 5]).AsImage().Scale);
        Assert.Equal(43, Tensor.Zeros([3, 3]).AsImage().Scale);
        Assert.Equal((129, 129), (Decode(Tensor.Zeros([3, 3]).AsImage().ToPng()).Width, Decode(Tensor.Zeros([3, 3]).AsImage().ToPng()).Height));
        Assert.Equal(5, Tensor.Zeros([2, 100]).AsImage().Scale);
        Assert.Equal(1, Tensor.Zeros([1, 600]).AsImage().Scale);
        Assert.Equal(1, Tensor.Zeros([200, 200]).AsImage().Scale);

        var rgb = Tensor.FromData([1, 0, 0, 0, 0, 1], [1, 2, 3]).AsImage(scale: 1);
        var decoded = Decode(rgb.ToPng());
        Assert.Equal(2, decoded.ColorType);
        Assert.Equal(new byte[] { 255, 0, 0, 0, 0, 255 }, decoded.Pixels);
    }

    [Fact]
    public void WrongSizesAreRefused()
    {
        Assert.Throws<ArgumentException>(() => Png.Encode(new byte[5], 2, 2, 1));
        Assert.Throws<ArgumentException>(() => Png.Encode(new byte[8], 2, 2, 2));
        var e = Assert.Throws<ShapeException>(() => Tensor.Zeros([10, 28, 28]).AsImage());
        Assert.Contains("images[0].AsImage()", e.Message);
    }

    /// <summary>CRC-32 bit by bit (the PNG/zlib polynomial), independent of the encoder's table-driven one.</summary>
    private static uint BitwiseCrc32(ReadOnlySpan<byte> bytes)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in bytes)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++) crc = (crc >> 1) ^ (0xEDB88320u & (uint)-(int)(crc & 1));
        }
        return ~crc;
    }

    private sealed record Decoded(int Width, int Height, int BitDepth, int ColorType, byte[] Pixels);

    /// <summary>A small PNG reader for unfiltered, non-interlaced 8-bit images: checks every chunk's CRC.</summary>
    private static Decoded Decode(byte[] file)
    {
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, file[..8]);
        int position = 8, width = 0, height = 0, depth = 0, colorType = 0;
        var idat = new MemoryStream();
        var types = new List<string>();
        while (position < file.Length)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(position));
            string type = Encoding.ASCII.GetString(file, position + 4, 4);
            var data = file.AsSpan(position + 8, length);
            uint crc = BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(position + 8 + length));
            Assert.Equal(BitwiseCrc32(file.AsSpan(position + 4, 4 + length)), crc);
            types.Add(type);
            if (type == "IHDR")
            {
                width = BinaryPrimitives.ReadInt32BigEndian(data);
                height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                depth = data[8];
                colorType = data[9];
                Assert.Equal(new byte[] { 0, 0, 0 }, data[10..13].ToArray());
            }
            if (type == "IDAT") idat.Write(data);
            position += 12 + length;
        }
        Assert.Equal(["IHDR", "IDAT", "IEND"], types);

        int channels = colorType == 2 ? 3 : 1, rowBytes = width * channels;
        idat.Position = 0;
        using var zlib = new ZLibStream(idat, CompressionMode.Decompress);
        var raw = new MemoryStream();
        zlib.CopyTo(raw);
        var bytes = raw.ToArray();
        Assert.Equal(height * (1 + rowBytes), bytes.Length);
        var pixels = new List<byte>();
        for (int y = 0; y < height; y++)
        {
            Assert.Equal(0, bytes[y * (1 + rowBytes)]);   // filter: none
            pixels.AddRange(bytes.AsSpan(y * (1 + rowBytes) + 1, rowBytes).ToArray());
        }
        return new Decoded(width, height, depth, colorType, [.. pixels]);
    }
}
