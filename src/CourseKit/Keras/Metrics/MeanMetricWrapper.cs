namespace CourseKit;

/// <summary>
/// A metric that is the weighted mean of one value per example, kept over all batches since the last
/// <see cref="Metric.Reset"/> (Keras's <c>MeanMetricWrapper</c>): result = Σ wᵢ·vᵢ / Σ wᵢ, with vᵢ the function's value
/// for example i (1 for a correct prediction and 0 for a wrong one, for accuracies) and wᵢ its sample weight (1 when
/// none is given).
/// </summary>
/// <remarks>
/// Because it keeps the running total and count rather than averaging batch results, a last batch that is smaller
/// than the others counts exactly as much as its examples, as in Keras. Wrap your own function to make a custom metric:
/// <c>new MeanMetricWrapper((yTrue, yPred) =&gt; (yTrue - yPred).Abs().Max(-1), "max_error")</c>.
/// </remarks>
public class MeanMetricWrapper : Metric
{
    private readonly Func<Tensor, Tensor, Tensor> _fn;

    /// <summary>Wraps <paramref name="fn"/>, which maps (y_true, y_pred) to one value per example: a tensor of shape (batch,)
    /// (any further axes are averaged per example).</summary>
    public MeanMetricWrapper(Func<Tensor, Tensor, Tensor> fn, string name) : base(name)
    {
        ArgumentNullException.ThrowIfNull(fn);
        _fn = fn;
    }

    /// <summary>Σ wᵢ·vᵢ over everything added (Keras's <c>total</c>).</summary>
    public double Total { get; private set; }

    /// <summary>Σ wᵢ over everything added: the number of examples when there are no weights (Keras's <c>count</c>).</summary>
    public double Count { get; private set; }

    /// <inheritdoc />
    public override void Update(Tensor yTrue, Tensor yPred, Tensor? sampleWeight = null)
    {
        ArgumentNullException.ThrowIfNull(yTrue);
        ArgumentNullException.ThrowIfNull(yPred);
        float[] values;
        int batch;
        using (Autograd.NoGrad())
        {
            var perExample = _fn(yTrue, yPred);
            if (perExample.Rank == 0)
                throw new InvalidOperationException($"{Name}: the metric function returned a single number; it must return one value per example, shape (batch,).");
            batch = perExample.Shape[0];
            if (sampleWeight is null)
            {
                // Summed where the values are (on a GPU: one number comes back, not one per example).
                Total += perExample.Reshape(batch, perExample.Size / batch).Mean(1).Sum().Item();
                Count += batch;
                return;
            }
            values = perExample.ToArray();
        }
        var weights = MetricInputs.PerExampleWeights(Name, sampleWeight, batch);
        int per = values.Length / batch;
        for (int i = 0; i < batch; i++)
        {
            double sum = 0;
            for (int j = 0; j < per; j++) sum += values[i * per + j];
            double w = weights?[i] ?? 1;
            Total += w * sum / per;
            Count += w;
        }
    }

    /// <summary>Total / Count: the weighted mean so far (0 before anything is added).</summary>
    public override float Result() => Count == 0 ? 0f : (float)(Total / Count);

    /// <inheritdoc />
    public override void Reset() => (Total, Count) = (0, 0);
}
