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
        (string? name, config) = ConfigReader.Unwrap(config, "Loss");
        var reader = new ConfigReader(config, $"The config of loss \"{name}\"", message => new ArgumentException(message, nameof(config)));
        Loss loss;
        switch (Canonical(name))
        {
            case "mean_squared_error": loss = new MeanSquaredError(); break;
            case "mean_absolute_error": loss = new MeanAbsoluteError(); break;
            case "huber": loss = new Huber((float)reader.Number("delta", 1.0)); break;
            case "binary_crossentropy":
                loss = new BinaryCrossentropy(reader.Bool("from_logits", false), (float)reader.Number("label_smoothing", 0));
                LastAxisOnly(reader);
                break;
            case "categorical_crossentropy":
                loss = new CategoricalCrossentropy(reader.Bool("from_logits", false), (float)reader.Number("label_smoothing", 0));
                LastAxisOnly(reader);
                break;
            case "sparse_categorical_crossentropy":
                loss = new SparseCategoricalCrossentropy(reader.Bool("from_logits", false));
                NoIgnoredClass(reader);
                break;
            case null when name == nameof(CustomLoss):
                throw new ArgumentException(
                    $"The loss is your own CustomLoss \"{ConfigReader.Text(config["name"]) ?? "(no name)"}\"; a file keeps its name but not its function. " +
                    "Load the model with compile: false and call Compile with the same CustomLoss again (Keras asks for custom_objects here).", nameof(config));
            default:
                throw new ArgumentException(
                    $"Loss config names the loss \"{name ?? "(no name)"}\", which CourseKit does not have.{NameLookup.DidYouMean(name, Names)} " +
                    $"It knows {string.Join(", ", Names)}.", nameof(config));
        }
        MeanOverBatchOnly(reader);
        reader.CheckAllRead();
        return loss;
    }

    /// <summary>Keras's "axis" of the cross-entropies: only the last axis (−1) is supported.</summary>
    private static void LastAxisOnly(ConfigReader config)
    {
        if (config.Number("axis", -1) != -1)
            throw config.Fail($"{config.What} sets \"axis\" = {config.Node("axis")!.ToJsonString()}; CourseKit's cross-entropies work over the last axis (-1) only.");
    }

    /// <summary>Keras's "ignore_class" of sparse categorical cross-entropy: only null (no class ignored) is supported.</summary>
    private static void NoIgnoredClass(ConfigReader config)
    {
        if (config.Node("ignore_class") is { } node)
            throw config.Fail($"{config.What} sets \"ignore_class\" = {node.ToJsonString()}, which CourseKit does not implement; remove it or set it to null.");
    }

    /// <summary>Keras's "reduction": only its default "sum_over_batch_size" (the mean over the batch) is supported.</summary>
    private static void MeanOverBatchOnly(ConfigReader config)
    {
        if (config.Node("reduction") is { } reduction && ConfigReader.Text(reduction) != "sum_over_batch_size")
            throw config.Fail($"{config.What} sets \"reduction\" = {reduction.ToJsonString()}; CourseKit's losses reduce as Keras's default " +
                              "\"sum_over_batch_size\" (the mean over the batch) only.");
    }

    /// <summary>Keras's name of the loss <paramref name="name"/> refers to (by name, alias or class name), or null.</summary>
    private protected static string? Canonical(string? name) => name is null ? null : NameLookup.Key(name) switch
    {
        "meansquarederror" or "mse" => "mean_squared_error",
        "meanabsoluteerror" or "mae" => "mean_absolute_error",
        "huber" or "huberloss" => "huber",
        "binarycrossentropy" => "binary_crossentropy",
        "categoricalcrossentropy" => "categorical_crossentropy",
        "sparsecategoricalcrossentropy" => "sparse_categorical_crossentropy",
        _ => null,
    };

    /// <summary>Keras 3's losses (and aliases) that CourseKit does not have, so that asking for one says so.</summary>
    private static readonly string[] KerasOnly =
        ["mean_absolute_percentage_error", "mape", "mean_squared_logarithmic_error", "msle", "kl_divergence", "kld", "poisson",
         "log_cosh", "logcosh", "hinge", "squared_hinge", "categorical_hinge", "cosine_similarity", "binary_focal_crossentropy",
         "categorical_focal_crossentropy", "ctc", "dice", "tversky", "circle"];

    private static ArgumentException Unknown(string? name)
    {
        if (name is null) return new ArgumentNullException(nameof(name), "Loss.Get: the loss name is null; pass one of " + string.Join(", ", Names) + ".");
        string? hint = NameLookup.Key(name) is "accuracy" or "acc" or "precision" or "recall" or "auc"
            ? $"\"{name}\" is a metric, not a loss: pass it in metrics (metrics: [\"{name}\"]) and choose a loss such as \"binary_crossentropy\"."
            : null;
        return NameLookup.Unknown("loss", name, Names, KerasOnly, hint);
    }
}
