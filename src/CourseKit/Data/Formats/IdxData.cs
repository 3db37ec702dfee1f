using System.Numerics.Tensors;

namespace CourseKit;

/// <summary>
/// The contents of an IDX file as <see cref="Idx.Read(string)"/> found them: the size of each dimension and the
/// bytes, row-major. For the MNIST training images <see cref="Dimensions"/> is [60000, 28, 28] and
/// <see cref="Data"/> holds 60000 × 28 × 28 grey values; for the labels it is [60000] and one digit per byte.
/// </summary>
public sealed class IdxData
{
    internal IdxData(int[] dimensions, byte[] data, string source)
    {
        Dimensions = Array.AsReadOnly(dimensions);
        Data = data;
        Source = source;
    }

    /// <summary>The size of each dimension, e.g. [10000, 28, 28] for 10,000 images of 28×28 pixels.</summary>
    public IReadOnlyList<int> Dimensions { get; }

    /// <summary>Every value as a byte (0–255), row-major: the last dimension varies fastest.</summary>
    public byte[] Data { get; }

    /// <summary>The size of the first dimension: how many images (or labels) the file holds.</summary>
    public int Count => Dimensions[0];

    /// <summary>The file (or stream name) the data was read from.</summary>
    public string Source { get; }

    /// <summary>
    /// The values as a float tensor with shape <see cref="Dimensions"/>: grey values stay 0–255 (divide by 255 to
    /// scale them to 0–1), labels stay class indices.
    /// </summary>
    public Tensor ToTensor(Device? device = null)
    {
        var values = GC.AllocateUninitializedArray<float>(Data.Length);
        TensorPrimitives.ConvertTruncating<byte, float>(Data, values);   // values[i] = Data[i], many at a time
        return Tensor.Adopt(values, [.. Dimensions], device);   // byte values are always finite
    }

    /// <summary>One line: the dimensions and where they came from, e.g. "10,000 × 28 × 28 bytes from t10k-images-idx3-ubyte.gz".</summary>
    public override string ToString() =>
        $"{FormatText.Sizes(Dimensions)} bytes from {Source}";
}
