namespace CourseKit;

public static partial class Explain
{
    /// <summary>
    /// Gradient descent on a function of one number, <c>x ← x − η f′(x)</c>, with the path drawn on the curve.
    /// f′ is estimated by a central difference, (f(x + h) − f(x − h)) / 2h; pass it yourself with the other overload.
    /// </summary>
    /// <param name="f">The function to minimise, e.g. <c>x =&gt; x * x</c>.</param>
    /// <param name="start">x₀, where the descent starts.</param>
    /// <param name="learningRate">η, the step size.</param>
    /// <param name="steps">How many steps to take.</param>
    public static GradientDescentExplanation GradientDescent(Func<double, double> f, double start, double learningRate, int steps) =>
        GradientDescentExplanation.Run(f, null, start, learningRate, steps);

    /// <summary>As <see cref="GradientDescent(Func{double, double}, double, double, int)"/>, with the derivative f′ given.</summary>
    public static GradientDescentExplanation GradientDescent(Func<double, double> f, Func<double, double> derivative, double start, double learningRate, int steps)
    {
        ArgumentNullException.ThrowIfNull(derivative);
        return GradientDescentExplanation.Run(f, derivative, start, learningRate, steps);
    }

    /// <summary>
    /// Gradient descent on a function of two numbers, <c>(x, y) ← (x, y) − η ∇f(x, y)</c>, with the path drawn on a
    /// contour plot of f. The gradient is estimated by central differences.
    /// </summary>
    /// <param name="f">The function to minimise, e.g. <c>(x, y) =&gt; x * x + 3 * y * y</c>.</param>
    /// <param name="start">(x₀, y₀), where the descent starts.</param>
    /// <param name="learningRate">η, the step size.</param>
    /// <param name="steps">How many steps to take.</param>
    public static GradientDescent2DExplanation GradientDescent(Func<double, double, double> f, (double X, double Y) start, double learningRate, int steps) =>
        GradientDescent2DExplanation.Run(f, null, start, learningRate, steps);

    /// <summary>As <see cref="GradientDescent(Func{double, double, double}, ValueTuple{double, double}, double, int)"/>, with the gradient given.</summary>
    public static GradientDescent2DExplanation GradientDescent(Func<double, double, double> f, Func<double, double, (double X, double Y)> gradient,
                                                               (double X, double Y) start, double learningRate, int steps)
    {
        ArgumentNullException.ThrowIfNull(gradient);
        return GradientDescent2DExplanation.Run(f, gradient, start, learningRate, steps);
    }

    /// <summary>
    /// The same descent with several learning rates, side by side: too small crawls, a good one gets there, too large
    /// overshoots and diverges (the cost grows). If your training loss explodes, don't panic: lower the learning rate.
    /// </summary>
    /// <param name="f">The function to minimise.</param>
    /// <param name="start">x₀, the same for every run.</param>
    /// <param name="learningRates">The rates to compare, e.g. <c>[0.01, 0.1, 1.1]</c>.</param>
    /// <param name="steps">How many steps each run takes.</param>
    public static LearningRatesExplanation LearningRates(Func<double, double> f, double start, double[] learningRates, int steps)
    {
        ArgumentNullException.ThrowIfNull(learningRates);
        if (learningRates.Length == 0)
            throw new ArgumentException("Explain.LearningRates: give at least one learning rate, e.g. [0.01, 0.1, 1.1].", nameof(learningRates));
        return new LearningRatesExplanation([.. learningRates.Select(rate => GradientDescentExplanation.Run(f, null, start, rate, steps))]);
    }
}
