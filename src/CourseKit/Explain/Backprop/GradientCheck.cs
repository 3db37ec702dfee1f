namespace CourseKit;

/// <summary>
/// One gradient worked out twice: by the lecture's formula (<see cref="Formula"/>) and by CourseKit's autograd
/// (<see cref="Autograd"/>, from <c>J.Backward()</c>), with the largest difference between the two.
/// </summary>
/// <param name="Name">What the gradient is of, e.g. "∂J/∂W⁽²⁾".</param>
/// <param name="Formula">The value from the formula.</param>
/// <param name="Autograd">The value autograd found.</param>
/// <param name="MaxDifference">The largest absolute difference between the two, element by element.</param>
public sealed record GradientCheck(string Name, Tensor Formula, Tensor Autograd, float MaxDifference)
{
    /// <summary>Differences up to this (relative to the gradient's size, at least 1) count as float rounding.</summary>
    public const float Tolerance = 1e-4f;

    /// <summary>Whether the two agree up to rounding.</summary>
    public bool Agrees => MaxDifference <= Tolerance * Math.Max(1f, Formula.ToArray().Select(Math.Abs).DefaultIfEmpty(0f).Max());

    /// <summary>Compares two tensors of the same shape.</summary>
    internal static GradientCheck Of(string name, Tensor formula, Tensor autograd)
    {
        var a = formula.ToArray();
        var b = autograd.ToArray();
        if (a.Length != b.Length)
            throw new InvalidOperationException($"{name}: the formula gives {a.Length} numbers but autograd {b.Length}.");
        float max = 0;
        for (int i = 0; i < a.Length; i++) max = Math.Max(max, Math.Abs(a[i] - b[i]));
        return new GradientCheck(name, formula, autograd, max);
    }
}
