using System.Globalization;
using System.Text;

namespace CourseKit;

/// <summary>
/// A table of examples: features <see cref="X"/> (one row per example) and targets <see cref="Y"/> (a class index or a
/// number per example), with names and where the numbers came from. Deconstructs like Keras's loaders:
/// <c>var (x, y) = Datasets.Banknote.Load();</c>.
/// </summary>
[TypeFormatterSource(typeof(CourseKitFormatterSource))]   // how notebooks show it: see Interactive/
public sealed class TabularDataset
{
    public TabularDataset(string name, Tensor x, Tensor y, IReadOnlyList<string> featureNames, string source,
                          IReadOnlyList<string>? classNames = null, string? targetName = null, Table? table = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Rank != 2) throw new ShapeException($"{name}: features must be a (examples, features) matrix, got {ShapeMath.Format(x.ShapeView)}.");
        if (y.ShapeView[0] != x.ShapeView[0])
            throw new ShapeException($"{name}: {x.ShapeView[0]} feature rows but {y.ShapeView[0]} targets; every example needs one target.");
        if (featureNames.Count != x.ShapeView[1])
            throw new ArgumentException($"{name}: {featureNames.Count} feature names for {x.ShapeView[1]} feature columns.", nameof(featureNames));
        Name = name;
        X = x;
        Y = y;
        FeatureNames = featureNames;
        Source = source;
        ClassNames = classNames;
        TargetName = targetName ?? "label";
        Table = table;
    }

    /// <summary>The dataset's name, e.g. "banknote".</summary>
    public string Name { get; }

    /// <summary>Features: one row per example, one column per feature.</summary>
    public Tensor X { get; }

    /// <summary>Targets: a class index (0, 1, …) or a number per example.</summary>
    public Tensor Y { get; }

    /// <summary>The name of each column of <see cref="X"/>.</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>What the target is called ("class", "rings", …).</summary>
    public string TargetName { get; }

    /// <summary>For classification: the name of each class index; null for regression targets.</summary>
    public IReadOnlyList<string>? ClassNames { get; }

    /// <summary>Where the numbers came from: a file path, a URL, or how they were generated.</summary>
    public string Source { get; }

    /// <summary>The table as read from the file (raw columns, categorical ones as text), when the data came from one.</summary>
    public Table? Table { get; }

    /// <summary>Number of examples (rows).</summary>
    public int Count => X.ShapeView[0];

    public void Deconstruct(out Tensor x, out Tensor y)
    {
        x = X;
        y = Y;
    }

    /// <summary>How many examples have each class (for classification datasets).</summary>
    public IReadOnlyDictionary<string, int> ClassCounts()
    {
        if (ClassNames is null) throw new InvalidOperationException($"{Name} has a numeric target ({TargetName}), not classes.");
        var counts = ClassNames.ToDictionary(c => c, _ => 0);
        foreach (float label in Y.ToArray()) counts[ClassNames[(int)label]]++;
        return counts;
    }

    /// <summary>The first <paramref name="count"/> examples as rows of numbers: features then target.</summary>
    public IReadOnlyList<float[]> Head(int count = 5)
    {
        int n = Math.Min(count, Count), width = X.ShapeView[1];
        var x = X[..n].ToArray();
        var y = Y[..n].ToArray();
        return Enumerable.Range(0, n).Select(r => x.AsSpan(r * width, width).ToArray().Append(y[r]).ToArray()).ToList();
    }

    /// <summary>A summary (name, size, source, classes) and the first rows.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.AppendLine($"{Name}: {Count:N0} examples × {X.ShapeView[1]} features → {TargetName}");
        sb.AppendLine($"source: {Source}");
        if (ClassNames is not null)
            sb.AppendLine("classes: " + string.Join(", ", ClassCounts().Select(c => $"{c.Key} ({c.Value:N0})")));
        var header = FeatureNames.Append(TargetName).ToArray();
        var rows = Head().Select(r => r.Select(v => v.ToString("0.####", CultureInfo.InvariantCulture)).ToArray()).ToList();
        var widths = header.Select((h, c) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[c].Length))).ToArray();
        sb.AppendLine(string.Join("  ", header.Select((h, c) => h.PadLeft(widths[c]))));
        foreach (var r in rows) sb.AppendLine(string.Join("  ", r.Select((v, c) => v.PadLeft(widths[c]))));
        if (Count > rows.Count) sb.AppendLine($"… {Count - rows.Count:N0} more rows");
        return sb.ToString().TrimEnd();
    }
}
