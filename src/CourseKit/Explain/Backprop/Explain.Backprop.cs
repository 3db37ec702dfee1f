namespace CourseKit;

public static partial class Explain
{
    /// <summary>
    /// Backpropagation worked out with your own numbers, for a network of two <see cref="Dense"/> layers
    /// (<c>new Sequential([new Dense(hidden, activation: f), new Dense(outputs, activation: f)])</c>), as in the lecture:
    /// the forward pass, the errors δ⁽³⁾ and δ⁽²⁾, the four gradients ∂J/∂W⁽²⁾, ∂J/∂b⁽²⁾, ∂J/∂W⁽¹⁾, ∂J/∂b⁽¹⁾ (each one
    /// checked against autograd) and one gradient-descent step W ← W − η·∂J/∂W. The model itself is not changed.
    /// </summary>
    /// <remarks>
    /// The cost is the lecture's <c>J = ½·Σ(y − ŷ)²</c>, summed over all examples and outputs. Keras's
    /// <c>"mse"</c> loss is the mean instead, <c>MSE = 2·J / (n·k)</c> for n examples and k outputs, so its gradients
    /// are those shown here times 2/(n·k): same direction, smaller step.
    /// Activations must be one of sigmoid, tanh, relu or linear (their derivatives f′ are written out).
    /// </remarks>
    /// <param name="model">The network: exactly two Dense layers (an input layer before them is fine).</param>
    /// <param name="x">The inputs X, one example per row: shape (examples, features).</param>
    /// <param name="y">The targets, shape (examples, outputs); (examples,) is read as one output.</param>
    /// <param name="learningRate">η, the step size of the gradient-descent update.</param>
    public static BackpropExplanation Backprop(Model model, Tensor x, Tensor y, float learningRate = 0.1f)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        return BackpropExplanation.Compute(model, x, y, learningRate);
    }
}
