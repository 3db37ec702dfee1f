using System.Collections;

namespace CourseKit;

/// <summary>
/// The hyper-parameters a <see cref="HyperparameterSearch"/> tries, by name, each with the values it may take
/// (scikit-learn's <c>param_grid</c> or <c>param_distributions</c>):
/// <code>
/// var grid = new SearchSpace
/// {
///     ["hiddenLayers"] = [1, 2],
///     ["units"] = [8, 32],
///     ["learningRate"] = [1e-2, 1e-3],
/// };
/// </code>
/// The names are yours: the model-building function reads them back with <c>p.Int("units")</c>,
/// <c>p.Double("learningRate")</c>. Parameters keep the order they were written in; a grid search varies the last one
/// fastest, as nested loops with the first parameter outermost would.
/// </summary>
[TypeFormatterSource(typeof(CourseKitFormatterSource))]   // how notebooks show it: see Interactive/
public sealed class SearchSpace : IEnumerable<KeyValuePair<string, ParameterValues>>
{
    private readonly List<KeyValuePair<string, ParameterValues>> _parameters = [];

    /// <summary>The values of parameter <paramref name="name"/>; setting it adds the parameter, or replaces its values
    /// in place.</summary>
    public ParameterValues this[string name]
    {
        get
        {
            int index = IndexOf(name);
            return index >= 0 ? _parameters[index].Value
                : throw new KeyNotFoundException($"The search space has no parameter \"{name}\"." +
                                                 NameLookup.DidYouMean(name, Names) + $" Its parameters are: {Listing}.");
        }
        set
        {
            CheckName(name);
            ArgumentNullException.ThrowIfNull(value, name);
            int index = IndexOf(name);
            if (index >= 0) _parameters[index] = new(name, value);
            else _parameters.Add(new(name, value));
        }
    }

    /// <summary>Adds a parameter (for collection initializers: <c>{ { "units", [16, 32] } }</c>).</summary>
    /// <exception cref="ArgumentException">The name is already there.</exception>
    public void Add(string name, ParameterValues values)
    {
        CheckName(name);
        if (IndexOf(name) >= 0) throw new ArgumentException($"The search space already has a parameter \"{name}\"; give each parameter once.", nameof(name));
        this[name] = values;
    }

    /// <summary>The parameter names, in order.</summary>
    public IReadOnlyList<string> Names => _parameters.Select(p => p.Key).ToList();

    /// <summary>How many parameters there are.</summary>
    public int Count => _parameters.Count;

    public IEnumerator<KeyValuePair<string, ParameterValues>> GetEnumerator() => _parameters.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>"units: [16, 32]; learningRate: log-uniform on [0.0001, 0.1]".</summary>
    public override string ToString() => _parameters.Count == 0 ? "an empty search space"
        : string.Join("; ", _parameters.Select(p => $"{p.Key}: {p.Value}"));

    private string Listing => _parameters.Count == 0 ? "(none)" : string.Join(", ", Names);

    private int IndexOf(string name) => _parameters.FindIndex(p => p.Key == name);

    private static void CheckName(string name)
    {
        if (string.IsNullOrWhiteSpace(name))
            throw new ArgumentException("A search parameter needs a name, such as \"units\" or \"learningRate\".", nameof(name));
    }
}
