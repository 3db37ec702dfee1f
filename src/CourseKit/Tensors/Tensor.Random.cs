namespace CourseKit;

public sealed partial class Tensor
{
    private static readonly object RandomLock = new();
    private static Random _random = new();

    /// <summary>
    /// Makes every random tensor (and, later, every weight initialisation and shuffle) reproducible, like
    /// <c>keras.utils.set_random_seed</c>: run a notebook twice with the same seed and get the same numbers.
    /// </summary>
    public static void SetRandomSeed(int seed)
    {
        lock (RandomLock) _random = new Random(seed);
    }

    /// <summary>Numbers drawn from a normal distribution with the given mean and standard deviation.</summary>
    public static Tensor RandomNormal(int[] shape, float mean = 0, float stddev = 1, int? seed = null, Device? device = null, bool requiresGrad = false) =>
        Sample(shape, seed, device, requiresGrad, r => mean + stddev * (float)Gaussian(r));

    /// <summary>Numbers drawn uniformly from [minval, maxval).</summary>
    public static Tensor RandomUniform(int[] shape, float minval = 0, float maxval = 1, int? seed = null, Device? device = null, bool requiresGrad = false)
    {
        if (!(maxval > minval)) throw new ArgumentException($"RandomUniform: maxval ({maxval}) must be greater than minval ({minval}).", nameof(maxval));
        return Sample(shape, seed, device, requiresGrad, r => minval + (maxval - minval) * (float)r.NextDouble());
    }

    /// <summary>A normal distribution cut at two standard deviations (values further out are drawn again), as Keras's <c>TruncatedNormal</c>.</summary>
    public static Tensor TruncatedNormal(int[] shape, float mean = 0, float stddev = 1, int? seed = null, Device? device = null, bool requiresGrad = false) =>
        Sample(shape, seed, device, requiresGrad, r => mean + stddev * (float)TruncatedGaussian(r));

    /// <summary>Keras's default kernel initialiser: uniform in ±√(6 / (fanIn + fanOut)).</summary>
    public static Tensor GlorotUniform(int[] shape, int? seed = null, Device? device = null, bool requiresGrad = false)
    {
        var (fanIn, fanOut) = Fans(shape);
        float limit = MathF.Sqrt(6f / (fanIn + fanOut));
        return RandomUniform(shape, -limit, limit, seed, device, requiresGrad);
    }

    /// <summary>Glorot (Xavier) normal: truncated normal with standard deviation √(2 / (fanIn + fanOut)).</summary>
    public static Tensor GlorotNormal(int[] shape, int? seed = null, Device? device = null, bool requiresGrad = false)
    {
        var (fanIn, fanOut) = Fans(shape);
        return ScaledTruncatedNormal(shape, 2f / (fanIn + fanOut), seed, device, requiresGrad);
    }

    /// <summary>He normal (good before ReLU): truncated normal with standard deviation √(2 / fanIn).</summary>
    public static Tensor HeNormal(int[] shape, int? seed = null, Device? device = null, bool requiresGrad = false) =>
        ScaledTruncatedNormal(shape, 2f / Fans(shape).FanIn, seed, device, requiresGrad);

    /// <summary>He uniform: uniform in ±√(6 / fanIn).</summary>
    public static Tensor HeUniform(int[] shape, int? seed = null, Device? device = null, bool requiresGrad = false)
    {
        float limit = MathF.Sqrt(6f / Fans(shape).FanIn);
        return RandomUniform(shape, -limit, limit, seed, device, requiresGrad);
    }

    /// <summary>Keras's variance-scaling normal: the truncation narrows the spread, so the standard deviation is
    /// divided by 0.8796… (the standard deviation of a unit normal cut at ±2) to keep the intended variance.</summary>
    private static Tensor ScaledTruncatedNormal(int[] shape, float variance, int? seed, Device? device, bool requiresGrad) =>
        TruncatedNormal(shape, 0, MathF.Sqrt(variance) / 0.87962566103423978f, seed, device, requiresGrad);

    /// <summary>How many inputs feed each output and how many outputs each input feeds, as Keras computes them
    /// (a convolution kernel (kh, kw, in, out) counts its kh·kw window).</summary>
    internal static (int FanIn, int FanOut) Fans(int[] shape) => shape.Length switch
    {
        0 => (1, 1),
        1 => (shape[0], shape[0]),
        2 => (shape[0], shape[1]),
        _ => (ShapeMath.Size(shape.AsSpan(0, shape.Length - 2)) * shape[^2], ShapeMath.Size(shape.AsSpan(0, shape.Length - 2)) * shape[^1]),
    };

    private static Tensor Sample(int[] shape, int? seed, Device? device, bool requiresGrad, Func<Random, float> draw)
    {
        ArgumentNullException.ThrowIfNull(shape);
        CheckShape(shape, "Random tensor");
        var data = HostArray(shape, device);
        if (seed is int s)
        {
            var r = new Random(s);
            for (int i = 0; i < data.Length; i++) data[i] = draw(r);
        }
        else
            lock (RandomLock)
                for (int i = 0; i < data.Length; i++) data[i] = draw(_random);
        return FromData(data, shape, device, requiresGrad);
    }

    /// <summary>A standard normal number by the Box–Muller transform.</summary>
    private static double Gaussian(Random r) =>
        Math.Sqrt(-2.0 * Math.Log(1.0 - r.NextDouble())) * Math.Cos(2.0 * Math.PI * r.NextDouble());

    private static double TruncatedGaussian(Random r)
    {
        while (true)
        {
            double g = Gaussian(r);
            if (Math.Abs(g) <= 2) return g;
        }
    }
}
