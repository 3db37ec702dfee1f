namespace CourseKit;

/// <summary>
/// Turns a categorical column (text such as "M", "F", "I") into one-hot columns, one per category, as scikit-learn's
/// <c>OneHotEncoder</c>: with categories F, I, M the value "M" becomes <c>[0, 0, 1]</c>. A network needs numbers, and
/// numbering the categories 0, 1, 2 would pretend that "I" lies between "F" and "M"; one column per category does not.
/// </summary>
/// <remarks>
/// <code>
/// var encoder = new OneHotEncoder();
/// Tensor sex = encoder.FitTransform(table["Sex"].Values);   // (n, 3)
/// encoder.FeatureNames("Sex");                              // Sex_F, Sex_I, Sex_M
/// </code>
/// Categories are sorted by ordinal string order (as scikit-learn sorts them). A category that <c>Fit</c> never saw is
/// an error in <c>Transform</c> (scikit-learn's <c>handle_unknown='error'</c>); text is matched exactly, so "m" and
/// "M " are different categories from "M".
/// </remarks>
public sealed class OneHotEncoder
{
    private string[]? _categories;
    private Dictionary<string, int>? _index;

    /// <summary>The categories learnt by <see cref="Fit"/>, sorted; category i becomes column i (scikit-learn's <c>categories_</c>).</summary>
    public IReadOnlyList<string> Categories => FeatureColumns.Fitted(_categories, nameof(OneHotEncoder), nameof(Categories));

    /// <summary>Whether <see cref="Fit"/> has been called.</summary>
    public bool IsFitted => _categories is not null;

    /// <summary>Learns the distinct categories of <paramref name="values"/>. Returns the encoder itself.</summary>
    /// <exception cref="ArgumentException">There are no values, or one of them is null.</exception>
    public OneHotEncoder Fit(IEnumerable<string> values)
    {
        var list = Materialise(values, "Fit");
        _categories = list.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        _index = _categories.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i, StringComparer.Ordinal);
        return this;
    }

    /// <summary>One row per value with a 1 in its category's column: shape (values, categories).</summary>
    /// <exception cref="InvalidOperationException">The encoder has not been fitted.</exception>
    /// <exception cref="ArgumentException">A value is not one of the fitted categories; the message lists them.</exception>
    public Tensor Transform(IEnumerable<string> values)
    {
        var categories = FeatureColumns.Fitted(_categories, nameof(OneHotEncoder), nameof(Transform));
        var list = Materialise(values, "Transform");
        var oneHot = new float[list.Count * categories.Length];
        for (int i = 0; i < list.Count; i++)
        {
            if (!_index!.TryGetValue(list[i], out int column))
                throw new ArgumentException($"OneHotEncoder.Transform: unknown category \"{list[i]}\" (value {i}); the encoder knows {KnownList(categories)}. " +
                                            "Fit on data that contains every category (e.g. the whole column before splitting), or fix the value.", nameof(values));
            oneHot[i * categories.Length + column] = 1;
        }
        return Tensor.FromData(oneHot, [list.Count, categories.Length]);
    }

    /// <summary><see cref="Fit"/> then <see cref="Transform"/> on the same values.</summary>
    public Tensor FitTransform(IEnumerable<string> values)
    {
        var list = Materialise(values, "FitTransform");
        return Fit(list).Transform(list);
    }

    /// <summary>
    /// The category of each row: the column holding the largest number. Works on one-hot rows and also on predicted
    /// probabilities, e.g. <c>encoder.InverseTransform(model.Predict(x))</c>.
    /// </summary>
    /// <exception cref="ShapeException"><paramref name="oneHot"/> is not a (rows, categories) matrix with one column per category.</exception>
    /// <exception cref="ArgumentException">A row is all zeros, so it names no category.</exception>
    public string[] InverseTransform(Tensor oneHot)
    {
        ArgumentNullException.ThrowIfNull(oneHot);
        var categories = FeatureColumns.Fitted(_categories, nameof(OneHotEncoder), nameof(InverseTransform));
        if (oneHot.Rank != 2 || oneHot.ShapeView[1] != categories.Length)
            throw new ShapeException($"OneHotEncoder.InverseTransform: expected a (rows, {categories.Length}) matrix, one column per category ({KnownList(categories)}), " +
                                     $"got shape {ShapeMath.Format(oneHot.ShapeView)}.");
        var values = oneHot.ToArray();
        int rows = oneHot.ShapeView[0], width = categories.Length;
        var result = new string[rows];
        for (int r = 0; r < rows; r++)
        {
            var row = values.AsSpan(r * width, width);
            int best = 0;
            for (int c = 1; c < width; c++) if (row[c] > row[best]) best = c;
            if (row[best] == 0 && !row.ContainsAnyExcept(0f))
                throw new ArgumentException($"OneHotEncoder.InverseTransform: row {r} is all zeros, so it names no category; each row needs a 1 (or the largest probability) in its category's column.", nameof(oneHot));
            result[r] = categories[best];
        }
        return result;
    }

    /// <summary>
    /// The names of the one-hot columns, "<paramref name="prefix"/>_category", as scikit-learn's
    /// <c>get_feature_names_out</c>: <c>FeatureNames("Sex")</c> gives "Sex_F", "Sex_I", "Sex_M". Use the original
    /// column's name as the prefix (scikit-learn's default is "x0").
    /// </summary>
    public string[] FeatureNames(string prefix = "x0") =>
        FeatureColumns.Fitted(_categories, nameof(OneHotEncoder), nameof(FeatureNames)).Select(c => $"{prefix}_{c}").ToArray();

    /// <summary>What was fitted: the categories in column order.</summary>
    public override string ToString() => _categories is null
        ? "OneHotEncoder (not fitted yet; call Fit(values))"
        : $"OneHotEncoder with {_categories.Length} categor{(_categories.Length == 1 ? "y" : "ies")}: {string.Join(", ", _categories)}";

    private static List<string> Materialise(IEnumerable<string> values, string op)
    {
        ArgumentNullException.ThrowIfNull(values);
        var list = values as List<string> ?? values.ToList();
        if (list.Count == 0)
            throw new ArgumentException($"OneHotEncoder.{op}: no values given; pass the column's values, one per example.", nameof(values));
        int missing = list.IndexOf(null!);
        if (missing >= 0)
            throw new ArgumentException($"OneHotEncoder.{op}: value {missing} is null (a missing value). Fill it in with a category of its own (e.g. \"unknown\") first.", nameof(values));
        return list;
    }

    private static string KnownList(string[] categories)
    {
        const int shown = 20;
        var quoted = categories.Take(shown).Select(c => $"\"{c}\"");
        return string.Join(", ", quoted) + (categories.Length > shown ? $", … ({categories.Length} in all)" : "");
    }
}
