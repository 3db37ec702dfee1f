using CourseKit.Interactive;
using System.Diagnostics;

namespace CourseKit;

public partial class Model
{
    /// <summary>
    /// Trains the model (Keras's <c>fit</c>): for each epoch, shuffles the examples (unless <paramref name="shuffle"/> is
    /// false), cuts them into batches of <paramref name="batchSize"/>, and for each batch runs <see cref="TrainStep"/>: the
    /// loss, its gradients (backpropagation) and one optimizer step — a subclassed model may override it. Returns the
    /// <see cref="TrainingHistory"/> of losses and metrics.
    /// Training stops early, saying why in <see cref="TrainingHistory.StopReason"/>, when the loss becomes NaN or infinite
    /// or stops moving because the outputs saturated: both usually mean the learning rate is too high.
    /// </summary>
    /// <param name="x">Inputs: one example per row (first axis).</param>
    /// <param name="y">Targets, one per example (class indices, one-hot rows or numbers, as the loss expects).</param>
    /// <param name="epochs">How many passes over the data.</param>
    /// <param name="batchSize">Examples per gradient step (Keras's default is 32).</param>
    /// <param name="verbose">0 silent, 1 a progress line per epoch (redrawn during the epoch on a terminal), 2 one line per epoch.</param>
    /// <param name="callbacks">Code to run during training (EarlyStopping, ModelCheckpoint, …).</param>
    /// <param name="validationSplit">Fraction of the data, taken from the end before shuffling, held out for validation.</param>
    /// <param name="validationData">Separate validation data, evaluated after each epoch (val_loss, val_accuracy, …).</param>
    /// <param name="shuffle">Whether to shuffle the training examples before each epoch.</param>
    /// <param name="classWeight">A weight per class index, multiplying each example's loss (for unbalanced classes).</param>
    /// <param name="initialEpoch">The epoch to start counting from (to resume training).</param>
    public TrainingHistory Fit(Tensor x, Tensor y, int epochs = 1, int batchSize = 32, int verbose = 1,
                       IReadOnlyList<Callback>? callbacks = null, float validationSplit = 0, (Tensor X, Tensor Y)? validationData = null,
                       bool shuffle = true, IReadOnlyDictionary<int, float>? classWeight = null, int initialEpoch = 0)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        return Fit([x], [y], epochs, batchSize, verbose, callbacks, validationSplit,
                   validationData is { } v ? ([v.X], [v.Y]) : null, shuffle, classWeight, initialEpoch);
    }

    /// <summary>Trains a model with several inputs and/or outputs: one tensor per input in <paramref name="x"/>, one
    /// target tensor per output in <paramref name="y"/>. See the single-input overload for the settings.</summary>
    public TrainingHistory Fit(IReadOnlyList<Tensor> x, IReadOnlyList<Tensor> y, int epochs = 1, int batchSize = 32, int verbose = 1,
                       IReadOnlyList<Callback>? callbacks = null, float validationSplit = 0,
                       (IReadOnlyList<Tensor> X, IReadOnlyList<Tensor> Y)? validationData = null,
                       bool shuffle = true, IReadOnlyDictionary<int, float>? classWeight = null, int initialEpoch = 0)
    {
        var settings = Compiled;
        var data = new TrainingData(x, y, this, "Fit");
        if (epochs < 1) throw new ArgumentException($"Fit: epochs must be at least 1, got {epochs}.", nameof(epochs));
        if (batchSize < 1) throw new ArgumentException($"Fit: batchSize must be at least 1, got {batchSize}.", nameof(batchSize));
        if (initialEpoch < 0 || initialEpoch >= epochs)
            throw new ArgumentException($"Fit: initialEpoch ({initialEpoch}) must be at least 0 and below epochs ({epochs}).", nameof(initialEpoch));
        if (validationSplit != 0 && validationData is not null)
            throw new ArgumentException("Fit: give either validationSplit or validationData, not both.", nameof(validationSplit));
        TrainingData? validation = validationData is { } vd ? new TrainingData(vd.X, vd.Y, this, "Fit: validationData") : null;
        if (validationSplit != 0) (data, validation) = data.Split(validationSplit);

        EnsureBuiltFor(data.X, "Fit");
        CheckTargets(data);
        if (validation is not null) CheckTargets(validation);
        var sampleWeights = classWeight is null ? null : data.ClassWeights(classWeight);

        var history = new TrainingHistory();
        int steps = (data.Count + batchSize - 1) / batchSize;
        history.Params = new Dictionary<string, object> { ["epochs"] = epochs, ["steps"] = steps, ["batch_size"] = batchSize, ["samples"] = data.Count, ["verbose"] = verbose,
                                                     ["loss"] = string.Join(", ", settings.Losses.Select(l => l.Name)) };
        var all = new List<Callback>(callbacks ?? []) { history };
        foreach (var c in all) c.Model = this;
        var metrics = FreshMetrics();
        var progress = new ProgressLog(verbose, epochs, steps);
        var advice = new TrainingAdvice();
        var stepOwned = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
        StopTraining = false;

        foreach (var c in all) c.OnTrainBegin(new Dictionary<string, float>());
        for (int epoch = initialEpoch; epoch < epochs && !StopTraining; epoch++)
        {
            foreach (var c in all) c.OnEpochBegin(epoch);
            foreach (var m in metrics) m.Metric.Reset();
            var clock = Stopwatch.StartNew();
            var order = shuffle ? Shuffled(data.Count) : null;
            double lossSum = 0;
            var outputLossSums = new double[OutputCount > 1 ? OutputCount : 0];
            int seen = 0;
            bool diverged = false;
            Dictionary<string, float> logs = [];
            for (int step = 0; step < steps && !diverged; step++)
            {
                foreach (var c in all) c.OnBatchBegin(step);
                int n = Math.Min(batchSize, data.Count - step * batchSize);
                var (loss, perOutput) = RunTrainStep(data, order, step * batchSize, n, sampleWeights, settings, metrics, stepOwned);
                lossSum += (double)loss * n;
                for (int o = 0; o < perOutput.Length; o++) outputLossSums[o] += (double)perOutput[o] * n;
                seen += n;
                logs = Logs(lossSum / seen, outputLossSums.Select(sum => sum / seen).ToArray(), metrics);
                if (!float.IsFinite(loss))
                {
                    // As Keras's TerminateOnNaN: stop at once, but still close the epoch so History records it.
                    diverged = true;
                    history.StopReason = TrainingAdvice.NonFiniteLoss(loss, epoch, step, settings.Optimizer);
                    StopTraining = true;
                }
                foreach (var c in all) c.OnBatchEnd(step, logs);
                progress.Batch(epoch, step + 1, clock.Elapsed, logs);
            }
            if (validation is not null && !diverged)
                foreach (var (key, value) in Evaluate(validation, batchSize)) logs["val_" + key] = value;
            // A loss that stopped moving because the outputs saturated ends training with the same advice as NaN.
            string? stuck = diverged ? null : advice.Stuck(lossSum / seen, this, data.X, settings.Optimizer);
            if (stuck is not null)
            {
                history.StopReason = stuck;
                StopTraining = true;
            }
            progress.EpochEnd(epoch, steps, clock.Elapsed, logs);
            if (diverged || stuck is not null) progress.Stop(history.StopReason!);
            foreach (var c in all) c.OnEpochEnd(epoch, logs);
        }
        if (StopTraining && history.StopReason is null) history.StopReason = "a callback stopped training";
        foreach (var c in all) c.OnTrainEnd(history.History.ToDictionary(kv => kv.Key, kv => kv.Value[^1]));
        return history;
    }

    /// <summary>Runs <see cref="TrainStep"/> on one batch, checks what it returned and updates the metrics; returns the
    /// batch's loss (before the update, as Keras reports it) and, for several outputs, each output's own loss. Every
    /// tensor the step creates — the batch on the model's device, activations, gradients, the replaced weights of the
    /// previous step — is freed when it ends, so a GPU's memory pool serves the next step without asking the driver.</summary>
    private (float Loss, float[] PerOutput) RunTrainStep(TrainingData data, int[]? order, int start, int count, Tensor? sampleWeights,
                                                         CompileSettings settings, List<(string Name, int Output, Metric Metric)> metrics,
                                                         HashSet<Tensor> stepOwned)
    {
        var scope = TensorScope.Begin();
        try
        {
            var batch = data.Batch(order, start, count, sampleWeights);
            var (x, y, sampleWeight) = OnModelDevice(batch.X, batch.Y, batch.Weights);
            var result = CheckedStepResult(TrainStep(new TrainingBatch(x, y, sampleWeight)), count);
            float lossValue = result.Loss.Item();
            using (Autograd.NoGrad())
            {
                var predictions = result.Predictions.Select(p => p.Detach()).ToList();
                var perOutput = OutputCount > 1 ? OutputLosses(y, predictions, sampleWeight, settings).Select(l => l.Item()).ToArray() : [];
                foreach (var (_, output, metric) in metrics) metric.Update(y[output], predictions[output], sampleWeight);
                return (lossValue, perOutput);
            }
        }
        finally
        {
            var state = State(settings);
            var created = scope.DisposeAllExcept(state);
            // Weights and optimizer slots that an earlier step created and this one replaced are garbage now, too.
            // (Tensors from before Fit are never freed here: the caller may still hold them.)
            foreach (var old in stepOwned.Where(t => !state.Contains(t)).ToList())
            {
                old.Dispose();
                stepOwned.Remove(old);
            }
            stepOwned.UnionWith(created);
        }
    }

    /// <summary>What an overridden <see cref="TrainStep"/> returned, or an error that says what is wrong with it.</summary>
    private TrainStepResult CheckedStepResult(TrainStepResult? result, int batchSize)
    {
        string step = $"Fit: {GetType().Name}.TrainStep";
        if (result is null)
            throw new InvalidOperationException($"{step} returned null; it must return the batch's loss and the model's predictions: " +
                                                "return new TrainStepResult(loss, predictions);");
        if (result.Loss.Size != 1)
            throw new InvalidOperationException($"{step} returned a loss of shape {ShapeMath.Format(result.Loss.ShapeView)}; the loss of a batch " +
                                                "is a single number: average the examples' losses with .Mean().");
        if (result.Predictions.Count != OutputCount)
            throw new InvalidOperationException($"{step} returned {result.Predictions.Count} prediction tensors, but model \"{Name}\" has " +
                                                $"{OutputCount} outputs ({string.Join(", ", OutputNames)}); return one per output.");
        foreach (var p in result.Predictions)
            if (p.Rank == 0 || p.ShapeView[0] != batchSize)
                throw new InvalidOperationException($"{step} returned predictions of shape {ShapeMath.Format(p.ShapeView)} for a batch of " +
                                                    $"{batchSize} examples; return the model's outputs for the batch, one row per example.");
        return result;
    }

    /// <summary>What a training step must not free: the weights' current values and the optimizer's slots.</summary>
    private HashSet<Tensor> State(CompileSettings settings) =>
        new(Weights.Select(w => w.Value).Concat(settings.Optimizer.State().Select(s => s.Value)), ReferenceEqualityComparer.Instance);

    /// <summary>The model's device: where its weights live (the data are moved there one batch at a time).</summary>
    private Device? WeightsDevice => Weights.Count > 0 ? Weights[0].Value.Device : null;

    /// <summary>Moves a batch to the model's device, if it is elsewhere: one upload per tensor per step.</summary>
    private (IReadOnlyList<Tensor> X, IReadOnlyList<Tensor> Y, Tensor? Weights) OnModelDevice(IReadOnlyList<Tensor> x, IReadOnlyList<Tensor> y, Tensor? weights)
    {
        var device = WeightsDevice;
        return (OnDevice(x, device), OnDevice(y, device), device is null ? weights : weights?.To(device));
    }

    private static IReadOnlyList<Tensor> OnDevice(IReadOnlyList<Tensor> tensors, Device? device) =>
        device is null ? tensors : tensors.Select(t => t.To(device)).ToList();

    private Dictionary<string, float> Logs(double loss, double[] outputLosses, List<(string Name, int Output, Metric Metric)> metrics)
    {
        var logs = new Dictionary<string, float> { ["loss"] = (float)loss };
        for (int o = 0; o < outputLosses.Length; o++) logs[$"{OutputNames[o]}_loss"] = (float)outputLosses[o];
        foreach (var (name, _, metric) in metrics) logs[name] = metric.Result();
        return logs;
    }

    /// <summary>
    /// The loss and metrics on data the model did not train on (Keras's <c>evaluate</c>), computed in batches in
    /// inference mode: <c>model.Evaluate(xTest, yTest)["accuracy"]</c>. With <c>verbose: 1</c> the result is also shown:
    /// displayed in a notebook, printed elsewhere.
    /// </summary>
    public Evaluation Evaluate(Tensor x, Tensor y, int batchSize = 32, int verbose = 0) => Evaluate([x], [y], batchSize, verbose);

    /// <summary>Evaluate for a model with several inputs and/or outputs.</summary>
    public Evaluation Evaluate(IReadOnlyList<Tensor> x, IReadOnlyList<Tensor> y, int batchSize = 32, int verbose = 0) =>
        Evaluate(x, y, batchSize, verbose, InferenceChunks.DefaultBudget);

    /// <summary>Evaluate with forward passes of at most <paramref name="memoryBudget"/> bytes of tensors (see <see cref="InferenceChunks"/>).</summary>
    internal Evaluation Evaluate(IReadOnlyList<Tensor> x, IReadOnlyList<Tensor> y, int batchSize, int verbose, long memoryBudget)
    {
        if (batchSize < 1) throw new ArgumentException($"Evaluate: batchSize must be at least 1, got {batchSize}.", nameof(batchSize));
        var data = new TrainingData(x, y, this, "Evaluate");
        EnsureBuiltFor(data.X, "Evaluate");
        CheckTargets(data);
        var result = Evaluate(data, batchSize, memoryBudget);
        if (verbose > 0 && NotebookHost.Show(result) is null) Console.WriteLine(result);
        return result;
    }

    /// <summary>The loss and metrics on data already checked (<see cref="CheckTargets"/>): Fit checks its validation data
    /// once, before the first epoch.</summary>
    private Evaluation Evaluate(TrainingData data, int batchSize, long memoryBudget = InferenceChunks.DefaultBudget)
    {
        var settings = Compiled;
        var chunks = new InferenceChunks(batchSize, memoryBudget);
        var metrics = FreshMetrics();
        double lossSum = 0;
        var outputLossSums = new double[OutputCount > 1 ? OutputCount : 0];
        using (Autograd.NoGrad())
            for (int start = 0; start < data.Count; start += batchSize)
            {
                var scope = TensorScope.Begin();
                try
                {
                    var batch = data.Batch(null, start, Math.Min(batchSize, data.Count - start), null);
                    var (_, yb, _) = OnModelDevice([], batch.Y, null);
                    int n = yb[0].ShapeView[0];
                    var outputs = OutputsInChunks(batch.X, 0, n, chunks);
                    var outputLosses = OutputLosses(yb, outputs, null, settings);
                    lossSum += (double)WeightedLoss(outputLosses, settings).Item() * n;
                    for (int o = 0; o < outputLossSums.Length; o++) outputLossSums[o] += (double)outputLosses[o].Item() * n;
                    foreach (var (_, output, metric) in metrics) metric.Update(yb[output], outputs[output], null);
                }
                finally
                {
                    scope.DisposeAllExcept([]);
                }
            }
        return new Evaluation(Logs(lossSum / data.Count, outputLossSums.Select(sum => sum / data.Count).ToArray(), metrics));
    }

    /// <summary>A random order of 0 … n−1 from the global generator, so that <see cref="Tensor.SetRandomSeed"/> makes training reproducible.</summary>
    private static int[] Shuffled(int n)
    {
        var keys = Tensor.RandomUniform([n], device: Device.Reference).ToArray();
        var order = Enumerable.Range(0, n).ToArray();
        Array.Sort(keys, order);
        return order;
    }

    /// <summary>
    /// Catches targets that do not fit the loss or the metrics before any work is done (one-hot vs class indices, wrong
    /// count, a forgotten Flatten, a label out of range anywhere in the data): the model runs on the first two examples,
    /// and the losses and metrics then check every target, a chunk at a time, against that first prediction. The errors
    /// name the method called, show the shapes of all the data as the user passed them, and number the examples as the
    /// user's data does.
    /// </summary>
    private void CheckTargets(TrainingData data)
    {
        if (data.Y.Count != OutputCount)
            throw new ArgumentException($"{data.Source}: model \"{Name}\" has {OutputCount} outputs but {data.Y.Count} target tensors were given.");
        var settings = Compiled;
        using (Autograd.NoGrad())
        {
            int n = Math.Min(2, data.Count);
            var (x, _, _) = OnModelDevice(data.X.Select(t => t[0..n]).ToList(), [], null);
            IReadOnlyList<Tensor> outputs;
            try
            {
                outputs = Outputs(x, training: false);
            }
            catch (ShapeException e)
            {
                throw Named(data.Source, e);
            }
            var metrics = FreshMetrics();
            for (int start = 0; start < data.Count; start += TargetCheckChunk)
            {
                int count = Math.Min(TargetCheckChunk, data.Count - start);
                using var shown = Targets.ShowingExamples(data.Count, data.FirstExample + start);
                var scope = TensorScope.Begin(); // each chunk's tensors are freed when it is checked (a GPU's memory too)
                try
                {
                    var (_, y, _) = OnModelDevice([], data.Y.Select(t => t[start..(start + count)]).ToList(), null);
                    for (int o = 0; o < OutputCount; o++)
                    {
                        var predicted = outputs[o].Take(new int[count]); // the first example's output for every target
                        try
                        {
                            settings.Losses[o].Call(y[o], predicted);
                            foreach (var m in metrics.Where(m => m.Output == o)) m.Metric.Update(y[o], predicted, null);
                        }
                        catch (ArgumentException e)
                        {
                            throw TargetsDoNotFit(data.Source, e, outputs[o], y[o]);
                        }
                    }
                }
                finally
                {
                    scope.DisposeAllExcept([]);
                }
            }
        }
    }

    /// <summary>Builds the model for inputs of the shapes of <paramref name="x"/> (the first axis is the examples), or checks
    /// that they fit the model it is; an error starts with <paramref name="source"/>, the method called.</summary>
    private void EnsureBuiltFor(IReadOnlyList<Tensor> x, string source)
    {
        if (InputShapes is { } expected && x.Where((t, i) => t.Rank == 1 && i < expected.Count && expected[i].Length > 0).FirstOrDefault() is { } flat)
            throw Named(source, new ShapeException($"model \"{Name}\" takes inputs of shape {KerasTensor.Format(expected[x.ToList().IndexOf(flat)])}."), OneAxisHint(x));
        try
        {
            EnsureBuilt(x.Select(t => t.ShapeView[1..]).ToList());
        }
        catch (ShapeException e)
        {
            throw Named(source, e, OneAxisHint(x));
        }
    }

    /// <summary>For inputs with a single axis — one example of n numbers, or n examples of one number — which reshape
    /// was probably meant (the first axis is always the examples).</summary>
    private static string OneAxisHint(IReadOnlyList<Tensor> x) =>
        x.FirstOrDefault(t => t.Rank == 1) is { } t
            ? $" The inputs have one axis, shape ({t.ShapeView[0]},), but the first axis counts the examples: for one example of " +
              $"{t.ShapeView[0]} numbers pass x.Reshape(1, {t.ShapeView[0]}); for {t.ShapeView[0]} examples of one number each, x.Reshape({t.ShapeView[0]}, 1)."
            : "";

    /// <summary>A layer's complaint about the inputs, starting with the method called (and the argument: "Fit: validationData").</summary>
    private static ShapeException Named(string source, ShapeException problem, string hint = "") => new($"{source}: {problem.Message}{hint}");

    /// <summary>How many targets <see cref="CheckTargets"/> checks at once.</summary>
    private const int TargetCheckChunk = 4096;

    /// <summary>A loss's or metric's complaint about the targets, starting with the method called; when the model gives
    /// many values per example (rank above 2) for targets of one row per example, it says that a Flatten is probably
    /// missing — the usual cause — before the loss's own words.</summary>
    private static ArgumentException TargetsDoNotFit(string source, ArgumentException problem, Tensor output, Tensor target)
    {
        string flatten = output.Rank > 2 && target.Rank <= 2
            ? $"the model's output has shape {Targets.Format(output)}, many values per example, but the targets have shape {Targets.Format(target)}. " +
              "A Dense layer acts on the last axis only, so a Flatten layer is probably missing before the first Dense layer " +
              "(e.g. model.Add(new Flatten()) after the last convolution or pooling layer). The loss says: "
            : "";
        string message = $"{source}: {flatten}{problem.Message}";
        return problem is ShapeException ? new ShapeException(message) : new ArgumentException(message, problem);
    }
}

/// <summary>The loss and metrics from <see cref="Model.Evaluate(Tensor, Tensor, int, int)"/>, by name.</summary>
[TypeFormatterSource(typeof(CourseKitFormatterSource))]   // how notebooks show it: see Interactive/
public sealed class Evaluation(IReadOnlyDictionary<string, float> values) : IReadOnlyDictionary<string, float>
{
    /// <summary>The loss.</summary>
    public float Loss => values["loss"];

    public float this[string key] => values.TryGetValue(key, out var v) ? v
        : throw new KeyNotFoundException($"No '{key}' in this evaluation; it has {string.Join(", ", values.Keys)}.");

    public IEnumerable<string> Keys => values.Keys;
    public IEnumerable<float> Values => values.Values;
    public int Count => values.Count;
    public bool ContainsKey(string key) => values.ContainsKey(key);
    public bool TryGetValue(string key, out float value) => values.TryGetValue(key, out value);
    public IEnumerator<KeyValuePair<string, float>> GetEnumerator() => values.GetEnumerator();
    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => string.Join(" - ", values.Select(kv => $"{kv.Key}: {kv.Value:0.0000}"));
}
