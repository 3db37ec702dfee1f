using System.Text.Json.Nodes;

namespace CourseKit;

/// <summary>Regularizers by name (<c>"l2"</c>) and from saved configs, as <c>keras.regularizers.get</c>.</summary>
public abstract partial class Regularizer
{
    /// <summary>Keras's names, each with the regularizer it makes (default factors).</summary>
    private static readonly (string Name, Func<Regularizer> Create)[] Known =
    [
        ("l1", () => new L1()),
        ("l2", () => new L2()),
        ("l1_l2", () => new L1L2()),
    ];

    /// <summary>Keras 3's regularizers that CourseKit does not have, so that asking for one says so.</summary>
    private static readonly string[] KerasOnly = ["orthogonal_regularizer"];

    /// <summary>The names <see cref="Get"/> accepts (the class names work too: "L1L2").</summary>
    public static IReadOnlyList<string> Names { get; } = Known.Select(k => k.Name).ToArray();

    /// <summary>The regularizer with this Keras name and its default factor: "l1" (0.01), "l2" (0.01), "l1_l2" (0 and 0).
    /// For another factor write the object: <c>new L2(0.001f)</c>.</summary>
    /// <exception cref="ArgumentException">Unknown name; the message suggests the closest and lists the valid ones.</exception>
    public static Regularizer Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return NameLookup.TryFind(name, Known, out var create) ? create()
            : throw NameLookup.Unknown("regularizer", name, Names, KerasOnly, alternative: " (or an object such as new L2(0.001f))");
    }

    /// <summary>Lets a Keras name stand for the regularizer: <c>kernelRegularizer: "l2"</c>.</summary>
    public static implicit operator Regularizer(string name) => Get(name);

    /// <summary>Keras's class name ("L2"), stored in configs.</summary>
    public virtual string ClassName => GetType().Name;

    /// <summary>How a layer's config stores a regularizer: <c>{"class_name": "L2", "config": {"l2": 0.01}}</c>, or null.</summary>
    internal static Dictionary<string, object?>? Serialize(Regularizer? regularizer) => regularizer is null ? null
        : new() { ["class_name"] = regularizer.ClassName, ["config"] = regularizer.GetConfig() };

    /// <summary>The regularizer a saved config describes: null (none), a name, or <c>{"class_name": …, "config": {…}}</c>.</summary>
    internal static Regularizer? Deserialize(JsonNode? node, string what)
    {
        if (node is null) return null;
        if (node is JsonValue value && value.TryGetValue<string>(out var name)) return Get(name);
        var (className, config) = LayerRegistry.Serialized(node, what, "a regularizer");
        Regularizer result = NameLookup.Key(className) switch
        {
            "l1" => new L1(config.Float("l1", 0.01f)),
            "l2" => new L2(config.Float("l2", 0.01f)),
            "l1l2" => new L1L2(config.Float("l1", 0f), config.Float("l2", 0f)),
            _ => throw new FormatException($"{what}: {NameLookup.Message("regularizer class", className, ["L1", "L2", "L1L2"], ["OrthogonalRegularizer"])}"),
        };
        config.CheckAllRead();
        return result;
    }

    /// <summary>Keras's check on a penalty factor: a finite number, not negative.</summary>
    protected static float CheckFactor(float value, string name) => float.IsFinite(value) && value >= 0 ? value
        : throw new ArgumentException($"Invalid value for argument {name}: expected a non-negative number, got {value}.", name);
}
