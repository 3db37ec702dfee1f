using System.Text.Json;
using System.Text.Json.Nodes;

namespace CourseKit;

public abstract partial class Loss
{
    /// <summary>The names <see cref="Get"/> knows, as Keras spells them (Keras's names, each followed by its aliases).</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        "mean_squared_error", "mse", "mean_absolute_error", "mae", "huber", "binary_crossentropy",
        "categorical_crossentropy", "sparse_categorical_crossentropy",
    ];

    /// <summary>
    /// The loss called <paramref name="name"/>, with Keras's defaults (Keras's <c>losses.get</c>): <c>Loss.Get("mse")</c> is
    /// <c>new MeanSquaredError()</c>. Case, spaces and underscores do not matter, so Keras's class names work too
    /// ("BinaryCrossentropy"). For settings such as <c>fromLogits</c>, create the loss yourself:
    /// <c>new SparseCategoricalCrossentropy(fromLogits: true)</c>.
    /// </summary>
    /// <exception cref="ArgumentException">No loss has that name; the message lists the names there are.</exception>
    public static Loss Get(string name) => Canonical(name) switch
    {
        "mean_squared_error" => new MeanSquaredError(),
        "mean_absolute_error" => new MeanAbsoluteError(),
        "huber" => new Huber(),
        "binary_crossentropy" => new BinaryCrossentropy(),
        "categorical_crossentropy" => new CategoricalCrossentropy(),
        "sparse_categorical_crossentropy" => new SparseCategoricalCrossentropy(),
        _ => throw Unknown(name),
    };

    /// <summary>Lets a name stand for the loss, as in Keras: <c>model.Compile(loss: "binary_crossentropy", …)</c>.</summary>
    public static implicit operator Loss(string name) => Get(name);

    /// <summary>
    /// Recreates a loss from its <see cref="GetConfig"/> (read back from JSON), for loading saved models. Takes the config
    /// itself (<c>{"name": "binary_crossentropy", "from_logits": true, …}</c>) or Keras's serialized form
    /// (<c>{"class_name": "BinaryCrossentropy", "config": {…}}</c>). Missing settings take Keras's defaults.
    /// </summary>
    /// <exception cref="ArgumentException">The config names an unknown loss, has a setting CourseKit does not know or
    /// implement, or a value of the wrong type.</exception>
    public static Loss FromConfig(JsonObject config)
    {
        ArgumentNullException.ThrowIfNull(config);
        string? name;
        if (config["class_name"] is not null)
        {
            name = Text(config["class_name"]);
            config = config["config"] as JsonObject ?? throw new ArgumentException(
                $"Loss config for \"{name}\": \"config\" should be an object with the loss's settings, got {config["config"]?.ToJsonString() ?? "nothing"}.",
                nameof(config));
        }
        else name = Text(config["name"]);

        var reader = new LossConfigReader(config, $"The config of loss \"{name}\"");
        Loss loss;
        switch (Canonical(name))
        {
            case "mean_squared_error": loss = new MeanSquaredError(); break;
            case "mean_absolute_error": loss = new MeanAbsoluteError(); break;
            case "huber": loss = new Huber((float)reader.Number("delta", 1.0)); break;
            case "binary_crossentropy":
                loss = new BinaryCrossentropy(reader.Bool("from_logits", false), (float)reader.Number("label_smoothing", 0));
                reader.LastAxisOnly();
                break;
            case "categorical_crossentropy":
                loss = new CategoricalCrossentropy(reader.Bool("from_logits", false), (float)reader.Number("label_smoothing", 0));
                reader.LastAxisOnly();
                break;
            case "sparse_categorical_crossentropy":
                loss = new SparseCategoricalCrossentropy(reader.Bool("from_logits", false));
                reader.NoIgnoredClass();
                break;
            default:
                throw new ArgumentException(
                    $"Loss config names the loss \"{name ?? "(no name)"}\", which CourseKit does not have; it knows {string.Join(", ", Names)}.", nameof(config));
        }
        reader.CheckAllRead();
        return loss;
    }

    /// <summary>Keras's name of the loss <paramref name="name"/> refers to (by name, alias or class name), or null.</summary>
    private static string? Canonical(string? name) => name is null ? null : NameLookup.Key(name) switch
    {
        "meansquarederror" or "mse" => "mean_squared_error",
        "meanabsoluteerror" or "mae" => "mean_absolute_error",
        "huber" or "huberloss" => "huber",
        "binarycrossentropy" => "binary_crossentropy",
        "categoricalcrossentropy" => "categorical_crossentropy",
        "sparsecategoricalcrossentropy" => "sparse_categorical_crossentropy",
        _ => null,
    };

    private static ArgumentException Unknown(string? name)
    {
        if (name is null) return new ArgumentNullException(nameof(name), "Loss.Get: the loss name is null; pass one of " + string.Join(", ", Names) + ".");
        string hint = NameLookup.Key(name) is "accuracy" or "acc" or "precision" or "recall" or "auc"
            ? $" \"{name}\" is a metric, not a loss: pass it in metrics (metrics: [\"{name}\"]) and choose a loss such as \"binary_crossentropy\"."
            : NameLookup.DidYouMean(name, Names);
        return new ArgumentException($"Unknown loss \"{name}\".{hint} Valid names: {string.Join(", ", Names)}.", nameof(name));
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
}
