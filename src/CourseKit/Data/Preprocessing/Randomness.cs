using System.Globalization;

namespace CourseKit;

/// <summary>
/// Where the data helpers (splits, shuffles, generated datasets) get their random numbers: from <c>new Random(seed)</c>
/// when a seed is given, otherwise from the global generator that <see cref="Tensor.SetRandomSeed"/> seeds, so that one
/// <c>Tensor.SetRandomSeed(42)</c> at the top of a notebook makes every later shuffle reproducible too.
/// </summary>
internal static class Randomness
{
    /// <summary>
    /// A generator for one job. With a seed: <c>new Random(seed)</c> (the global generator is left alone). Without: a
    /// generator whose seed is drawn from the global one (two uniform draws through <see cref="Tensor.RandomUniform"/>,
    /// the only door the global generator has), so it follows <see cref="Tensor.SetRandomSeed"/>.
    /// </summary>
    internal static Random NextRandom(int? seed)
    {
        if (seed is int s) return new Random(s);
        var u = Tensor.RandomUniform([2], device: Device.Cpu).ToArray();
        // Each float in [0, 1) carries 24 random bits; two of them give a full 32-bit seed.
        uint high = (uint)Math.Min(u[0] * 16_777_216.0, 16_777_215);
        uint low = (uint)Math.Min(u[1] * 16_777_216.0, 16_777_215);
        return new Random(unchecked((int)((high << 8) ^ low)));
    }

    /// <summary>A standard normal number (mean 0, standard deviation 1) by the Box–Muller transform.</summary>
    internal static double NextGaussian(this Random random) =>
        Math.Sqrt(-2.0 * Math.Log(1.0 - random.NextDouble())) * Math.Cos(2.0 * Math.PI * random.NextDouble());

    /// <summary>0, 1, …, n − 1 in a random order (Fisher–Yates).</summary>
    internal static int[] Permutation(this Random random, int n)
    {
        var order = Enumerable.Range(0, n).ToArray();
        random.ShuffleInPlace(order);
        return order;
    }

    /// <summary>Shuffles a list in place (Fisher–Yates), the same way on every .NET version.</summary>
    internal static void ShuffleInPlace<T>(this Random random, IList<T> items)
    {
        for (int i = items.Count - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>How a seed is written in a dataset's source text.</summary>
    internal static string Describe(int? seed) => seed?.ToString(CultureInfo.InvariantCulture) ?? "global generator";
}
