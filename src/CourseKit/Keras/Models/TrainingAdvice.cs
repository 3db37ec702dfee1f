namespace CourseKit;

/// <summary>
/// Fit's two ways of noticing that training has gone wrong, and the one piece of advice both give: the loss became NaN
/// or infinite (the steps overshot), or the loss stopped moving because the model's outputs saturated (a softmax or
/// sigmoid pinned at 0 and 1, or ReLUs that all died, so that the gradients are 0). Either way training stops, and the
/// reason in <see cref="TrainingHistory.StopReason"/> says to lower the learning rate.
/// </summary>
internal sealed class TrainingAdvice
{
    /// <summary>How many epochs in a row the loss must stay the same before the outputs are examined.</summary>
    public const int StuckEpochs = 5;

    /// <summary>How many training examples the outputs are examined on.</summary>
    private const int Probe = 64;

    private double _lastLoss = double.NaN;
    private int _sameLossEpochs;

    /// <summary>The advice for a step size that broke training, with the optimizer's current learning rate.</summary>
    public static string LowerTheLearningRate(Optimizer optimizer) =>
        $"Don't panic: this usually means the steps are too large — lower the learning rate (now {optimizer.LearningRate:G3}), " +
        "e.g. by a factor of 10, and check that the inputs are scaled (e.g. pixel values divided by 255).";

    /// <summary>Why training stops when a batch's loss is NaN or infinite.</summary>
    public static string NonFiniteLoss(float loss, int epoch, int step, Optimizer optimizer) =>
        $"the loss became {(float.IsNaN(loss) ? "NaN" : "infinite")} at epoch {epoch + 1}, batch {step + 1}, so training stopped. " +
        LowerTheLearningRate(optimizer);

    /// <summary>
    /// Called after each epoch with its training loss. When the loss has stayed the same (to float precision) for
    /// <see cref="StuckEpochs"/> epochs, the model's outputs on the first training examples are examined: if they are all
    /// 0 or 1, or the same for every example, while the loss is not small, the model is stuck and the reason is returned;
    /// otherwise (a model that has converged, or learns very slowly) null. Normal training never gets this far: its loss
    /// changes every epoch.
    /// </summary>
    public string? Stuck(double loss, Model model, IReadOnlyList<Tensor> x, Optimizer optimizer)
    {
        bool same = Math.Abs(loss - _lastLoss) <= 1e-6 * Math.Max(1, Math.Abs(loss));
        _sameLossEpochs = same ? _sameLossEpochs + 1 : 1;
        _lastLoss = loss;
        if (_sameLossEpochs < StuckEpochs || loss < 1e-3) return null; // a loss this small is a model that fits, not one that is stuck
        if (StepLayer(model) is { } step)
            return $"the loss has stayed at {loss:0.0000} for {StuckEpochs} epochs because layer \"{step.Layer}\" has the {step.Activation} activation, " +
                   "a step whose derivative is 0: the weights before it get no gradient, so training stopped (a lower learning rate would not help). " +
                   $"Use {(step.Activation == ThresholdSteps.Sign ? "tanh" : "sigmoid")}, its smooth version, or train a single threshold unit with new Perceptron().Fit(x, y).";

        var outputs = model.PredictOutputs(x.Select(t => t[0..Math.Min(Probe, t.ShapeView[0])]).ToList(), Probe);
        string? state = Saturated(outputs, model);
        foreach (var output in outputs) output.Dispose();
        return state is null ? null
            : $"the loss has stayed at {loss:0.0000} for {StuckEpochs} epochs and the model's outputs are {state}, so it has stopped " +
              "learning and training stopped. " + LowerTheLearningRate(optimizer);
    }

    /// <summary>The first layer whose activation is a threshold step (heaviside or sign), or null.</summary>
    private static (string Layer, string Activation)? StepLayer(Model model)
    {
        foreach (var layer in model.Layers)
            if (ActivationOf(layer) is { } step && step is ThresholdSteps.Heaviside or ThresholdSteps.Sign) return (layer.Name, step);
        return null;
    }

    /// <summary>The name of the activation a layer applies ("relu", "tanh", …), or null for a layer without one.</summary>
    private static string? ActivationOf(Layer layer) =>
        (layer switch { Dense d => d.Activation, Conv2D c => c.Activation, Activation a => a.Function, _ => null })?.Name;

    /// <summary>
    /// Whether more than one layer has weights. Outputs that are the same for every example are a sign of dead units only
    /// in a model with a hidden layer: a single layer that gives every example the same output has found the best it can
    /// do (e.g. 0.5 everywhere for XOR, which one layer cannot learn), and a lower learning rate would not change that.
    /// </summary>
    private static bool HasHiddenLayer(Model model) => model.Layers.Count(layer => layer.TrainableWeights.Count > 0) > 1;

    /// <summary>
    /// How the outputs show a stuck model ("all 0", "all 0 or 1", or, in a model with a hidden layer, "the same for every
    /// example"), with the likely cause named after the activations this model has; null when the outputs look alive.
    /// </summary>
    internal static string? Saturated(IReadOnlyList<Tensor> outputs, Model model)
    {
        var activations = model.Layers.Select(ActivationOf).Where(name => name is not null and not "linear").Select(name => name!).ToList();
        string? output = activations.LastOrDefault();
        var hidden = activations.SkipLast(1).Distinct().ToList();
        foreach (var result in outputs)
        {
            var values = result.ToArray();
            if (values.Length == 0) continue;
            if (values.All(v => Math.Abs(v) <= 1e-6f))
                return "all 0" + Cause(output switch
                {
                    "relu" => "ReLUs that all output 0",
                    _ when Squashes(output) => $"the output layer's {output} is pinned at 0",
                    _ => null,
                });
            if (values.All(v => Math.Abs(v) <= 1e-6f || Math.Abs(v - 1) <= 1e-6f))
                return "all 0 or 1" + Cause(Squashes(output) ? $"saturated: the output layer's {output} is pinned at its limits" : null);
            int width = result.Rank > 1 ? result.Size / result.Shape[0] : 1;
            if (HasHiddenLayer(model) && result.Shape[0] > 1 && Enumerable.Range(width, values.Length - width).All(i => Math.Abs(values[i] - values[i % width]) <= 1e-6f))
                return "the same for every example" + Cause(string.Join(" or ", hidden.Select(DeadUnits).OfType<string>()));
        }
        return null;
    }

    /// <summary>Whether an output activation squashes into [0, 1], where it can be pinned at a limit.</summary>
    private static bool Squashes(string? activation) => activation is "sigmoid" or "softmax" or "hard_sigmoid";

    /// <summary>" (cause)", or nothing when no cause is known.</summary>
    private static string Cause(string? cause) => string.IsNullOrEmpty(cause) ? "" : $" ({cause})";

    /// <summary>How hidden units of this activation stop passing on differences between examples, or null.</summary>
    private static string? DeadUnits(string activation) => activation switch
    {
        "relu" => "the hidden ReLUs all output 0",
        "tanh" => "the hidden tanh units saturated at −1 or 1",
        "sigmoid" => "the hidden sigmoid units saturated at 0 or 1",
        _ => null,
    };
}
