namespace CourseKit;

/// <summary>
/// One entry of Z⁽ˡ⁾ written out as its sum: <c>z₁₂ = 3·0.2 + 5·(−0.4) + 0.1 = −1.3</c>. <see cref="Value"/> is that
/// sum worked out by hand (in double precision); <see cref="Actual"/> is the entry the forward pass computed.
/// </summary>
public sealed class EntryExpansion
{
    internal EntryExpansion(int layer, int row, int column, string text, IReadOnlyList<(double Input, double Weight)> terms,
                            double bias, double value, float actual)
    {
        Layer = layer; Row = row; Column = column; Text = text; Terms = terms; Bias = bias; Value = value; Actual = actual;
    }

    /// <summary>l, counted from 1.</summary>
    public int Layer { get; }

    /// <summary>The row (example), counted from 1.</summary>
    public int Row { get; }

    /// <summary>The column (unit), counted from 1.</summary>
    public int Column { get; }

    /// <summary>The sum as text: <c>z₁₂ = 3·0.2 + 5·(−0.4) + 0.1 = −1.3</c>.</summary>
    public string Text { get; }

    /// <summary>The products in the sum: aᵢₖ and wₖⱼ for every k.</summary>
    public IReadOnlyList<(double Input, double Weight)> Terms { get; }

    /// <summary>bⱼ (0 without a bias).</summary>
    public double Bias { get; }

    /// <summary>Σₖ aᵢₖ·wₖⱼ + bⱼ, computed here term by term.</summary>
    public double Value { get; }

    /// <summary>zᵢⱼ as the forward pass computed it.</summary>
    public float Actual { get; }

    /// <summary>Whether the hand sum and the computed entry agree (up to float rounding).</summary>
    public bool Matches => Math.Abs(Value - Actual) <= 1e-4 * (1 + Math.Abs(Actual));

    public override string ToString() => Text;
}
