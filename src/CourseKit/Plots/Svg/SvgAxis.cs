using System.Globalization;

namespace CourseKit.Plots.Svg;

/// <summary>
/// One axis of the picture (<c>x</c>, <c>y2</c>, …): its settings, whether it counts categories or takes
/// logarithms, the range it shows and the pixels it spans, and the mapping from data values to pixels.
/// Category axes put the i-th category at i; log axes work in powers of ten (a range of [0, 3] shows 1 to 1000).
/// </summary>
internal sealed class SvgAxis
{
    private readonly Dictionary<string, int> _categoryIndex = new(StringComparer.Ordinal);

    public SvgAxis(string id, Axis? settings)
    {
        Id = id;
        Settings = settings ?? new Axis();
        IsCategory = Settings.Type == "category";
        IsLog = Settings.Type == "log";
    }

    /// <summary>"x", "x2", "y", …</summary>
    public string Id { get; }

    public bool IsX => Id[0] == 'x';

    /// <summary>The figure's settings for this axis (an empty <see cref="Axis"/> when the layout has none).</summary>
    public Axis Settings { get; }

    public bool IsCategory { get; set; }
    public bool IsLog { get; }

    /// <summary>
    /// plotly's defaults that depend on the traces: no grid along the positions of bars, tick marks outside for
    /// heatmaps and contours, and no tick step below the distance between bars (ticks then start at a bar).
    /// </summary>
    public bool GridByDefault { get; set; } = true;
    public string TicksByDefault { get; set; } = "";
    public double? MinStep { get; set; }
    public double StepOrigin { get; set; }

    /// <summary>The category names in the order they first appear.</summary>
    public List<string> Categories { get; } = [];

    /// <summary>What the traces need to be visible, for the automatic range.</summary>
    public AxisRange AutoRange { get; } = new();

    /// <summary>The shown range in axis units: <see cref="From"/> is drawn at <see cref="PixelFrom"/>.</summary>
    public double From { get; set; }
    public double To { get; set; }

    /// <summary>Where the range's ends are drawn: left and right for x axes, bottom and top for y axes.</summary>
    public double PixelFrom { get; set; }
    public double PixelTo { get; set; }

    /// <summary>The y axis (for an x axis) or x axis (for a y axis) this axis is drawn along.</summary>
    public SvgAxis? Anchor { get; set; }

    /// <summary>The pixel length of the axis.</summary>
    public double Length => Math.Abs(PixelTo - PixelFrom);

    /// <summary>Whether the figure asks for the range to run backwards (<c>autorange: "reversed"</c>).</summary>
    public bool Reversed => Settings.AutoRange is string s && s == "reversed";

    /// <summary>Registers a category name (in order of first appearance) and returns its position.</summary>
    public int AddCategory(string name)
    {
        if (_categoryIndex.TryGetValue(name, out int index)) return index;
        index = Categories.Count;
        Categories.Add(name);
        _categoryIndex[name] = index;
        return index;
    }

    /// <summary>A number in axis units: its logarithm on a log axis (NaN for values ≤ 0), its category position on a category axis.</summary>
    public double Units(double value)
    {
        if (IsCategory) return _categoryIndex.TryGetValue(Name(value), out int i) ? i : double.NaN;
        if (IsLog) return value > 0 ? Math.Log10(value) : double.NaN;
        return value;
    }

    /// <summary>The axis units of point <paramref name="i"/> of <paramref name="values"/> (numbers or category names); NaN when missing.</summary>
    public double Units(PlotValues? values, int i)
    {
        if (values is null) return double.NaN;
        if (values.Numbers is { } numbers) return i < numbers.Count ? Units(numbers[values.IsSingle ? 0 : i]) : double.NaN;
        var strings = values.Strings!;
        if (i >= strings.Count) return double.NaN;
        var text = strings[values.IsSingle ? 0 : i];
        if (text is null) return double.NaN;
        if (IsCategory) return _categoryIndex.TryGetValue(text, out int index) ? index : double.NaN;
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double number) ? Units(number) : double.NaN;
    }

    /// <summary>The axis units of all points: <paramref name="values"/> or, when it is null, 0, 1, 2, … (plotly's default).</summary>
    public double[] AllUnits(PlotValues? values, int count)
    {
        var result = new double[count];
        for (int i = 0; i < count; i++) result[i] = values is null ? Units((double)i) : Units(values, i);
        return result;
    }

    /// <summary>Registers the category names in <paramref name="values"/> (strings, or numbers on a category axis).</summary>
    public void AddCategories(PlotValues? values)
    {
        if (values is null || !IsCategory) return;
        if (values.Strings is { } strings) foreach (var s in strings) { if (s is not null) AddCategory(s); }
        else foreach (var n in values.Numbers!) AddCategory(Name(n));
    }

    /// <summary>The pixel of a value in axis units.</summary>
    public double Pixel(double units) => PixelFrom + (units - From) / (To - From) * (PixelTo - PixelFrom);

    /// <summary>The axis units at a pixel (the inverse of <see cref="Pixel"/>).</summary>
    public double UnitsAt(double pixel) => From + (pixel - PixelFrom) / (PixelTo - PixelFrom) * (To - From);

    /// <summary>Pixels per axis unit (always positive).</summary>
    public double Scale => Length / Math.Abs(To - From);

    private static string Name(double number) => number.ToString(CultureInfo.InvariantCulture);
}
