using System.Text.Json.Nodes;

namespace CourseKit;

public abstract partial class Optimizer
{
    /// <summary>Keras's names, each with the optimizer it makes (Keras's defaults).</summary>
    private static readonly (string Name, Func<Optimizer> Create)[] Known =
    [
        ("sgd", () => new SGD()),
        ("adam", () => new Adam()),
        ("nadam", () => new Nadam()),
        ("rmsprop", () => new RMSprop()),
        ("adagrad", () => new Adagrad()),
        ("adadelta", () => new Adadelta()),
    ];

    /// <summary>Keras 3's optimizers that CourseKit does not have, so that asking for one says so.</summary>
    private static readonly string[] KerasOnly = ["adamw", "adamax", "ftrl", "lion", "adafactor", "lamb", "muon"];

    /// <summary>The names <see cref="Get"/> knows, as Keras spells them.</summary>
    public static IReadOnlyList<string> Names { get; } = Known.Select(k => k.Name).ToArray();

    /// <summary>
    /// The optimizer called <paramref name="name"/> with Keras's defaults (Keras's <c>optimizers.get</c>):
    /// <c>Optimizer.Get("adam")</c> is <c>new Adam()</c>. Case and underscores do not matter ("RMSprop", "rmsprop").
    /// </summary>
    /// <exception cref="ArgumentException">No optimizer has that name; the message suggests the closest and lists the names there are.</exception>
    public static Optimizer Get(string name) => NameLookup.TryFind(name, Known, out var create) ? create()
        : throw NameLookup.Unknown("optimizer", name, Names, KerasOnly,
            alternative: " (e.g. optimizer: \"adam\"), or create one with its settings, e.g. new SGD(learningRate: 0.1, momentum: 0.9)");

    /// <summary>Lets a name stand for the optimizer, as in Keras: <c>model.Compile(optimizer: "adam", …)</c>.</summary>
    public static implicit operator Optimizer(string name) => Get(name);

    /// <summary>
    /// Recreates an optimizer from its <see cref="GetConfig"/> (read back from JSON), for loading saved models. Takes the
    /// config itself (<c>{"name": "adam", "learning_rate": 0.001, "beta_1": 0.9, …}</c>) or Keras's serialized form
    /// (<c>{"class_name": "Adam", "config": {…}}</c>). Missing settings take Keras's defaults.
    /// </summary>
    /// <exception cref="ArgumentException">The config names an unknown optimizer, has a setting CourseKit does not know,
    /// or a value of the wrong type.</exception>
    public static Optimizer FromConfig(JsonObject config)
    {
        ArgumentNullException.ThrowIfNull(config);
        (string? name, config) = ConfigReader.Unwrap(config, "Optimizer");
        var reader = OptimizerConfig.Reader(config, $"The config of optimizer \"{name}\"");
        Optimizer optimizer = name?.ToLowerInvariant() switch
        {
            "sgd" => SGD.FromConfig(reader),
            "adam" => Adam.FromConfig(reader),
            "nadam" => Nadam.FromConfig(reader),
            "rmsprop" => RMSprop.FromConfig(reader),
            "adagrad" => Adagrad.FromConfig(reader),
            "adadelta" => Adadelta.FromConfig(reader),
            _ => throw new ArgumentException(
                $"Optimizer config names the optimizer \"{name}\", which CourseKit does not have.{NameLookup.DidYouMean(name, Names)} " +
                $"It knows {string.Join(", ", Names)}.", nameof(config)),
        };
        reader.UnimplementedSettingsOff();
        reader.CheckAllRead();
        return optimizer;
    }
}
