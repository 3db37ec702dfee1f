namespace CourseKit.Tests.Tensors;

/// <summary>Assertions on tensor values shared by the tensor, operation, autograd and backend tests.</summary>
public static class TensorAssert
{
    /// <summary>The tensor has exactly this shape and exactly these numbers (row-major).</summary>
    public static void Exact(Tensor actual, int[] shape, params float[] expected)
    {
        Assert.Equal(shape, actual.Shape);
        Assert.Equal(expected, actual.ToArray());
    }

    /// <summary>The tensor has this shape and numbers within <paramref name="tolerance"/> (absolute, plus the same relative to the expected value).</summary>
    public static void Close(Tensor actual, int[] shape, float[] expected, double tolerance = 1e-5)
    {
        Assert.Equal(shape, actual.Shape);
        Close(expected, actual.ToArray(), tolerance);
    }

    public static void Close(float[] expected, float[] actual, double tolerance = 1e-5)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            double e = expected[i], a = actual[i];
            if (float.IsNaN(expected[i]) || float.IsInfinity(expected[i]))
            {
                Assert.True(e.Equals(a), $"Element {i}: expected {e}, got {a}.");
                continue;
            }
            Assert.True(Math.Abs(e - a) <= tolerance * (1 + Math.Abs(e)), $"Element {i}: expected {e}, got {a} (tolerance {tolerance}).");
        }
    }

    /// <summary>Same as <see cref="Close(float[], float[], double)"/> against double-precision expectations.</summary>
    public static void Close(double[] expected, float[] actual, double tolerance = 1e-5)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance * (1 + Math.Abs(expected[i])),
                $"Element {i}: expected {expected[i]}, got {actual[i]} (tolerance {tolerance}).");
    }

    /// <summary>A reproducible array of numbers in [min, max) (independent of the library's own generator).</summary>
    public static float[] RandomArray(int length, int seed, float min = -1, float max = 1)
    {
        var r = new Random(seed);
        var data = new float[length];
        for (int i = 0; i < length; i++) data[i] = min + (max - min) * (float)r.NextDouble();
        return data;
    }
}
