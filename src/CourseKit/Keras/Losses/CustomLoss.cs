namespace CourseKit;

/// <summary>
/// A loss you write yourself as one function of <c>(yTrue, yPred)</c> (what Keras does with a plain Python function
/// passed as the loss). The function returns the loss of each example, built from tensor operations so that gradients
/// flow through it; CourseKit then averages over the batch, with sample weights, exactly as for the built-in losses.
/// </summary>
/// <example>
/// A network with two outputs per example, a mean μ and a log-spread s = log σ, trained with the Gaussian negative
/// log-likelihood −log N(y; μ, σ²) = ½·((y − μ)/σ)² + log σ + ½·log 2π:
/// <code>
/// var gaussianNll = new CustomLoss("gaussian_nll", (yTrue, yPred) =>
/// {
///     var mean = yPred[.., 0];                     // (batch,)
///     var logSpread = yPred[.., 1];                // (batch,)
///     var z = (yTrue[.., 0] - mean) / logSpread.Exp();  // targets of shape (batch, 1)
///     return 0.5f * z * z + logSpread + 0.5f * MathF.Log(2 * MathF.PI);   // one loss per example
/// });
/// model.Compile(optimizer: "adam", loss: gaussianNll);
/// </code>
/// Fit logs the value as "loss", as Keras does; the name appears where the loss itself is shown
/// (<c>model.Losses[0]</c>, <c>history.Params["loss"]</c>, error messages). For a loss with settings of its own, derive
/// from <see cref="Loss"/> instead and override <see cref="Loss.PerExample"/>.
/// </example>
/// <remarks>
/// The function may return shape (batch,) or, like Keras's losses before their last reduction, (batch, …): the values
/// of each example are then averaged, so (batch, outputs) gives each example the mean over its outputs. Targets of shape
/// (batch,) next to predictions of shape (batch, 1) are given the same rank first, as for the built-in losses.
/// A model compiled with a custom loss saves as usual, but CourseKit cannot rebuild a function from a file: load it
/// with <c>Model.Load(path, compile: false)</c> and compile it again with the same loss (Keras asks for
/// <c>custom_objects</c> at that point).
/// </remarks>
public sealed class CustomLoss : Loss
{
    private readonly Func<Tensor, Tensor, Tensor> _perExample;

    /// <summary>A loss named <paramref name="name"/> computed by <paramref name="perExample"/>.</summary>
    /// <param name="name">How the loss is called where it is shown, e.g. "gaussian_nll" (not a built-in loss's name).</param>
    /// <param name="perExample">(yTrue, yPred) → the loss of each example, shape (batch,) or (batch, …).</param>
    /// <exception cref="ArgumentException">The name is empty or a built-in loss's name.</exception>
    /// <exception cref="ArgumentNullException">The function is null.</exception>
    public CustomLoss(string name, Func<Tensor, Tensor, Tensor> perExample) : base(CheckName(name))
    {
        _perExample = perExample ?? throw new ArgumentNullException(nameof(perExample),
            $"CustomLoss \"{name}\": the loss function is null; pass one that returns the loss of each example, " +
            "e.g. (yTrue, yPred) => (yPred - yTrue).Square().Mean(-1).");
    }

    /// <summary>Runs the function and checks that it gave one loss per example (averaging any further axes).</summary>
    /// <exception cref="ShapeException">The function returned a single number, or a first axis that is not the batch.</exception>
    /// <exception cref="InvalidOperationException">The result does not depend on y_pred through tensor operations, so
    /// no gradient could reach the model.</exception>
    public override Tensor PerExample(Tensor yTrue, Tensor yPred)
    {
        var (t, p) = Targets.SameRank(Targets.OnDevice(Name, yTrue, yPred), yPred);
        var losses = _perExample(t, p) ?? throw new InvalidOperationException(
            $"CustomLoss \"{Name}\": the loss function returned null; return a tensor with the loss of each example.");
        int batch = yPred.Shape[0];
        if (losses.Rank == 0)
            throw new ShapeException($"CustomLoss \"{Name}\": the loss function returned a single number, but it must return one loss per " +
                                     $"example (shape ({batch},)) so that CourseKit can apply sample weights and average over the batch. " +
                                     "Remove the final average over the batch, e.g. use .Mean(-1) instead of .Mean().");
        if (losses.Shape[0] != batch)
            throw new ShapeException($"CustomLoss \"{Name}\": the loss function returned shape {losses.Shape}, but its " +
                                     $"first axis must be the batch ({batch} examples here): return one loss per example, shape ({batch},). " +
                                     "Reduce over the outputs (e.g. .Mean(-1)), not over the examples.");
        if (yPred.RequiresGrad && !losses.RequiresGrad)
            throw new InvalidOperationException(
                $"CustomLoss \"{Name}\": the loss does not depend on y_pred through tensor operations, so no gradient can reach the model. " +
                "Compute it with Tensor operations on yPred (+, *, Exp, Log, Square, Mean, …), not from numbers read out with ToArray or Item.");
        return Targets.PerExample(losses);
    }

    private static string CheckName(string name)
    {
        if (string.IsNullOrWhiteSpace(name))
            throw new ArgumentException("CustomLoss: give the loss a name to show in logs, e.g. new CustomLoss(\"gaussian_nll\", (yTrue, yPred) => …).", nameof(name));
        if (Canonical(name) is string builtIn)
            throw new ArgumentException($"CustomLoss: \"{name}\" is the name of the built-in loss \"{builtIn}\"; a saved model would load that one " +
                                        "instead of yours. Choose another name, e.g. \"my_" + name.Trim() + "\".", nameof(name));
        return name.Trim();
    }
}
