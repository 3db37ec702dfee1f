using System.Text.Json;
using System.Text.Json.Nodes;

namespace CourseKit;

/// <summary>
/// Recreates layers from their saved configs (Keras's <c>layer_class.from_config(config)</c>), for loading models: the
/// inverse of <see cref="Layer.GetConfig"/>. Weights are not part of a config; set them afterwards with
/// <see cref="Layer.SetWeights"/>.
/// </summary>
internal static class LayerRegistry
{
    private static readonly Dictionary<string, Func<ConfigReader, string?, int[]?, Layer>> Factories = new()
    {
        ["Dense"] = (c, name, shape) => new Dense(
            c.Int("units"), Activation(c), c.Bool("use_bias", true),
            Initializer(c, "kernel_initializer"), Initializer(c, "bias_initializer"),
            Regularizer(c, "kernel_regularizer"), Regularizer(c, "bias_regularizer"), shape, name),
        ["Conv2D"] = (c, name, shape) => new Conv2D(
            c.Int("filters"), c.Pair("kernel_size") ?? throw new FormatException($"{c.What} needs \"kernel_size\"."),
            c.Pair("strides"), c.String("padding", "valid"), Activation(c), c.Bool("use_bias", true),
            Initializer(c, "kernel_initializer"), Initializer(c, "bias_initializer"),
            Regularizer(c, "kernel_regularizer"), Regularizer(c, "bias_regularizer"), shape, name),
        ["MaxPooling2D"] = (c, name, shape) => new MaxPooling2D(c.Pair("pool_size"), c.Pair("strides"), c.String("padding", "valid"), shape, name),
        ["AveragePooling2D"] = (c, name, shape) => new AveragePooling2D(c.Pair("pool_size"), c.Pair("strides"), c.String("padding", "valid"), shape, name),
        ["Flatten"] = (c, name, shape) => new Flatten(shape, name),
        ["Reshape"] = (c, name, shape) => new Reshape(c.Ints("target_shape") ?? throw new FormatException($"{c.What} needs \"target_shape\"."), shape, name),
        ["Activation"] = (c, name, shape) => new Activation(Activation(c), shape, name),
        ["Dropout"] = (c, name, shape) => new Dropout(c.Float("rate"), c.OptionalInt("seed"), shape, name),
        ["BatchNormalization"] = (c, name, shape) => new BatchNormalization(
            c.Int("axis", -1), c.Float("momentum", 0.99f), c.Float("epsilon", 1e-3f), c.Bool("center", true), c.Bool("scale", true),
            Initializer(c, "beta_initializer"), Initializer(c, "gamma_initializer"),
            Initializer(c, "moving_mean_initializer"), Initializer(c, "moving_variance_initializer"),
            Regularizer(c, "beta_regularizer"), Regularizer(c, "gamma_regularizer"), shape, name),
        ["Concatenate"] = (c, name, _) => new Concatenate(c.Int("axis", -1), name),
        ["Add"] = (c, name, _) => new Add(name),
        ["InputLayer"] = (c, name, shape) => new InputLayer(shape ?? throw new FormatException($"{c.What} needs \"batch_shape\" (or \"input_shape\")."), name),
    };

    /// <summary>Keras's other names for some of the classes.</summary>
    private static readonly Dictionary<string, string> Aliases = new()
    {
        ["MaxPool2D"] = "MaxPooling2D", ["AvgPool2D"] = "AveragePooling2D", ["Convolution2D"] = "Conv2D",
    };

    /// <summary>Keras 3's layers that CourseKit does not have, so that a file using one says so.</summary>
    private static readonly string[] KerasOnly =
    [
        "LSTM", "GRU", "SimpleRNN", "Bidirectional", "TimeDistributed", "Embedding", "Conv1D", "Conv3D", "Conv2DTranspose",
        "SeparableConv2D", "DepthwiseConv2D", "MaxPooling1D", "AveragePooling1D", "GlobalAveragePooling2D", "GlobalMaxPooling2D",
        "UpSampling2D", "ZeroPadding2D", "Cropping2D", "LayerNormalization", "GroupNormalization", "Normalization", "Rescaling",
        "LeakyReLU", "ReLU", "Softmax", "PReLU", "ELU", "Multiply", "Subtract", "Average", "Maximum", "Minimum", "Dot",
        "Attention", "MultiHeadAttention", "GaussianNoise", "SpatialDropout2D", "Permute", "RepeatVector", "Lambda",
        "RandomFlip", "RandomRotation", "RandomZoom", "RandomTranslation",
    ];

    /// <summary>The class names <see cref="FromConfig"/> knows.</summary>
    public static IReadOnlyCollection<string> ClassNames => Factories.Keys;

    /// <summary>Keras's class name of a layer, as a saved model lists it: "Dense", "Conv2D", ….</summary>
    public static string ClassName(Layer layer) => layer.GetType().Name;

    /// <summary>
    /// A new layer of Keras class <paramref name="className"/> with the settings in <paramref name="config"/> (Keras's
    /// keys: "units", "activation", "kernel_initializer", …; missing keys take Keras's defaults). The name and trainable
    /// flag are restored; a layer whose config has an input shape is built (with fresh weights).
    /// </summary>
    /// <exception cref="FormatException">Unknown class, a malformed or invalid value, or a setting CourseKit does not support.</exception>
    public static Layer FromConfig(string className, JsonObject config)
    {
        ArgumentNullException.ThrowIfNull(className);
        ArgumentNullException.ThrowIfNull(config);
        if (!NameLookup.TryFind(className, Factories.Select(kv => (kv.Key, kv.Key)).Concat(Aliases.Select(kv => (kv.Key, kv.Value))), out var known))
            throw new FormatException(NameLookup.Message("layer class", className, Factories.Keys, KerasOnly));
        var create = Factories[known];
        var reader = Reader(config, $"{className} config");
        try
        {
            string? name = reader.OptionalString("name");
            bool trainable = reader.Bool("trainable", true);
            var layer = create(reader, name, InputShape(reader));
            reader.CheckAllRead();
            layer.Trainable = trainable;
            return layer;
        }
        catch (ArgumentException e)
        {
            // The constructor's own check (units = 0, an unknown padding, …): the same message, as a problem of the file.
            throw new FormatException($"{reader.What}: {e.Message}", e);
        }
    }

    /// <summary>A reader for a config in a saved file (a layer's, or an initializer's or regularizer's inside it): its
    /// problems are <see cref="FormatException"/>s.</summary>
    internal static ConfigReader Reader(JsonObject config, string what) => new(config, what, message => new FormatException(message));

    /// <summary>An object saved inside a layer's config as <c>{"class_name": …, "config": {…}}</c> (an initializer, a
    /// regularizer): its class name and a reader of its config. <paramref name="expected"/> ("an initializer") is for the
    /// message when it has another form.</summary>
    internal static (string ClassName, ConfigReader Config) Serialized(JsonNode node, string what, string expected)
    {
        if (node is not JsonObject serialized || serialized["class_name"] is not JsonValue cls || !cls.TryGetValue<string>(out var className))
            throw new FormatException($"{what}: expected {expected} name or {{\"class_name\": …, \"config\": {{…}}}}, got {node.ToJsonString()}.");
        return (className, Reader(serialized["config"] as JsonObject ?? [], $"{what} ({className})"));
    }

    /// <summary>Turns <see cref="Layer.GetConfig"/>'s dictionary into JSON, as a saved file stores it.</summary>
    public static JsonObject ToJson(Dictionary<string, object?> config) =>
        JsonSerializer.SerializeToNode(config) as JsonObject ?? throw new InvalidOperationException("A layer config did not serialise to a JSON object.");

    /// <summary>The per-example input shape: CourseKit's "input_shape", or Keras's "batch_shape"/"batch_input_shape"
    /// with the batch axis (null) first.</summary>
    private static int[]? InputShape(ConfigReader c)
    {
        int[]? shape = c.Ints("input_shape"), batchShape = c.Ints("batch_shape"), legacy = c.Ints("batch_input_shape");
        batchShape ??= legacy;
        return shape is not null ? shape
            : batchShape is null ? null
            : batchShape.Length > 0 ? batchShape[1..] : throw new FormatException($"{c.What}: \"batch_shape\" is empty; it needs the batch axis and the shape of one example.");
    }

    /// <summary>An integer n (meaning (n, n)) or a pair [h, w], as Keras stores kernel_size, strides and pool_size.</summary>
    private static Size2D? Pair(this ConfigReader c, string key) => c.Node(key) switch
    {
        null => null,
        JsonArray { Count: 2 } a when ConfigReader.AsNumber(a[0]) is double h && ConfigReader.AsNumber(a[1]) is double w => new Size2D((int)h, (int)w),
        var n when ConfigReader.AsNumber(n) is double d => (int)d,
        var n => throw c.Bad(key, n, "an integer or a pair of integers"),
    };

    private static ActivationFunction Activation(ConfigReader c) => c.Node("activation") switch
    {
        null => Activations.Linear,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => Activation(v.GetValue<string>(), c),
        // Keras 3 may save a built-in activation as {"class_name": "function", "config": "relu", …}.
        JsonObject o when o["config"] is JsonValue n && n.GetValueKind() == JsonValueKind.String => Activation(n.GetValue<string>(), c),
        var other => throw new FormatException($"{c.What}: \"activation\" should be a name such as \"relu\", got {other.ToJsonString()}."),
    };

    private static ActivationFunction Activation(string name, ConfigReader c)
    {
        try { return ActivationFunction.Get(name); }
        catch (ArgumentException e) { throw new FormatException($"{c.What}: {e.Message}", e); }
    }

    private static Initializer? Initializer(ConfigReader c, string key) =>
        CourseKit.Initializer.Deserialize(c.Node(key), $"{c.What}, {key}");

    private static Regularizer? Regularizer(ConfigReader c, string key) =>
        CourseKit.Regularizer.Deserialize(c.Node(key), $"{c.What}, {key}");
}
