using System.Collections;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace CourseKit;

/// <summary>
/// The values one hyper-parameter may take in a <see cref="SearchSpace"/>: a list written as a collection
/// (<c>[16, 32, 64]</c>, <c>["relu", "tanh"]</c>), or a distribution to draw from in a random search:
/// <see cref="Uniform"/>, <see cref="LogUniform"/> (for learning rates) and <see cref="Integers"/>.
/// <code>
/// var space = new SearchSpace
/// {
///     ["units"] = [16, 32, 64],
///     ["learningRate"] = ParameterValues.LogUniform(1e-4, 1e-1),
/// };
/// </code>
/// A grid search tries every value of a list (and every whole number of <see cref="Integers"/>); a random search draws
/// uniformly from a list, or from the distribution.
/// </summary>
[CollectionBuilder(typeof(ParameterValues), nameof(Create))]
public abstract class ParameterValues : IEnumerable<object>
{
    private protected ParameterValues() { }

    /// <summary>What a collection expression such as <c>[16, 32]</c> becomes: a list of values, tried in order by a grid
    /// search and drawn with equal chances by a random search.</summary>
    public static ParameterValues Create(ReadOnlySpan<object> values) => new Listed(values.ToArray());

    /// <summary>A list of values, as <c>[16, 32]</c> writes it (for code that builds the list at run time).</summary>
    public static ParameterValues Of(params object[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return new Listed([.. values]);
    }

    /// <summary>Any number between <paramref name="low"/> and <paramref name="high"/>, every part of the interval
    /// equally likely (scipy's <c>uniform(low, high − low)</c>): for dropout rates, momentum, …</summary>
    public static ParameterValues Uniform(double low, double high)
    {
        CheckInterval("Uniform", low, high);
        return new Continuous($"uniform on [{Format(low)}, {Format(high)}]", random => low + (high - low) * random.NextDouble());
    }

    /// <summary>
    /// A number between <paramref name="low"/> and <paramref name="high"/> whose logarithm is uniform (scipy's
    /// <c>loguniform</c> or <c>reciprocal</c>): each factor of ten is equally likely, so 1e-4 … 1e-3 gets as many draws
    /// as 1e-2 … 1e-1. The right choice for learning rates and regularization strengths, whose good values can be
    /// anywhere over several orders of magnitude.
    /// </summary>
    public static ParameterValues LogUniform(double low, double high)
    {
        CheckInterval("LogUniform", low, high);
        if (low <= 0)
            throw new ArgumentException($"ParameterValues.LogUniform: low must be above 0 (a logarithm needs positive numbers), got {Format(low)}; " +
                                        "e.g. LogUniform(1e-4, 1e-1).", nameof(low));
        double logLow = Math.Log(low), logHigh = Math.Log(high);
        return new Continuous($"log-uniform on [{Format(low)}, {Format(high)}]",
            random => Math.Clamp(Math.Exp(logLow + (logHigh - logLow) * random.NextDouble()), low, high));
    }

    /// <summary>The whole numbers from <paramref name="low"/> to <paramref name="high"/>, both included, equally likely
    /// (scipy's <c>randint(low, high + 1)</c>): <c>Integers(1, 3)</c> is 1, 2 or 3. A grid search tries them all.</summary>
    public static ParameterValues Integers(int low, int high)
    {
        if (high < low)
            throw new ArgumentException($"ParameterValues.Integers: high ({high}) must be at least low ({low}); both are included, " +
                                        "so Integers(1, 3) gives 1, 2 or 3.", nameof(high));
        return new WholeNumbers(low, high);
    }

    /// <summary>One value drawn at random.</summary>
    internal abstract object Sample(Random random);

    /// <summary>Every value, in order, for a grid search; null for a continuous distribution.</summary>
    internal abstract IReadOnlyList<object>? All { get; }

    /// <summary>Whether this is a list given by the user (not a distribution): a random search over lists only draws
    /// distinct combinations, as scikit-learn's does.</summary>
    internal virtual bool IsList => false;

    /// <summary>"[16, 32, 64]", "log-uniform on [0.0001, 0.1]", "the whole numbers 1 to 3".</summary>
    public abstract override string ToString();

    /// <summary>The values of a list or of <see cref="Integers"/>; a continuous distribution cannot be listed and says so.</summary>
    IEnumerator<object> IEnumerable<object>.GetEnumerator() =>
        (All ?? throw new InvalidOperationException($"A {this} distribution has infinitely many values; it can be sampled, not listed.")).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => ((IEnumerable<object>)this).GetEnumerator();

    /// <summary>A value as the search's tables and messages show it: numbers with "." and up to 4 significant digits
    /// (0.001, 0.003457, 1e-05), <c>true</c>/<c>false</c>, text as it is.</summary>
    internal static string Format(object? value) => value switch
    {
        null => "null",
        double d => d.ToString("G4", CultureInfo.InvariantCulture).Replace("E", "e"),
        float f => f.ToString("G4", CultureInfo.InvariantCulture).Replace("E", "e"),
        bool b => b ? "true" : "false",
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static void CheckInterval(string what, double low, double high)
    {
        if (!double.IsFinite(low) || !double.IsFinite(high) || !(high > low))
            throw new ArgumentException($"ParameterValues.{what}: needs finite numbers with low < high, got low {Format(low)} and high {Format(high)}.", nameof(high));
    }

    private sealed class Listed(object[] values) : ParameterValues
    {
        internal override object Sample(Random random) => values[random.Next(values.Length)];
        internal override IReadOnlyList<object> All => values;
        internal override bool IsList => true;
        public override string ToString() => "[" + string.Join(", ", values.Select(Format)) + "]";
    }

    private sealed class Continuous(string description, Func<Random, double> draw) : ParameterValues
    {
        internal override object Sample(Random random) => draw(random);
        internal override IReadOnlyList<object>? All => null;
        public override string ToString() => description;
    }

    private sealed class WholeNumbers(int low, int high) : ParameterValues
    {
        internal override object Sample(Random random) => (int)random.NextInt64(low, (long)high + 1);   // the upper bound is excluded
        internal override IReadOnlyList<object> All => Enumerable.Range(low, high - low + 1).Cast<object>().ToList();
        public override string ToString() => $"the whole numbers {low} to {high}";
    }
}
