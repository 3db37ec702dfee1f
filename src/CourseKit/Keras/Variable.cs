namespace CourseKit;

/// <summary>
/// A weight of a layer — a kernel, a bias, a batch-normalisation statistic — as Keras's <c>Variable</c>: a named tensor
/// whose value the optimizer replaces at every training step. Trainable variables require gradients.
/// </summary>
public sealed class Variable
{
    private Tensor _value;
    private bool _trainable;

    /// <summary>
    /// A weight of your own (Keras's <c>keras.Variable</c>), for training loops written by hand: compute a loss from
    /// <see cref="Value"/>, call <c>loss.Backward()</c>, and let an optimizer take the step.
    /// <code>
    /// var p = new Variable("p", Tensor.FromData([1f, 1f], [2]));
    /// var optimizer = new Adam(learningRate: 0.1);
    /// for (int step = 0; step &lt; 100; step++)
    /// {
    ///     var loss = (p.Value * p.Value * Tensor.FromData([1f, 10f], [2])).Sum();   // x² + 10y²
    ///     loss.Backward();
    ///     optimizer.Apply([p]);   // p.Value is replaced by the updated numbers, without a gradient
    /// }
    /// </code>
    /// </summary>
    /// <param name="name">The weight's name, as shown in messages and saved files.</param>
    /// <param name="value">Its starting numbers (kept as a leaf of the autograd graph: gradients collect on it).</param>
    /// <param name="trainable">Whether optimizers change it (it then requires gradients).</param>
    /// <param name="regularizer">A penalty added to a model's loss for this weight, or null.</param>
    /// <exception cref="ArgumentException">The name is empty.</exception>
    public Variable(string name, Tensor value, bool trainable = true, Regularizer? regularizer = null)
    {
        if (string.IsNullOrWhiteSpace(name))
            throw new ArgumentException("Variable: a weight needs a name (shown in messages and saved files), such as \"kernel\" or \"p\".", nameof(name));
        ArgumentNullException.ThrowIfNull(value);
        Name = name;
        _trainable = trainable;
        _value = Leaf(value);
        Regularizer = regularizer;
    }

    /// <summary>The weight's own name: "kernel", "bias", "gamma", "moving_mean", …</summary>
    public string Name { get; }

    /// <summary>The name with its layer's, as Keras writes it and saved files store it: "dense_1/kernel".</summary>
    public string Path => Layer is null ? Name : $"{Layer.Name}/{Name}";

    /// <summary>The layer that owns this weight.</summary>
    public Layer? Layer { get; internal set; }

    /// <summary>The penalty added to the loss for this weight (L1/L2), or null.</summary>
    public Regularizer? Regularizer { get; }

    /// <summary>The current numbers. Setting it replaces them (the shape must stay the same).</summary>
    public Tensor Value
    {
        get => _value;
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            if (!ShapeMath.SameShape(value.ShapeView, _value.ShapeView))
                throw new ShapeException($"{Path}: a value of shape {ShapeMath.Format(value.ShapeView)} cannot replace one of shape {ShapeMath.Format(_value.ShapeView)}.");
            _value = Leaf(value);
        }
    }

    /// <summary>Whether training changes this weight (false for frozen layers and for moving statistics).</summary>
    public bool Trainable
    {
        get => _trainable && (Layer?.Trainable ?? true);
        internal set
        {
            _trainable = value;
            _value = Leaf(_value);
        }
    }

    /// <summary>The gradient from the last backward pass, or null.</summary>
    public Tensor? Grad => _value.Grad;

    public int[] Shape => _value.Shape;

    /// <summary>Number of numbers in the weight.</summary>
    public int Size => _value.Size;

    /// <summary>Replaces the numbers without checks (used by optimizers on values they computed from this one).</summary>
    internal void Assign(Tensor value) => _value = Leaf(value);

    /// <summary>Re-applies the trainable flag after the owning layer was frozen or unfrozen.</summary>
    internal void Refresh() => _value = Leaf(_value);

    private Tensor Leaf(Tensor value)
    {
        var leaf = value.IsLeaf && value.Grad is null && value.RequiresGrad == Trainable ? value : value.Detach();
        leaf.RequiresGrad = Trainable;
        leaf.Name = Path;
        return leaf;
    }

    public override string ToString() => $"{Path} {ShapeMath.Format(_value.ShapeView)}{(Trainable ? "" : " (not trainable)")}";
}
