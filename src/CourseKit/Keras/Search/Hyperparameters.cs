using System.Collections;

namespace CourseKit;

/// <summary>
/// One candidate of a <see cref="HyperparameterSearch"/>: a value for each hyper-parameter, which the model-building
/// function reads by name and type:
/// <code>
/// Model Build(Hyperparameters p)
/// {
///     var model = new Sequential([new Dense(p.Int("units"), inputShape: [2], activation: "relu"), new Dense(1, activation: "sigmoid")]);
///     model.Compile(new Adam(learningRate: p.Double("learningRate")), "binary_crossentropy", ["accuracy"]);
///     return model;
/// }
/// </code>
/// A wrong name or type fails with a message that lists the parameters there are and what they hold.
/// </summary>
public sealed class Hyperparameters : IReadOnlyDictionary<string, object>
{
    private readonly KeyValuePair<string, object>[] _values;

    /// <summary>A candidate with these values, in this order (for trying a model-building function by hand:
    /// <c>Build(new Hyperparameters(new Dictionary&lt;string, object&gt; { ["units"] = 8 }))</c>).</summary>
    public Hyperparameters(IEnumerable<KeyValuePair<string, object>> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        _values = values.ToArray();
        if (_values.GroupBy(v => v.Key).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new ArgumentException($"Hyperparameters: \"{twice.Key}\" is given twice; give each parameter once.", nameof(values));
        if (_values.FirstOrDefault(v => v.Value is null) is { Key: not null } empty)
            throw new ArgumentException($"Hyperparameters: \"{empty.Key}\" has no value (null).", nameof(values));
    }

    /// <summary>The value of parameter <paramref name="name"/>, whatever its type.</summary>
    /// <exception cref="KeyNotFoundException">There is no such parameter; the message lists those there are.</exception>
    public object this[string name] => TryGetValue(name, out var value) ? value : throw Missing(name);

    /// <summary>A whole-number parameter (a number of units or layers): values written as <c>[8, 16]</c> or drawn from
    /// <see cref="ParameterValues.Integers"/>.</summary>
    /// <exception cref="KeyNotFoundException">There is no such parameter.</exception>
    /// <exception cref="InvalidCastException">The value is not a whole number (e.g. 0.5, or 8.0 written with a decimal point).</exception>
    public int Int(string name) => this[name] switch
    {
        int i => i,
        long l when l is >= int.MinValue and <= int.MaxValue => (int)l,
        short or byte or sbyte or ushort => Convert.ToInt32(this[name]),
        var other => throw WrongType(name, other, "a whole number (int)", "write whole numbers without a decimal point: [8, 16]"),
    };

    /// <summary>A number parameter (a learning rate, a dropout rate); whole numbers are accepted too.</summary>
    /// <exception cref="KeyNotFoundException">There is no such parameter.</exception>
    /// <exception cref="InvalidCastException">The value is not a number.</exception>
    public double Double(string name) => this[name] switch
    {
        double d => d,
        float f => (double)(decimal)f,   // 0.1f as the 0.1 that was written, not 0.100000001490116
        int or long or short or byte or sbyte or ushort or uint or ulong or decimal => Convert.ToDouble(this[name], System.Globalization.CultureInfo.InvariantCulture),
        var other => throw WrongType(name, other, "a number", "give numbers such as [0.01, 0.001]"),
    };

    /// <summary>A number parameter as a float (what CourseKit's layers take, e.g. <c>new Dropout(p.Float("rate"))</c>).</summary>
    public float Float(string name) => (float)Double(name);

    /// <summary>A text parameter (an activation or optimizer name such as "relu" or "adam").</summary>
    /// <exception cref="InvalidCastException">The value is not text.</exception>
    public string String(string name) => this[name] as string ?? throw WrongType(name, this[name], "text (string)", "give text such as [\"relu\", \"tanh\"]");

    /// <summary>A yes/no parameter: values <c>[true, false]</c>.</summary>
    /// <exception cref="InvalidCastException">The value is not true or false.</exception>
    public bool Bool(string name) => this[name] is bool b ? b : throw WrongType(name, this[name], "true or false (bool)", "give [true, false]");

    /// <summary>A parameter of any other type, e.g. an object you put in the list: <c>p.Get&lt;Optimizer&gt;("optimizer")</c>.</summary>
    /// <exception cref="InvalidCastException">The value is not a <typeparamref name="T"/>.</exception>
    public T Get<T>(string name) => this[name] is T value ? value : throw WrongType(name, this[name], $"a {typeof(T).Name}", $"give values of type {typeof(T).Name}");

    /// <summary>The parameter names, in the order of the search space.</summary>
    public IEnumerable<string> Keys => _values.Select(v => v.Key);

    public IEnumerable<object> Values => _values.Select(v => v.Value);
    public int Count => _values.Length;
    public bool ContainsKey(string key) => _values.Any(v => v.Key == key);

    public bool TryGetValue(string key, out object value)
    {
        foreach (var v in _values)
            if (v.Key == key)
            {
                value = v.Value;
                return true;
            }
        value = null!;
        return false;
    }

    public IEnumerator<KeyValuePair<string, object>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object>>)_values).GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>"units=8, learningRate=0.01" (or "no parameters").</summary>
    public override string ToString() => _values.Length == 0 ? "no parameters"
        : string.Join(", ", _values.Select(v => $"{v.Key}={ParameterValues.Format(v.Value)}"));

    private string Listing => _values.Length == 0 ? "none" : ToString();

    private KeyNotFoundException Missing(string name) =>
        new($"There is no hyper-parameter \"{name}\"." + NameLookup.DidYouMean(name, Keys) +
            $" This candidate has: {Listing}. Use the names of the search space (names are case-sensitive).");

    /// <summary>The C# keyword for the usual types ("float", not "Single").</summary>
    private static string TypeName(object value) => value switch
    {
        int => "int",
        long => "long",
        float => "float",
        double => "double",
        decimal => "decimal",
        string => "string",
        bool => "bool",
        _ => value.GetType().Name,
    };

    private InvalidCastException WrongType(string name, object value, string wanted, string fix) =>
        new($"Hyper-parameter \"{name}\" is {ParameterValues.Format(value)} (a {TypeName(value)}), not {wanted}: {fix} in the search space, " +
            $"or read it with the matching method (Int, Double, Float, String, Bool or Get<T>).");
}
