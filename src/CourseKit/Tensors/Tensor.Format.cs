using System.Globalization;
using System.Text;

namespace CourseKit;

public sealed partial class Tensor
{
    /// <summary>Tensors with more elements than this print only their first and last few entries per axis.</summary>
    internal const int SummaryThreshold = 1000;

    private const int EdgeItems = 3;

    /// <summary>
    /// A NumPy-style picture of the tensor: a header line (shape, device, name, how it was computed) and the numbers,
    /// aligned in columns; large tensors show their corners with "…".
    /// </summary>
    public override string ToString()
    {
        var header = new StringBuilder($"Tensor {ShapeMath.Format(_shape)} float32 on {Device}");
        if (Name is not null) header.Append($" · {Name}");
        if (Op is not null) header.Append($" · from {Op}");
        else if (RequiresGrad) header.Append(" · requires grad");
        return header + Environment.NewLine + FormatValues();
    }

    /// <summary>Only the numbers, as NumPy prints an array.</summary>
    public string FormatValues()
    {
        var values = ToArray();
        bool summarize = Size > SummaryThreshold;
        var shown = Shown(values, summarize).ToArray();
        var style = NumberStyle.For(shown);
        int width = shown.Max(v => style.Format(v).Length);
        var sb = new StringBuilder();
        Append(sb, values, 0, 0, width, style, summarize);
        return sb.ToString();
    }

    private IEnumerable<float> Shown(float[] values, bool summarize)
    {
        if (!summarize) return values;
        var shown = new List<float>();
        CollectShown(values, 0, 0, shown);
        return shown;
    }

    private void CollectShown(float[] values, int axis, int offset, List<float> shown)
    {
        if (axis == Rank) { shown.Add(values[offset]); return; }
        int stride = ShapeMath.Size(_shape.AsSpan(axis + 1));
        foreach (int i in Positions(_shape[axis], true)) CollectShown(values, axis + 1, offset + i * stride, shown);
    }

    private static IEnumerable<int> Positions(int size, bool summarize) =>
        summarize && size > 2 * EdgeItems
            ? Enumerable.Range(0, EdgeItems).Concat(Enumerable.Range(size - EdgeItems, EdgeItems))
            : Enumerable.Range(0, size);

    private void Append(StringBuilder sb, float[] values, int axis, int offset, int width, NumberStyle style, bool summarize)
    {
        if (axis == Rank) { sb.Append(style.Format(values[offset]).PadLeft(width)); return; }
        int size = _shape[axis], stride = ShapeMath.Size(_shape.AsSpan(axis + 1));
        bool cut = summarize && size > 2 * EdgeItems;
        string separator = axis == Rank - 1 ? ", " : "," + new string('\n', Rank - axis - 1) + new string(' ', axis + 1);
        sb.Append('[');
        bool first = true;
        foreach (int i in Positions(size, summarize))
        {
            if (!first) sb.Append(separator);
            if (cut && i == size - EdgeItems) sb.Append("…").Append(separator);
            first = false;
            Append(sb, values, axis + 1, offset + i * stride, width, style, summarize);
        }
        sb.Append(']');
    }

    /// <summary>How the numbers of one tensor are written, decided (as NumPy does) from the numbers shown: whole numbers
    /// as "3.", others with up to 4 decimals, scientific notation for huge values or a range too wide for fixed decimals —
    /// one style for all, so columns line up.</summary>
    private sealed record NumberStyle(bool Whole, bool Scientific, int Decimals)
    {
        public static NumberStyle For(float[] values)
        {
            var finite = values.Where(float.IsFinite).Select(MathF.Abs).ToArray();
            if (finite.Length == 0) return new NumberStyle(true, false, 0);
            if (finite.All(v => v == MathF.Floor(v)) && finite.Max() < 1e8f) return new NumberStyle(true, false, 0);
            float max = finite.Max(), minNonZero = finite.Where(v => v > 0).DefaultIfEmpty(1).Min();
            if (max >= 1e6f || minNonZero < 1e-4f && max / minNonZero > 1e3f) return new NumberStyle(false, true, 4);
            int decimals = finite.Max(v => DecimalsNeeded(v));
            return new NumberStyle(false, false, Math.Max(1, decimals));
        }

        private static int DecimalsNeeded(float v)
        {
            for (int d = 0; d < 4; d++)
                if (Math.Abs(Math.Round(v, d) - v) < 5e-5 * Math.Max(1, Math.Abs(v))) return d;
            return 4;
        }

        public string Format(float v)
        {
            if (float.IsNaN(v)) return "nan";
            if (float.IsInfinity(v)) return v > 0 ? "inf" : "-inf";
            if (Whole) return v.ToString("0", CultureInfo.InvariantCulture) + ".";
            return Scientific
                ? v.ToString("0.0000e+00", CultureInfo.InvariantCulture)
                : v.ToString("F" + Decimals, CultureInfo.InvariantCulture);
        }
    }
}
