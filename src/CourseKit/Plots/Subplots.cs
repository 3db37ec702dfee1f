namespace CourseKit;

/// <summary>
/// Places subplots in a grid (row by row, from the top left): each cell gets its own x and y axis
/// (<c>x</c>/<c>y</c> for the first cell, <c>x2</c>/<c>y2</c> for the second…) and, optionally, a title above it.
/// </summary>
internal sealed class Subplots
{
    public int Count { get; }
    public int Rows { get; }
    public int Columns { get; }

    private readonly double _width, _height, _hGap, _vGap;

    public Subplots(int count, int columns, double horizontalGap = 0.08, double verticalGap = 0.12)
    {
        Count = count;
        Columns = Math.Max(1, Math.Min(columns, count));
        Rows = (count + Columns - 1) / Columns;
        _hGap = Columns > 1 ? horizontalGap : 0;
        _vGap = Rows > 1 ? verticalGap : 0;
        _width = (1 - (Columns - 1) * _hGap) / Columns;
        _height = (1 - (Rows - 1) * _vGap) / Rows;
    }

    /// <summary>The axis references of cell <paramref name="index"/>: ("x", "y"), ("x2", "y2"), …</summary>
    public static (string X, string Y) Refs(int index) => index == 0 ? ("x", "y") : ($"x{index + 1}", $"y{index + 1}");

    /// <summary>Cell <paramref name="index"/>'s horizontal span, as fractions of the figure.</summary>
    public double[] XDomain(int index)
    {
        int column = index % Columns;
        double start = column * (_width + _hGap);
        return [Math.Round(start, 6), Math.Round(Math.Min(1, start + _width), 6)];
    }

    /// <summary>Cell <paramref name="index"/>'s vertical span, as fractions of the figure (row 0 at the top).</summary>
    public double[] YDomain(int index)
    {
        int row = index / Columns;
        double top = 1 - row * (_height + _vGap);
        return [Math.Round(Math.Max(0, top - _height), 6), Math.Round(top, 6)];
    }

    /// <summary>Creates the axes of every cell in <paramref name="layout"/>, styled by <paramref name="xStyle"/> and <paramref name="yStyle"/>, and returns them.</summary>
    public (Axis X, Axis Y)[] Apply(FigureLayout layout, Func<int, Axis> xStyle, Func<int, Axis> yStyle)
    {
        var axes = new (Axis, Axis)[Count];
        for (int i = 0; i < Count; i++)
        {
            var (xRef, yRef) = Refs(i);
            var x = xStyle(i) with { Domain = XDomain(i), Anchor = yRef };
            var y = yStyle(i) with { Domain = YDomain(i), Anchor = xRef };
            if (i == 0)
            {
                layout.XAxis = x;
                layout.YAxis = y;
            }
            else
            {
                layout.Extra ??= [];
                layout.Extra[$"xaxis{i + 1}"] = x;
                layout.Extra[$"yaxis{i + 1}"] = y;
            }
            axes[i] = (x, y);
        }
        return axes;
    }

    /// <summary>A title centred above cell <paramref name="index"/>.</summary>
    public PlotAnnotation Title(int index, string text, double size = 14)
    {
        var x = XDomain(index);
        return new PlotAnnotation
        {
            Text = text,
            X = Math.Round((x[0] + x[1]) / 2, 6),
            Y = YDomain(index)[1],
            XRef = "paper",
            YRef = "paper",
            XAnchor = "center",
            YAnchor = "bottom",
            ShowArrow = false,
            Font = new PlotFont { Size = size },
        };
    }
}
