namespace CourseKit;

/// <summary>
/// A height and a width, for window sizes and strides of 2-D layers: write <c>3</c> for (3, 3) or <c>(3, 1)</c> for a
/// pair, as Keras takes <c>kernel_size=3</c> or <c>kernel_size=(3, 1)</c>.
/// </summary>
public readonly record struct Size2D(int Height, int Width)
{
    /// <summary>A square: <c>kernelSize: 3</c> means (3, 3).</summary>
    public static implicit operator Size2D(int size) => new(size, size);

    /// <summary>A pair: <c>strides: (2, 1)</c>.</summary>
    public static implicit operator Size2D((int Height, int Width) size) => new(size.Height, size.Width);

    /// <summary>The pair as a tuple, as the tensor operations take it.</summary>
    public (int Height, int Width) ToTuple() => (Height, Width);

    /// <summary>As Keras saves it in a config: [height, width].</summary>
    internal int[] ToArray() => [Height, Width];

    /// <summary>Fails unless both numbers are at least 1.</summary>
    internal Size2D RequirePositive(string layer, string argument) => Height >= 1 && Width >= 1 ? this
        : throw new ArgumentException($"{layer}: {argument} must be positive, got {this}.", argument);

    public override string ToString() => $"({Height}, {Width})";
}
