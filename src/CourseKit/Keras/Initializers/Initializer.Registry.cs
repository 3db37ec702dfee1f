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

    /// <summary>The names <see cref="Get"/> accepts (the class names work too: "GlorotUniform").</summary>
    public static IReadOnlyList<string> Names { get; } = Known.Select(k => k.Name).ToArray();

    /// <summary>
    /// The initializer with this Keras name, with its default settings: "glorot_uniform", "he_normal", "zeros", … (or the
    /// class name, "HeNormal"). Keras also accepts <c>"normal"</c> and <c>"uniform"</c> for random_normal/random_uniform.
    /// </summary>
    /// <exception cref="ArgumentException">Unknown name; the message lists the valid ones.</exception>
    public static Initializer Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        string key = Key(name) switch { "normal" => "randomnormal", "uniform" => "randomuniform", var k => k };
        foreach (var (known, create) in Known)
            if (Key(known) == key) return create();
        throw new ArgumentException($"Unknown initializer '{name}'. Valid names: {string.Join(", ", Names)} " +
                                    "(or an object such as new HeNormal(seed: 42)).", nameof(name));
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
        Initializer result = Key(className) switch
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
            _ => throw new FormatException($"{what}: unknown initializer class \"{className}\". Known: {string.Join(", ", Known.Select(k => k.Create().ClassName))}."),
        };
        config.CheckAllRead();
        return result;
    }

    /// <summary>"GlorotUniform", "glorot_uniform" and "glorot-uniform" all give "glorotuniform".</summary>
    private static string Key(string name) => new(name.Trim().ToLowerInvariant().Where(char.IsLetterOrDigit).ToArray());
}
