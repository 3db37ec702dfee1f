using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CourseKit;

public partial class Model
{
    private const string ConfigEntry = "config.json", WeightsEntry = "model.weights.safetensors", OptimizerEntry = "optimizer.safetensors";

    /// <summary>
    /// Saves everything needed to continue later or elsewhere (Keras's <c>model.save</c>): a zip file holding
    /// <c>config.json</c> (the architecture and the compile settings, readable JSON), <c>model.weights.safetensors</c> (the
    /// weights, by name) and <c>optimizer.safetensors</c> (the optimizer's state), sealed with a checksum so that
    /// <see cref="Load"/> notices any damage. The save is atomic: until it is complete the previous file stays untouched.
    /// Weights that are NaN or infinite (training diverged) are saved as they are, with a warning.
    /// </summary>
    /// <param name="path">The file to write, e.g. <c>"model.keras"</c>; its folder must exist.</param>
    /// <param name="overwrite">Whether to replace an existing file (Keras's default); with false, an existing file is an error.</param>
    /// <exception cref="IOException">The file cannot be written there; the message names it and says why.</exception>
    public void Save(string path, bool overwrite = true) => Save(path, overwrite, "Model.Save", createFolder: false);

    /// <summary><see cref="Save(string, bool)"/> for a caller named <paramref name="what"/> in messages, which may
    /// create the file's folder (as Keras's ModelCheckpoint does).</summary>
    internal void Save(string path, bool overwrite, string what, bool createFolder)
    {
        var config = new JsonObject
        {
            ["format"] = "coursekit-model",
            ["format_version"] = 1,
            ["model"] = ArchitectureConfig(),
        };
        if (_compiled is not null) config["compile_config"] = CompileConfig(_compiled);
        var weights = Weights.Select(v => (v.Path, v.Value)).ToList();
        var entries = new List<(string, byte[])>
        {
            (ConfigEntry, JsonSerializer.SerializeToUtf8Bytes(config, new JsonSerializerOptions { WriteIndented = true })),
            (WeightsEntry, SafeTensors.Encode(weights)),
        };
        if (_compiled is not null)
            entries.Add((OptimizerEntry, SafeTensors.Encode(_compiled.Optimizer.State().ToList(),
                new Dictionary<string, string> { ["iterations"] = _compiled.Optimizer.Iterations.ToString(CultureInfo.InvariantCulture) })));
        AtomicFile.Write(path, stream => ModelArchive.Write(stream, entries), what, overwrite, createFolder);
        WarnIfNotFinite(weights, path, what);
    }

    /// <summary>
    /// Loads a model saved with <see cref="Save(string, bool)"/>: the architecture, the weights and, if it was compiled, the optimizer
    /// with its state — so training can continue where it stopped (<c>Fit(…, initialEpoch: …)</c>). The file is checked
    /// first (its checksums, its length), so a damaged or truncated copy is refused rather than loaded with changed weights;
    /// weights saved as NaN or infinity load back as they were.
    /// </summary>
    /// <exception cref="DataFormatException">The file is not a CourseKit model, or is truncated or damaged; the message says what is wrong.</exception>
    public static Model Load(string path, bool compile = true)
    {
        var (bytes, source) = ReadFile(path, "Model.Load");
        if (!ModelArchive.LooksLikeZip(bytes))
            throw new DataFormatException(source, SafeTensors.LooksLikeSafeTensors(bytes)
                ? "holds only weights (a safetensors file, as SaveWeights writes), not a whole model. Build the model with the same layers, then call model.LoadWeights(path)."
                : "is not a CourseKit model file (it is not a zip archive). Model.Save writes a zip with config.json and safetensors weights.");
        var entries = ModelArchive.Read(bytes, source);
        var config = ReadConfig(entries, source);
        var model = FromArchitecture(config["model"] as JsonObject ?? throw new DataFormatException(source, "config.json has no \"model\" section."), source);
        var (weights, _) = ReadTensors(entries, WeightsEntry, source) ?? throw new DataFormatException(source, $"has no {WeightsEntry}.");
        model.AssignWeights(weights, source);
        if (compile && config["compile_config"] is JsonObject compileConfig)
        {
            model.CompileFrom(compileConfig, source);
            if (ReadTensors(entries, OptimizerEntry, source) is var (state, metadata))
                model._compiled!.Optimizer.LoadState(model.TrainableWeights, state.ToDictionary(s => s.Name, s => s.Value),
                    long.TryParse(metadata.GetValueOrDefault("iterations", "0"), NumberStyles.None, CultureInfo.InvariantCulture, out long iterations) ? iterations
                        : throw new DataFormatException(source, $"{OptimizerEntry} has an invalid iteration count \"{metadata["iterations"]}\"."));
        }
        return model;
    }

    /// <summary>Saves only the weights, as one safetensors file (Keras's <c>save_weights</c>), with a checksum that
    /// <see cref="LoadWeights"/> verifies; atomic like <see cref="Save(string, bool)"/>, and like it warns about NaN or infinite weights.</summary>
    /// <param name="path">The file to write, e.g. <c>"model.weights.safetensors"</c>; its folder must exist.</param>
    /// <param name="overwrite">Whether to replace an existing file (Keras's default); with false, an existing file is an error.</param>
    public void SaveWeights(string path, bool overwrite = true) => SaveWeights(path, overwrite, "SaveWeights", createFolder: false);

    /// <summary><see cref="SaveWeights(string, bool)"/> for a caller named <paramref name="what"/> in messages, which may
    /// create the file's folder.</summary>
    internal void SaveWeights(string path, bool overwrite, string what, bool createFolder)
    {
        if (Weights.Count == 0) throw new InvalidOperationException($"Model \"{Name}\" has no weights yet: build it (inputShape, or Fit/Predict once) before saving them.");
        var weights = Weights.Select(v => (v.Path, v.Value)).ToList();
        AtomicFile.Write(path, stream => stream.Write(SafeTensors.Encode(weights)), what, overwrite, createFolder);
        WarnIfNotFinite(weights, path, what);
    }

    /// <summary>Loads weights saved with <see cref="SaveWeights(string, bool)"/> into this model, which must have the same architecture
    /// (the weights are matched in order; names may differ, e.g. dense_4 instead of dense, but every shape must agree).</summary>
    /// <exception cref="DataFormatException">The file is not a weights file, or is truncated or damaged, or does not fit this model.</exception>
    public void LoadWeights(string path)
    {
        var (bytes, source) = ReadFile(path, "LoadWeights");
        if (ModelArchive.LooksLikeZip(bytes))
            throw new DataFormatException(source, "is a whole model (a zip, as Model.Save and ModelCheckpoint write), not a weights file. " +
                                                  "Load it with Model.Load(path); its weights are then in the loaded model's Weights.");
        AssignWeights(SafeTensors.Read(bytes, source).Tensors, source);
    }

    /// <summary>The bytes of the file at <paramref name="path"/> and its full path, for messages.</summary>
    private static (byte[] Bytes, string FullPath) ReadFile(string path, string what)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string full = Path.GetFullPath(path);
        if (Directory.Exists(full)) throw new FileNotFoundException($"{what}: '{full}' is a folder; give the path of the file to read.", full);
        if (!File.Exists(full)) throw new FileNotFoundException($"{what}: there is no file '{full}'.", full);
        if (new FileInfo(full).Length > int.MaxValue)
            throw new DataFormatException(full, $"is {new FileInfo(full).Length / 1e9:0.#} GB, more than any model CourseKit saves; is it the file you meant?");
        var bytes = File.ReadAllBytes(full);
        return bytes.Length > 0 ? (bytes, full) : throw new DataFormatException(full, "is empty (0 bytes): the save that wrote it did not finish, or it is not a saved model.");
    }

    /// <summary>Warns (see <see cref="Warnings"/>) when saved weights hold NaN or infinity: they load back as they are, but such
    /// a model predicts nothing useful.</summary>
    private static void WarnIfNotFinite(List<(string Path, Tensor Value)> weights, string file, string what)
    {
        var bad = weights.Select(w => (w.Path, Count: w.Value.ToArray().Count(v => !float.IsFinite(v)))).Where(w => w.Count > 0).ToList();
        if (bad.Count == 0) return;
        Warnings.Write(
            $"{what} wrote '{Path.GetFullPath(file)}', but {bad.Sum(b => b.Count):N0} weight value(s) are NaN or infinite " +
            $"(in {string.Join(", ", bad.Select(b => b.Path))}); they were saved as they are. This usually means training diverged " +
            "(the loss became NaN or infinite): lower the learning rate, e.g. by a factor of 10, and train again from an earlier checkpoint.");
    }

    private void AssignWeights(List<(string Name, Tensor Value)> saved, string source)
    {
        var own = Weights;
        if (own.Count == 0 && saved.Count > 0)
            throw new InvalidOperationException($"Model \"{Name}\" has no weights yet: build it (inputShape, or Predict once) before loading weights into it.");
        if (saved.Count != own.Count)
            throw new DataFormatException(source, $"holds {saved.Count} weights but model \"{Name}\" has {own.Count}; the architectures differ.");
        for (int i = 0; i < own.Count; i++)
            if (!ShapeMath.SameShape(saved[i].Value.ShapeView, own[i].Value.ShapeView))
                throw new DataFormatException(source, $"weight {i} ('{saved[i].Name}') has shape {ShapeMath.Format(saved[i].Value.ShapeView)}, " +
                                                      $"but the model's '{own[i].Path}' has shape {ShapeMath.Format(own[i].Value.ShapeView)}; the architectures differ.");
        for (int i = 0; i < own.Count; i++) own[i].Value = saved[i].Value.To(own[i].Value.Device);
    }

    /// <summary>The architecture as JSON: layer classes and configs, and for functional models how they connect.</summary>
    private JsonObject ArchitectureConfig()
    {
        if (this is Sequential) return ToJson(new Dictionary<string, object?> { ["class_name"] = "Sequential", ["config"] = GetConfig() });
        CheckArchitectureCanBeSaved("Save its weights with SaveWeights(path); later create the model again and call LoadWeights(path).");
        var nodes = _graph!.Nodes;
        var index = new Dictionary<KerasTensor, int>(ReferenceEqualityComparer.Instance);
        for (int i = 0; i < nodes.Count; i++) index[nodes[i]] = i;
        var layers = _graph.Layers.Select(l => ToJson(LayerConfig.Of(l))).ToList();
        return new JsonObject
        {
            ["class_name"] = "Functional",
            ["config"] = new JsonObject
            {
                ["name"] = Name,
                ["layers"] = new JsonArray([.. layers]),
                ["nodes"] = new JsonArray(nodes.Select(n => (JsonNode)new JsonObject
                {
                    ["layer"] = n.Producer.Name,
                    ["inputs"] = new JsonArray(n.Parents.Select(p => (JsonNode?)index[p]).ToArray()),
                }).ToArray()),
                ["inputs"] = new JsonArray(_graph.Inputs.Select(i => (JsonNode?)index[i]).ToArray()),
                ["outputs"] = new JsonArray(_graph.Outputs.Select(o => (JsonNode?)index[o]).ToArray()),
            },
        };
    }

    /// <summary>Throws for a subclassed model, whose architecture is code that a file cannot hold;
    /// <paramref name="instead"/> says what to do instead.</summary>
    internal void CheckArchitectureCanBeSaved(string instead)
    {
        if (this is not Sequential && _graph is null)
            throw new NotSupportedException($"Model \"{Name}\" is a subclassed model ({GetType().Name}): its architecture is C# code, which a file cannot hold. {instead}");
    }

    private static Model FromArchitecture(JsonObject model, string source)
    {
        string className = model["class_name"]?.GetValue<string>() ?? "";
        var config = model["config"] as JsonObject ?? throw new DataFormatException(source, "the model has no config.");
        string? name = config["name"]?.GetValue<string>();
        var layerConfigs = (config["layers"] as JsonArray ?? throw new DataFormatException(source, "the model config lists no layers.")).Select(l => l!.AsObject()).ToList();
        switch (className)
        {
            case "Sequential":
                var sequential = new Sequential(name: name);
                if (config["input_shape"] is JsonArray shape) sequential.Add(new Input(shape.Select(d => d!.GetValue<int>()).ToArray()));
                foreach (var layer in layerConfigs) sequential.Add(LayerConfig.Create(layer, source));
                return sequential;
            case "Functional":
                var layers = layerConfigs.Where(l => l["class_name"]?.GetValue<string>() != nameof(InputLayer))
                                         .Select(l => LayerConfig.Create(l, source)).ToDictionary(l => l.Name);
                var inputConfigs = layerConfigs.Where(l => l["class_name"]?.GetValue<string>() == nameof(InputLayer))
                                               .ToDictionary(l => l["config"]!["name"]!.GetValue<string>());
                var nodes = new List<KerasTensor>();
                foreach (var node in config["nodes"]!.AsArray().Select(n => n!.AsObject()))
                {
                    string layerName = node["layer"]!.GetValue<string>();
                    var parents = node["inputs"]!.AsArray().Select(i => nodes[i!.GetValue<int>()]).ToArray();
                    if (inputConfigs.TryGetValue(layerName, out var input))
                    {
                        var batchShape = input["config"]!["batch_shape"]!.AsArray().Skip(1).Select(d => d!.GetValue<int>()).ToArray();
                        nodes.Add(new Input(batchShape, layerName));
                    }
                    else nodes.Add(layers.TryGetValue(layerName, out var layer) ? layer.Call(parents)
                        : throw new DataFormatException(source, $"a node uses layer '{layerName}', which the config does not define."));
                }
                return new Model(config["inputs"]!.AsArray().Select(i => nodes[i!.GetValue<int>()]).ToList(),
                                 config["outputs"]!.AsArray().Select(o => nodes[o!.GetValue<int>()]).ToList(), name);
            default:
                throw new DataFormatException(source, $"holds a model of class '{className}'; CourseKit loads Sequential and Functional models.");
        }
    }

    private static JsonObject CompileConfig(CompileSettings settings) => new()
    {
        ["optimizer"] = ToJson(new Dictionary<string, object?> { ["class_name"] = settings.Optimizer.GetType().Name, ["config"] = settings.Optimizer.GetConfig() }),
        ["loss"] = new JsonArray(settings.Losses.Select(l => (JsonNode)ToJson(new Dictionary<string, object?> { ["class_name"] = l.GetType().Name, ["config"] = l.GetConfig() })).ToArray()),
        ["loss_weights"] = new JsonArray(settings.LossWeights.Select(w => (JsonNode?)w).ToArray()),
        ["metrics"] = new JsonArray(settings.MetricNames.Select(m => (JsonNode?)m).ToArray()),
    };

    private void CompileFrom(JsonObject config, string source)
    {
        try
        {
            var optimizer = Optimizer.FromConfig(config["optimizer"]!.AsObject());
            var losses = config["loss"]!.AsArray().Select(l => Loss.FromConfig(l!.AsObject())).ToList();
            var weights = config["loss_weights"]!.AsArray().Select(w => w!.GetValue<float>()).ToList();
            var metrics = config["metrics"]!.AsArray().Select(m => Metric.Get(m!.GetValue<string>(), losses[0])).ToList();
            Compile(optimizer, losses, weights, metrics);
        }
        catch (Exception e) when (e is not DataFormatException)
        {
            throw new DataFormatException(source, $"has compile settings CourseKit cannot restore ({e.Message}); load with compile: false and call Compile yourself.", e);
        }
    }

    private static JsonObject ReadConfig(Dictionary<string, byte[]> entries, string path)
    {
        var bytes = entries.GetValueOrDefault(ConfigEntry) ?? throw new DataFormatException(path, $"is a zip archive but has no {ConfigEntry}; it was not written by Model.Save.");
        try
        {
            var config = JsonNode.Parse(bytes) as JsonObject ?? throw new DataFormatException(path, $"{ConfigEntry} is not a JSON object.");
            if (ConfigReader.Text(config["format"]) != "coursekit-model")
                throw new DataFormatException(path, $"{ConfigEntry} is not a CourseKit model config (no \"format\": \"coursekit-model\").");
            return config;
        }
        catch (JsonException e) { throw new DataFormatException(path, $"{ConfigEntry} is not valid JSON: {e.Message}", e); }
    }

    private static (List<(string Name, Tensor Value)>, Dictionary<string, string>)? ReadTensors(Dictionary<string, byte[]> entries, string entryName, string path) =>
        entries.TryGetValue(entryName, out var bytes) ? SafeTensors.Read(bytes, $"{path}:{entryName}") : null;

    internal static JsonObject ToJson(Dictionary<string, object?> config) => JsonSerializer.SerializeToNode(config)!.AsObject();
}
