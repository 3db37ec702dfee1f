using System.Text.Json.Nodes;

namespace CourseKit.Tests.Conformance;

/// <summary>
/// What the harness understands: kinds, keys, fact names, activations, layer types and their config keys. Anything else
/// is reported as a problem, so a new kind of case fails instead of being silently ignored.
/// </summary>
public static class ConformanceSchema
{

    /// <summary>The lecture facts the harness knows how to check (or to skip).</summary>
    public static readonly HashSet<string> FactNames =
    [
        "banknote_single_neuron_by_hand", "chain_rule_graph_(x+y)z", "sharpen_kernel_same_padding",
        "max_pool_2x2_stride2", "matrix_product_example", "summary_param_counts",
    ];


    private static readonly string[] Common = ["name", "kind"];
    private static readonly string[] Tolerances = ["rtol", "atol"];

    /// <summary>Per kind: the keys a case must have, and the ones it may have.</summary>
    private static readonly Dictionary<string, (string[] Required, string[] Optional)> Keys = new()
    {
        ["activation"] = ([.. Common, "activation", "input", "upstream", "expected_output", "expected_input_grad", .. Tolerances], []),
        ["layer"] = ([.. Common, "layer", "config", "weights", "input", "upstream", "expected_output", "expected_input_grad",
                      "expected_weight_grads", .. Tolerances], ["state", "expected_state"]),
        ["fact"] = ([.. Common, "value"], ["text", "image", "kernel", "input", .. Tolerances]),
        ["loss"] = ([.. Common, "loss", "y_true", "y_pred", "expected_loss", "expected_y_pred_grad", .. Tolerances], ["options"]),
        ["optimizer"] = ([.. Common, "optimizer", "initial", "gradients", "expected", .. Tolerances], []),
        ["model"] = ([.. Common, "layers", "x", "y", "loss", "optimizer", "fit", "expected_epoch_losses", "expected_weights", .. Tolerances], []),
    };

    /// <summary>Per layer type: allowed config keys (Keras argument names, plus <c>type</c>) and its weights.</summary>
    public static readonly Dictionary<string, (string[] Config, string[] Weights)> Layers = new()
    {
        ["Dense"] = (["type", "units", "activation", "use_bias"], ["kernel", "bias"]),
        ["Conv2D"] = (["type", "filters", "kernel_size", "strides", "padding", "activation", "use_bias"], ["kernel", "bias"]),
        ["MaxPooling2D"] = (["type", "pool_size", "strides", "padding"], []),
        ["AveragePooling2D"] = (["type", "pool_size", "strides", "padding"], []),
        ["Flatten"] = (["type"], []),
        ["BatchNormalization"] = (["type", "momentum", "epsilon", "training"], ["gamma", "beta"]),
    };

    /// <summary>The batch-normalization state variables.</summary>
    public static readonly string[] BatchNormState = ["moving_mean", "moving_variance"];

    private static readonly HashSet<string> LossNames =
    [
        "mean_squared_error", "mse", "mean_absolute_error", "mae", "huber", "binary_crossentropy",
        "categorical_crossentropy", "sparse_categorical_crossentropy",
    ];

    private static readonly Dictionary<string, string[]> OptimizerArguments = new()
    {
        ["sgd"] = ["learning_rate", "momentum", "nesterov"],
        ["adam"] = ["learning_rate", "beta_1", "beta_2", "epsilon", "amsgrad"],
        ["nadam"] = ["learning_rate", "beta_1", "beta_2", "epsilon"],
        ["rmsprop"] = ["learning_rate", "rho", "momentum", "epsilon", "centered"],
        ["adagrad"] = ["learning_rate", "initial_accumulator_value", "epsilon"],
        ["adadelta"] = ["learning_rate", "rho", "epsilon"],
    };

    /// <summary>Problems with a file's top level (suite, semantics, dtype) and with duplicate case names.</summary>
    public static IEnumerable<string> FileProblems(string file, JsonObject root)
    {
        foreach (var key in root.Select(p => p.Key).Where(k => k is not ("suite" or "semantics" or "dtype" or "cases")))
            yield return $"{file}: unknown top-level key \"{key}\".";
        if (Text(root["suite"]) is null) yield return $"{file}: \"suite\" should be a string.";
        if (Text(root["semantics"]) != "keras-3") yield return $"{file}: \"semantics\" is {root["semantics"]?.ToJsonString() ?? "missing"}; the harness knows \"keras-3\".";
        if (Text(root["dtype"]) != "float32") yield return $"{file}: \"dtype\" is {root["dtype"]?.ToJsonString() ?? "missing"}; the harness knows \"float32\".";
        if (root["cases"] is JsonArray cases)
            foreach (var duplicate in cases.Select(c => Text(c?["name"])).Where(n => n is not null).GroupBy(n => n).Where(g => g.Count() > 1))
                yield return $"{file}: {duplicate.Count()} cases are named \"{duplicate.Key}\"; names must be unique.";
    }

    /// <summary>Everything about <paramref name="c"/> the harness would not understand; empty when it can run it.</summary>
    public static List<string> Problems(ConformanceCase c)
    {
        var problems = new List<string>();
        void Add(string message) => problems.Add($"{c.Label}: {message}");

        if (c.TryString("name") is not { Length: > 0 }) Add("\"name\" should be a non-empty string.");
        if (!Keys.TryGetValue(c.Kind, out var keys))
        {
            Add($"unknown kind \"{c.Kind}\"; known kinds: {string.Join(", ", Keys.Keys)}.");
            return problems;
        }
        CheckKeys(c.Json, keys.Required, keys.Optional, "case", Add);

        switch (c.Kind)
        {
            case "activation":
                CheckActivation(c.Json["activation"], "\"activation\"", Add);
                break;
            case "layer":
                CheckLayer(c, Add);
                break;
            case "fact":
                if (!FactNames.Contains(c.Name)) Add($"unknown fact \"{c.Name}\"; known facts: {string.Join(", ", FactNames)}.");
                break;
            case "loss":
                if (!LossNames.Contains(Text(c.Json["loss"]) ?? "")) Add($"unknown loss {c.Json["loss"]?.ToJsonString()}.");
                if (c.Json["options"] is JsonObject options) CheckKeys(options, [], ["from_logits", "delta"], "options", Add);
                break;
            case "optimizer":
                CheckOptimizer(c.Json["optimizer"], Add);
                break;
            case "model":
                CheckModel(c, Add);
                break;
        }
        return problems;
    }

    private static void CheckLayer(ConformanceCase c, Action<string> add)
    {
        var type = Text(c.Json["layer"]) ?? "";
        if (!Layers.TryGetValue(type, out var spec))
        {
            add($"unknown layer type \"{type}\"; known types: {string.Join(", ", Layers.Keys)}.");
            return;
        }
        if (c.Json["config"] is not JsonObject config) { add("\"config\" should be an object."); return; }
        CheckKeys(config, [], spec.Config, "config", add);
        if (config["type"] is { } t && Text(t) != type) add($"config.type {t.ToJsonString()} does not match \"layer\": \"{type}\".");
        if (config["activation"] is { } activation) CheckActivation(activation, "config.activation", add);
        if (config["padding"] is { } padding && Text(padding) is not ("valid" or "same"))
            add($"config.padding {padding.ToJsonString()} should be \"valid\" or \"same\".");

        bool useBias = config["use_bias"] is not JsonValue b || !b.TryGetValue<bool>(out var ub) || ub;
        if (config["use_bias"] is { } ubNode && !(ubNode is JsonValue v && v.TryGetValue<bool>(out _)))
            add($"config.use_bias {ubNode.ToJsonString()} should be true or false.");
        var weights = new HashSet<string>(spec.Weights.Where(w => w != "bias" || useBias));
        if (c.Json["weights"] is JsonObject given) CheckKeys(given, [.. weights], [], "weights", add);
        if (c.Json["expected_weight_grads"] is JsonObject grads) CheckKeys(grads, [.. weights], [], "expected_weight_grads", add);

        if (type == "BatchNormalization")
        {
            foreach (var key in new[] { "state", "expected_state" })
                if (c.Json[key] is JsonObject state) CheckKeys(state, BatchNormState, [], key, add);
                else add($"BatchNormalization needs \"{key}\" ({string.Join(", ", BatchNormState)}).");
        }
        else if (c.Json["state"] is not null || c.Json["expected_state"] is not null)
            add($"\"state\"/\"expected_state\" only make sense for BatchNormalization, not {type}.");
    }

    private static void CheckOptimizer(JsonNode? node, Action<string> add)
    {
        if (node is not JsonObject optimizer || Text(optimizer["name"]) is not string name || !OptimizerArguments.TryGetValue(name, out var arguments))
        {
            add($"unknown optimizer {node?.ToJsonString() ?? "(missing)"}; known: {string.Join(", ", OptimizerArguments.Keys)}.");
            return;
        }
        CheckKeys(optimizer, ["name"], arguments, "optimizer", add);
    }

    private static void CheckModel(ConformanceCase c, Action<string> add)
    {
        if (!LossNames.Contains(Text(c.Json["loss"]) ?? "")) add($"unknown loss {c.Json["loss"]?.ToJsonString()}.");
        CheckOptimizer(c.Json["optimizer"], add);
        if (c.Json["fit"] is JsonObject fit) CheckKeys(fit, [], ["epochs", "batch_size", "shuffle"], "fit", add);
        if (c.Json["layers"] is not JsonArray layers) { add("\"layers\" should be an array."); return; }
        foreach (var (layer, i) in layers.Select((l, i) => (l as JsonObject, i)))
        {
            if (layer is null || Text(layer["type"]) != "Dense") { add($"layers[{i}] should be a Dense layer."); continue; }
            CheckKeys(layer, ["type", "units", "weights"], ["activation", "use_bias"], $"layers[{i}]", add);
            if (layer["activation"] is { } activation) CheckActivation(activation, $"layers[{i}].activation", add);
        }
    }

    private static void CheckActivation(JsonNode? node, string where, Action<string> add)
    {
        if (Text(node) is not string name || !Tensor.ActivationNames.Contains(name))
            add($"{where} {node?.ToJsonString() ?? "(missing)"} is not an activation CourseKit knows ({string.Join(", ", Tensor.ActivationNames)}).");
    }

    private static void CheckKeys(JsonObject o, string[] required, string[] optional, string where, Action<string> add)
    {
        foreach (var key in required.Where(k => !o.ContainsKey(k)))
            add($"{where} lacks \"{key}\".");
        foreach (var key in o.Select(p => p.Key).Where(k => !required.Contains(k) && !optional.Contains(k)))
            add($"{where} has an unknown key \"{key}\".");
    }

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
