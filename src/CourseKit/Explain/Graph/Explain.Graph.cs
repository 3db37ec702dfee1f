namespace CourseKit;

public static partial class Explain
{
    /// <summary>The default for <see cref="Graph"/>: graphs with more nodes than this draw each layer as one box.</summary>
    public const int GraphCollapseAbove = 20;

    /// <summary>
    /// Draws the autograd graph that computed <paramref name="output"/>: leaves on the left, the output on the right,
    /// every box with its value and (after <c>Backward()</c>) its gradient. The lecture's example:
    /// <c>var f = (x + y) * z; f.Backward(); Explain.Graph(f)</c>.
    /// </summary>
    /// <param name="output">The result whose graph to draw, usually a loss.</param>
    /// <param name="collapseAbove">With more nodes than this (default <see cref="GraphCollapseAbove"/>), a layer's ops
    /// (found by its parameters' names, "dense/kernel") are drawn as one box.</param>
    /// <param name="collapse">False draws every op, however large the graph.</param>
    public static GraphExplanation Graph(Tensor output, int? collapseAbove = null, bool collapse = true)
    {
        ArgumentNullException.ThrowIfNull(output);
        var graph = output.Graph();
        return GraphExplanation.Build(graph, collapse && graph.Nodes.Count > (collapseAbove ?? GraphCollapseAbove));
    }

    /// <summary>
    /// Draws a model as boxes and arrows, as Keras's <c>keras.utils.plot_model(model, show_shapes=True)</c> does: every
    /// layer with its name, type and output shape, and an arrow wherever one layer reads another's output — the way to
    /// see how a functional model is wired (wide and deep: <c>Explain.Model(model)</c>). Works for functional and
    /// Sequential models; a subclassed model's connections are code and cannot be drawn.
    /// </summary>
    /// <exception cref="NotSupportedException">The model is subclassed.</exception>
    public static ModelDiagram Model(Model model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return ModelDiagram.Build(model);
    }

    /// <summary>
    /// The backward pass one node at a time, from the output back to the leaves: at each node its local derivative rule
    /// (add passes the gradient on, mul switches its inputs, σ gives σ(1−σ), …), with the numbers, times the upstream
    /// gradient g. The gradients it arrives at are autograd's.
    /// </summary>
    public static BackwardStepsExplanation BackwardSteps(Tensor output)
    {
        ArgumentNullException.ThrowIfNull(output);
        return BackwardStepsExplanation.Build(output);
    }

    /// <summary>
    /// ∂<paramref name="output"/>/∂<paramref name="wrt"/> by the chain rule: for every path from <paramref name="wrt"/>
    /// to <paramref name="output"/> the product of the local derivatives along it, and the sum over the paths. Both
    /// must be single numbers (scalars); name the tensors (<c>.Named("w1")</c>) to see the formulas in your notation.
    /// </summary>
    public static ChainRuleExplanation ChainRule(Tensor output, Tensor wrt)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(wrt);
        return ChainRuleExplanation.Build(output, wrt);
    }
}
