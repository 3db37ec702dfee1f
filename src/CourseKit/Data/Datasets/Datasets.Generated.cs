using System.Globalization;

namespace CourseKit;

/// <summary>
/// Datasets for the course: small real ones to load (nested classes such as <c>Datasets.Banknote</c>) and two-feature
/// toy problems generated on the spot (<see cref="Moons"/>, <see cref="Circles"/>, <see cref="Spirals"/>, …), the
/// classic pictures for decision boundaries.
/// </summary>
/// <remarks>
/// Every generated dataset is a <see cref="TabularDataset"/> with features x1 and x2 (shape (n, 2)), class indices
/// 0, 1, … as targets (shape (n,)) and class names "0", "1", …; its <c>Source</c> says how it was made. Examples are
/// shuffled. With a <c>seed</c> the data are the same every time; without one they come from the global generator, so
/// <see cref="Tensor.SetRandomSeed"/> makes them reproducible too. Noise is Gaussian with standard deviation
/// <c>noise</c>, added to both coordinates.
/// </remarks>
public static partial class Datasets
{
    private static readonly string[] TwoFeatures = ["x1", "x2"];

    /// <summary>
    /// The XOR truth table, the problem a single neuron cannot solve: (0, 0) → 0, (0, 1) → 1, (1, 0) → 1, (1, 1) → 0,
    /// in that order.
    /// </summary>
    public static TabularDataset Xor() => new(
        "xor",
        Tensor.FromArray(new float[,] { { 0, 0 }, { 0, 1 }, { 1, 0 }, { 1, 1 } }),
        Tensor.FromArray(new float[] { 0, 1, 1, 0 }),
        TwoFeatures, "generated: XOR truth table (x1 XOR x2)", ClassNames(2));

    /// <summary>
    /// Two interleaving half circles, as scikit-learn's <c>make_moons</c>: class 0 on the upper half of the unit
    /// circle, (cos t, sin t); class 1 on a lower half circle shifted right and down, (1 − cos t, 0.5 − sin t); t evenly
    /// spaced in [0, π]. Not linearly separable, but a small hidden layer separates them.
    /// </summary>
    /// <param name="samples">Number of points: ⌊samples / 2⌋ in class 0, the rest in class 1 (at least 2).</param>
    /// <param name="noise">Standard deviation of the Gaussian noise added to each coordinate (0.1–0.3 makes it realistic).</param>
    /// <param name="seed">Makes the noise and the order reproducible.</param>
    public static TabularDataset Moons(int samples = 100, float noise = 0, int? seed = null)
    {
        const string op = "Datasets.Moons";
        CheckSamples(op, samples, 2, "one per moon");
        CheckNoise(op, noise);
        int outer = samples / 2, inner = samples - outer;
        var points = new List<(double X1, double X2, int Label)>(samples);
        foreach (double t in Linspace(0, Math.PI, outer, endpoint: true)) points.Add((Math.Cos(t), Math.Sin(t), 0));
        foreach (double t in Linspace(0, Math.PI, inner, endpoint: true)) points.Add((1 - Math.Cos(t), 1 - Math.Sin(t) - 0.5, 1));
        return Generated("moons", points, 2, noise, seed, $"moons(samples: {samples}, noise: {Text(noise)}, seed: {Randomness.Describe(seed)})");
    }

    /// <summary>
    /// A small circle inside a large one, as scikit-learn's <c>make_circles</c>: class 0 on the unit circle, class 1 on
    /// a circle of radius <paramref name="factor"/>, both with evenly spaced angles. Needs a non-linear boundary (or the
    /// feature x1² + x2²).
    /// </summary>
    /// <param name="samples">Number of points: ⌊samples / 2⌋ on the outer circle, the rest on the inner one (at least 2).</param>
    /// <param name="noise">Standard deviation of the Gaussian noise added to each coordinate.</param>
    /// <param name="factor">Radius of the inner circle relative to the outer one, between 0 and 1 (exclusive).</param>
    /// <param name="seed">Makes the noise and the order reproducible.</param>
    public static TabularDataset Circles(int samples = 100, float noise = 0, float factor = 0.8f, int? seed = null)
    {
        const string op = "Datasets.Circles";
        CheckSamples(op, samples, 2, "one per circle");
        CheckNoise(op, noise);
        if (!(factor > 0 && factor < 1))
            throw new ArgumentException($"{op}: factor is the inner circle's radius relative to the outer one and must lie between 0 and 1 (e.g. 0.5), got {Text(factor)}.", nameof(factor));
        int outer = samples / 2, inner = samples - outer;
        var points = new List<(double X1, double X2, int Label)>(samples);
        foreach (double t in Linspace(0, 2 * Math.PI, outer, endpoint: false)) points.Add((Math.Cos(t), Math.Sin(t), 0));
        foreach (double t in Linspace(0, 2 * Math.PI, inner, endpoint: false)) points.Add((factor * Math.Cos(t), factor * Math.Sin(t), 1));
        return Generated("circles", points, 2, noise, seed, $"circles(samples: {samples}, noise: {Text(noise)}, factor: {Text(factor)}, seed: {Randomness.Describe(seed)})");
    }

    /// <summary>
    /// Two interleaved spirals, the hardest of the TensorFlow Playground's data sets. Point i of a spiral with m points
    /// lies at radius r = 5 · i / m and angle t = 1.75 · 2π · i / m + δ, at (r · sin t, r · cos t); class 0 has δ = 0,
    /// class 1 has δ = π (the same spiral turned half a turn). Each spiral winds 1.75 times around the origin.
    /// </summary>
    /// <param name="samples">Number of points: ⌊samples / 2⌋ on spiral 0, the rest on spiral 1 (at least 2).</param>
    /// <param name="noise">Standard deviation of the Gaussian noise added to each coordinate (the Playground adds uniform
    /// noise instead; 0.2–0.5 here looks similar).</param>
    /// <param name="seed">Makes the noise and the order reproducible.</param>
    public static TabularDataset Spirals(int samples = 100, float noise = 0, int? seed = null)
    {
        const string op = "Datasets.Spirals";
        CheckSamples(op, samples, 2, "one per spiral");
        CheckNoise(op, noise);
        var points = new List<(double X1, double X2, int Label)>(samples);
        int first = samples / 2;
        foreach (var (count, label) in new[] { (first, 0), (samples - first, 1) })
            for (int i = 0; i < count; i++)
            {
                double r = 5.0 * i / count;
                double t = 1.75 * 2 * Math.PI * i / count + label * Math.PI;
                points.Add((r * Math.Sin(t), r * Math.Cos(t), label));
            }
        return Generated("spirals", points, 2, noise, seed, $"spirals(samples: {samples}, noise: {Text(noise)}, seed: {Randomness.Describe(seed)})");
    }

    /// <summary>
    /// Round clouds of points, one per class, as scikit-learn's <c>make_blobs</c>: the centres are drawn uniformly in the
    /// box [−10, 10]², and each point is its centre plus Gaussian noise of standard deviation <paramref name="clusterStd"/>.
    /// Class k is the points around centre k. Good for k-means and for softmax with several classes.
    /// </summary>
    /// <param name="samples">Number of points, shared out evenly (the first samples mod centers classes get one more).</param>
    /// <param name="centers">Number of clouds, which is the number of classes (at least 1).</param>
    /// <param name="clusterStd">Spread of each cloud (standard deviation per coordinate, at least 0).</param>
    /// <param name="seed">Makes the centres, the points and the order reproducible.</param>
    public static TabularDataset Blobs(int samples = 100, int centers = 3, float clusterStd = 1, int? seed = null)
    {
        const string op = "Datasets.Blobs";
        if (centers < 1) throw new ArgumentException($"{op}: centers is the number of clouds (classes) and must be at least 1, got {centers}.", nameof(centers));
        CheckSamples(op, samples, centers, "one per centre");
        if (!(clusterStd >= 0) || !float.IsFinite(clusterStd))
            throw new ArgumentException($"{op}: clusterStd is a standard deviation and must be 0 or more, got {Text(clusterStd)}.", nameof(clusterStd));
        var random = Randomness.NextRandom(seed);
        var centres = Enumerable.Range(0, centers).Select(_ => (X1: -10 + 20 * random.NextDouble(), X2: -10 + 20 * random.NextDouble())).ToArray();
        var points = new List<(double X1, double X2, int Label)>(samples);
        for (int k = 0; k < centers; k++)
        {
            int count = samples / centers + (k < samples % centers ? 1 : 0);
            for (int i = 0; i < count; i++)
                points.Add((centres[k].X1 + clusterStd * random.NextGaussian(), centres[k].X2 + clusterStd * random.NextGaussian(), k));
        }
        return Finish("blobs", points, centers, random,
            $"blobs(samples: {samples}, centers: {centers}, clusterStd: {Text(clusterStd)}, seed: {Randomness.Describe(seed)}); " +
            "centres: " + string.Join(", ", centres.Select(c => $"({Text(c.X1)}, {Text(c.X2)})")));
    }

    /// <summary>
    /// Two classes that a straight line separates, with an empty band of width <paramref name="margin"/> between them:
    /// the perceptron's home ground. A random line is drawn (random direction, passing through a random point of
    /// [−1, 1]²); each class fills a 4 × 8 rectangle along its side of the line, starting margin / 2 away from it, so the
    /// closest points of the two classes are <paramref name="margin"/> apart. The line is written in <c>Source</c> as
    /// w1·x1 + w2·x2 = b with (w1, w2) a unit vector pointing towards class 1.
    /// </summary>
    /// <param name="samples">Number of points: ⌊samples / 2⌋ in class 0, the rest in class 1 (at least 2).</param>
    /// <param name="margin">Width of the empty band between the classes (0 or more; 0 lets them touch the line).</param>
    /// <param name="seed">Makes the line, the points and the order reproducible.</param>
    public static TabularDataset LinearlySeparable(int samples = 100, float margin = 0.5f, int? seed = null)
    {
        const string op = "Datasets.LinearlySeparable";
        CheckSamples(op, samples, 2, "one per class");
        if (!(margin >= 0) || !float.IsFinite(margin))
            throw new ArgumentException($"{op}: margin is the width of the gap between the classes and must be 0 or more, got {Text(margin)}.", nameof(margin));
        var random = Randomness.NextRandom(seed);
        double angle = 2 * Math.PI * random.NextDouble();
        var (w1, w2) = (Math.Cos(angle), Math.Sin(angle));      // unit normal of the line, towards class 1
        var (c1, c2) = (-1 + 2 * random.NextDouble(), -1 + 2 * random.NextDouble()); // a point on the line
        double b = w1 * c1 + w2 * c2;
        var points = new List<(double X1, double X2, int Label)>(samples);
        int first = samples / 2;
        foreach (var (count, label) in new[] { (first, 0), (samples - first, 1) })
            for (int i = 0; i < count; i++)
            {
                double across = (label == 1 ? 1 : -1) * (margin / 2.0 + 4 * random.NextDouble()); // distance from the line
                double along = -4 + 8 * random.NextDouble();
                points.Add((c1 + across * w1 - along * w2, c2 + across * w2 + along * w1, label));
            }
        return Finish("linearly separable", points, 2, random,
            $"linearly separable(samples: {samples}, margin: {Text(margin)}, seed: {Randomness.Describe(seed)}); " +
            $"boundary: {Text(w1)}·x1 + {Text(w2)}·x2 = {Text(b)}");
    }

    /// <summary>
    /// XOR as a cloud, like the TensorFlow Playground's "exclusive or" set: points uniform in [−5, 5]², each pushed 0.3
    /// away from both axes (so they lie in [−5.3, 5.3]², inside [−6, 6]², with a thin empty cross along the axes).
    /// Class 1 where x1 · x2 &gt; 0 (first and third quadrants), class 0 elsewhere. Noise is added after labelling, so
    /// with noise some points cross into the neighbouring quadrant.
    /// </summary>
    /// <param name="samples">Number of points (at least 2). The classes are only roughly balanced, as in the Playground.</param>
    /// <param name="noise">Standard deviation of the Gaussian noise added to each coordinate.</param>
    /// <param name="seed">Makes the points reproducible.</param>
    public static TabularDataset XorQuadrants(int samples = 200, float noise = 0, int? seed = null)
    {
        const string op = "Datasets.XorQuadrants";
        CheckSamples(op, samples, 2, "so both classes can appear");
        CheckNoise(op, noise);
        var random = Randomness.NextRandom(seed);
        var points = new List<(double X1, double X2, int Label)>(samples);
        for (int i = 0; i < samples; i++)
        {
            double x1 = Padded(-5 + 10 * random.NextDouble()), x2 = Padded(-5 + 10 * random.NextDouble());
            points.Add((x1 + noise * random.NextGaussian(), x2 + noise * random.NextGaussian(), x1 * x2 > 0 ? 1 : 0));
        }
        return Finish("xor quadrants", points, 2, random, $"xor quadrants(samples: {samples}, noise: {Text(noise)}, seed: {Randomness.Describe(seed)})");

        static double Padded(double v) => v + (v > 0 ? 0.3 : -0.3);
    }

    /// <summary>Adds the noise, shuffles and packs points laid out in class order.</summary>
    private static TabularDataset Generated(string name, List<(double X1, double X2, int Label)> points, int classes, float noise, int? seed, string how)
    {
        var random = Randomness.NextRandom(seed);
        if (noise > 0)
            for (int i = 0; i < points.Count; i++)
                points[i] = (points[i].X1 + noise * random.NextGaussian(), points[i].X2 + noise * random.NextGaussian(), points[i].Label);
        return Finish(name, points, classes, random, how);
    }

    /// <summary>Shuffles the points and turns them into a dataset.</summary>
    private static TabularDataset Finish(string name, List<(double X1, double X2, int Label)> points, int classes, Random random, string how)
    {
        random.ShuffleInPlace(points);
        var x = new float[points.Count * 2];
        var y = new float[points.Count];
        for (int i = 0; i < points.Count; i++)
        {
            x[2 * i] = (float)points[i].X1;
            x[2 * i + 1] = (float)points[i].X2;
            y[i] = points[i].Label;
        }
        return new TabularDataset(name, Tensor.FromData(x, [points.Count, 2]), Tensor.FromData(y, [points.Count]),
                                  TwoFeatures, "generated: " + how, ClassNames(classes));
    }

    private static string[] ClassNames(int classes) =>
        Enumerable.Range(0, classes).Select(k => k.ToString(CultureInfo.InvariantCulture)).ToArray();

    /// <summary><paramref name="count"/> evenly spaced numbers from start to stop (stop included or not), as <c>np.linspace</c>.</summary>
    private static IEnumerable<double> Linspace(double start, double stop, int count, bool endpoint)
    {
        int steps = endpoint ? count - 1 : count;
        for (int i = 0; i < count; i++) yield return steps == 0 ? start : start + (stop - start) * i / steps;
    }

    private static void CheckSamples(string op, int samples, int minimum, string why)
    {
        if (samples < minimum)
            throw new ArgumentException($"{op}: samples must be at least {minimum} ({why}), got {samples}.", nameof(samples));
    }

    private static void CheckNoise(string op, float noise)
    {
        if (!(noise >= 0) || !float.IsFinite(noise))
            throw new ArgumentException($"{op}: noise is the standard deviation of the Gaussian noise added to each coordinate and must be 0 or more (e.g. 0.1), got {Text(noise)}.", nameof(noise));
    }

    private static string Text(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    private static string Text(float value) => value.ToString(CultureInfo.InvariantCulture);
}
