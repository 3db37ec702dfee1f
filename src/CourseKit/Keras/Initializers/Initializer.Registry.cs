using System.Text.Json.Nodes;

namespace CourseKit;

/// <summary>Initializers by name (<c>"he_normal"</c>) and from saved configs, as <c>keras.initializers.get</c>.</summary>
public abstract partial class Initializer
{
    /// <summary>Keras's names, each with the initializer it makes (default settings, no seed).</summary>
    private static readonly (string Name, Func<Initializer> Create)[] Known =
    [
        ("zeros", () => new Zeros()),
        ("ones", () => new Ones()),
        ("constant", () => new Constant()),
        ("random_normal", () => new RandomNormal()),
        ("random_uniform", () => new RandomUniform()),
        ("truncated_normal", () => new TruncatedNormal()),
        ("glorot_uniform", () => new GlorotUniform()),
        ("glorot_normal", () => new GlorotNormal()),
        ("he_normal", () => new HeNormal()),
        ("he_uniform", () => new HeUniform()),
        ("lecun_normal", () => new LecunNormal()),
        ("lecun_uniform", () => new LecunUniform()),
        ("variance_scaling", () => new VarianceScaling()),
    ];

    /// <summary>Keras's other names for some of them.</summary>
    private static readonly (string Name, Func<Initializer> Create)[] Aliases =
    [
        ("normal", () => new RandomNormal()),
        ("uniform", () => new RandomUniform()),
        ("zero", () => new Zeros()),
        ("one", () => new Ones()),
    ];

    /// <summary>Keras 3's initializers that CourseKit does not have, so that asking for one says so.</summary>
    private static readonly string[] KerasOnly = ["identity", "orthogonal", "orthogonal_initializer"];

    /// <summary>The names <see cref="Get"/> accepts (the class names work too: "GlorotUniform").</summary>
    public static IReadOnlyList<string> Names { get; } = Known.Select(k => k.Name).ToArray();

    /// <summary>
    /// The initializer with this Keras name, with its default settings: "glorot_uniform", "he_normal", "zeros", … (or the
    /// class name, "HeNormal"; case and underscores do not matter). Keras's aliases work too: "normal", "uniform",
    /// "zero", "one".
    /// </summary>
    /// <exception cref="ArgumentException">Unknown name; the message suggests the closest and lists the valid ones.</exception>
    public static Initializer Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return NameLookup.TryFind(name, [.. Known, .. Aliases], out var create) ? create()
            : throw NameLookup.Unknown("initializer", name, Names, KerasOnly, alternative: " (or an object such as new HeNormal(seed: 42))");
    }

    /// <summary>Lets a Keras name stand for the initializer: <c>kernelInitializer: "he_normal"</c>.</summary>
    public static implicit operator Initializer(string name) => Get(name);

    /// <summary>Keras's class name ("GlorotUniform"), stored in configs.</summary>
    public virtual string ClassName => GetType().Name;

    /// <summary>How a layer's config stores an initializer: <c>{"class_name": "GlorotUniform", "config": {"seed": null}}</c>.</summary>
    internal static Dictionary<string, object?> Serialize(Initializer initializer) =>
        new() { ["class_name"] = initializer.ClassName, ["config"] = initializer.GetConfig() };

    /// <summary>
    /// The initializer a saved config describes: null (meaning the layer's default), a name ("zeros"), or
    /// <c>{"class_name": …, "config": {…}}</c> as <see cref="Serialize"/> writes it (and Keras does).
    /// </summary>
    internal static Initializer? Deserialize(JsonNode? node, string what)
    {
        if (node is null) return null;
        if (node is JsonValue value && value.TryGetValue<string>(out var name)) return Get(name);
        var (className, config) = LayerRegistry.Serialized(node, what, "an initializer");
        int? seed = config.OptionalInt("seed");
        Initializer result = NameLookup.Key(className) switch
        {
            "zeros" => new Zeros(),
            "ones" => new Ones(),
            "constant" => new Constant(config.Float("value", 0f)),
            "randomnormal" => new RandomNormal(config.Float("mean", 0f), config.Float("stddev", 0.05f), seed),
            "randomuniform" => new RandomUniform(config.Float("minval", -0.05f), config.Float("maxval", 0.05f), seed),
            "truncatednormal" => new TruncatedNormal(config.Float("mean", 0f), config.Float("stddev", 0.05f), seed),
            "glorotuniform" => new GlorotUniform(seed),
            "glorotnormal" => new GlorotNormal(seed),
            "henormal" => new HeNormal(seed),
            "heuniform" => new HeUniform(seed),
            "lecunnormal" => new LecunNormal(seed),
            "lecununiform" => new LecunUniform(seed),
            "variancescaling" => new VarianceScaling(config.Float("scale", 1f), config.String("mode", "fan_in"),
                                                     config.String("distribution", "truncated_normal"), seed),
            _ => throw new FormatException($"{what}: {NameLookup.Message("initializer class", className, Known.Select(k => k.Create().ClassName), KerasOnly)}"),
        };
        config.CheckAllRead();
        return result;
    }
}
