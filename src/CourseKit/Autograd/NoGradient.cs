namespace CourseKit;

/// <summary>
/// The operations without a gradient — ArgMax/ArgMin and the comparisons (Greater, Equal, …) — and what Backward
/// says when a result depends on the parameters only through one of them: their outputs (an index, −1/0/1, a 0/1 mask)
/// do not change when the inputs change a little, so the derivative is 0 almost everywhere and nothing before them can
/// learn. The message names the operation and a differentiable alternative, instead of blaming a missing requiresGrad.
/// A result cut off from the parameters by Detach()/Clone() or by computing inside Autograd.NoGrad() is named the same way.
/// (The steps Heaviside and Sign are different: they stay in the graph with the derivative 0, see <see cref="ThresholdSteps"/>.)
/// </summary>
internal static class NoGradient
{
    /// <summary>
    /// Marks <paramref name="result"/> of operation <paramref name="op"/> as cut off from the gradient of
    /// <paramref name="inputs"/> that need one (while gradients are recorded); returns it.
    /// </summary>
    public static Tensor Mark(Tensor result, string op, params Tensor[] inputs)
    {
        if (!result.RequiresGrad)
            result.NoGradientOp ??= AnyRequiresGrad(inputs) ? (Autograd.IsGradEnabled ? op : NoGradScope) : Inherited(inputs);
        return result;
    }

    /// <summary>Whether any of <paramref name="inputs"/> requires a gradient (a plain loop: this runs for every operation).</summary>
    public static bool AnyRequiresGrad(Tensor[] inputs)
    {
        foreach (var input in inputs)
            if (input.RequiresGrad) return true;
        return false;
    }

    /// <summary>What cut a result off when it was computed inside <see cref="Autograd.NoGrad"/>, from tensors that require
    /// a gradient.</summary>
    public const string NoGradScope = "Autograd.NoGrad";

    /// <summary>The operation a result computed from these inputs (none of which requires a gradient) is cut off by, if any:
    /// so that <c>(w.ArgMax(-1) * 2).Sum()</c> still names ArgMax.</summary>
    public static string? Inherited(Tensor[] inputs)
    {
        foreach (var input in inputs)
            if (input.NoGradientOp is { } op) return op;
        return null;
    }

    /// <summary>The message of <paramref name="who"/> (Backward, or an explainer that runs it) for a result that depends
    /// on the parameters only through <paramref name="op"/>.</summary>
    public static string Explain(string op, string who = "Backward") => op switch
    {
        NoGradScope =>
            $"{who}: this result was computed inside Autograd.NoGrad(), which records no graph (as for predictions), so nothing before it can learn from it. " +
            "Compute the loss outside the using (Autograd.NoGrad()) block.",
        "Detach" or "Clone" =>
            $"{who}: this result was computed from {op}(), a copy cut off from the graph on purpose, so nothing before it can learn from it. " +
            "Compute the loss from the tensor itself; detach only values that should stay constant.",
        _ => $"{who}: {op} has no gradient: " + op switch
        {
            "ArgMax" or "ArgMin" =>
                "it returns an index, which does not change when the inputs change a little, so nothing before it can learn from this result. " +
                "Use Softmax for a differentiable choice: train on the probabilities (e.g. with a cross-entropy loss) and take ArgMax only to read off the predicted class.",
            _ =>
                "a comparison gives a mask of 0s and 1s, which does not change when the inputs change a little, so nothing before it can learn from this result. " +
                "For a smooth version use Sigmoid, e.g. ((a - b) * 5).Sigmoid(); a mask may still choose values (x * mask, Tensor.Where): the gradient flows through the chosen values.",
        },
    };
}
