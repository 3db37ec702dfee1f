using CourseKit.Tests.Tensors;
using static CourseKit.Tests.Keras.Losses.LossTestKit;

namespace CourseKit.Tests.Keras.Losses;

/// <summary>Categorical cross-entropy: −Σ y_c·log p_c with p normalised by its row sum and clipped; logits via log-softmax.</summary>
public class CategoricalCrossentropyTests
{
    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void ProbabilitiesHandComputed(string name)
    {
        var d = Devices.Get(name);
        var loss = new CategoricalCrossentropy();
        // −ln 0.7 = 0.3566749, −ln 0.5 = 0.6931472 → mean 0.5249111
        Assert.Equal(0.5249111f, Value(loss, T(d, [0, 1, 0, 0, 0, 1], 2, 3), T(d, [0.2f, 0.7f, 0.1f, 0.25f, 0.25f, 0.5f], 2, 3)), 6);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void PredictionsAreNormalisedByTheirSumAsKerasDoes(string name)
    {
        var d = Devices.Get(name);
        var loss = new CategoricalCrossentropy();
        var yTrue = T(d, [0, 1, 0], 1, 3);
        // [0.1, 0.3, 0.1] sums to 0.5, so it is read as [0.2, 0.6, 0.2]: −ln 0.6 = 0.5108256
        Assert.Equal(0.5108256f, Value(loss, yTrue, T(d, [0.1f, 0.3f, 0.1f], 1, 3)), 6);
        // the division is part of the gradient: ∂/∂p_c = 1/Σp − y_c/p_c = 2 − [0, 1/0.3, 0]
        TensorAssert.Close([2f, 2 - 1 / 0.3f, 2f], Gradient(loss, d, yTrue, [0.1f, 0.3f, 0.1f], [1, 3]));
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void ClipsAZeroProbability(string name)
    {
        var d = Devices.Get(name);
        var loss = new CategoricalCrossentropy();
        var yTrue = T(d, [0, 1, 0], 1, 3);
        // p = 0 for the right class costs −ln(1e-7) = 16.1181, not infinity; the clipped value passes no gradient.
        Assert.Equal(16.11810f, Value(loss, yTrue, T(d, [0.5f, 0, 0.5f], 1, 3)), 4);
        TensorAssert.Exact(Tensor.FromData(Gradient(loss, d, yTrue, [0.5f, 0, 0.5f], [1, 3]), [3]), [3], 0, 0, 0);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void LogitsHandComputed(string name)
    {
        var d = Devices.Get(name);
        var loss = new CategoricalCrossentropy(fromLogits: true);
        var yTrue = T(d, [1, 0, 0], 1, 3);
        // z = [1, 2, 3]: log Σ e^z = 3.407606, so −log softmax(z)₀ = 3.407606 − 1 = 2.407606
        Assert.Equal(2.407606f, Value(loss, yTrue, T(d, [1, 2, 3], 1, 3)), 5);
        // ∂/∂z = softmax(z) − y
        TensorAssert.Close([0.09003057f - 1, 0.2447285f, 0.6652410f], Gradient(loss, d, yTrue, [1, 2, 3], [1, 3]));
        // huge logits stay finite
        Assert.Equal(1000f, Value(loss, yTrue, T(d, [0, 1000, -1000], 1, 3)), 2);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void LabelSmoothingMixesInTheUniformDistribution(string name)
    {
        var d = Devices.Get(name);
        // s = 0.3, 3 classes: [1, 0, 0] becomes [0.8, 0.1, 0.1]; −Σ y·log softmax([1, 2, 3]) = 2.107606
        var loss = new CategoricalCrossentropy(fromLogits: true, labelSmoothing: 0.3f);
        Assert.Equal(2.107606f, Value(loss, T(d, [1, 0, 0], 1, 3), T(d, [1, 2, 3], 1, 3)), 5);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void SampleWeights(string name)
    {
        var d = Devices.Get(name);
        var loss = new CategoricalCrossentropy();
        // (0·0.3566749 + 3·0.6931472) / 2
        Assert.Equal(1.0397208f, Value(loss, T(d, [0, 1, 0, 0, 0, 1], 2, 3), T(d, [0.2f, 0.7f, 0.1f, 0.25f, 0.25f, 0.5f], 2, 3), T(d, [0, 3], 2)), 5);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void GradientMatchesFiniteDifferences(string name)
    {
        var d = Devices.Get(name);
        float[] y = [0, 1, 0, 0.2f, 0.3f, 0.5f];
        float[] p = [0.2f, 0.5f, 0.3f, 0.1f, 0.6f, 0.35f]; // the second row does not sum to 1: the normalisation is checked too
        MatchesFiniteDifferences(d, new CategoricalCrossentropy(), y, [2, 3], p, [2, 3]);
        MatchesFiniteDifferences(d, new CategoricalCrossentropy(fromLogits: true), y, [2, 3], [-1, 0.5f, 2, 0.3f, -0.7f, 1.2f], [2, 3], [2, 0.5f]);
    }

    [Fact]
    public void ClassIndicesAreExplained()
    {
        var loss = new CategoricalCrossentropy();
        var probabilities = Tensor.Full([32, 10], 0.1f);
        var e = Assert.Throws<ShapeException>(() => loss.Call(Tensor.Zeros([32]), probabilities));
        Assert.Contains("y_true has shape (32,), which looks like class indices", e.Message);
        Assert.Contains("needs one-hot targets of shape (32, 10); use sparse_categorical_crossentropy or Preprocessing.ToCategorical(y, 10).", e.Message);
        e = Assert.Throws<ShapeException>(() => loss.Call(Tensor.Zeros([32, 1]), probabilities));
        Assert.Contains("(32, 1), which looks like class indices", e.Message);

        e = Assert.Throws<ShapeException>(() => loss.Call(Tensor.Zeros([32, 3]), probabilities));
        Assert.Contains("y_true has shape (32, 3) but y_pred has shape (32, 10)", e.Message);

        e = Assert.Throws<ShapeException>(() => loss.Call(Tensor.Zeros([32, 1]), Tensor.Full([32, 1], 0.5f)));
        Assert.Contains("binary_crossentropy", e.Message);

        var logits = Assert.Throws<ArgumentException>(() => loss.Call(Tensor.Eye(2), Tensor.FromData([2f, -1, 0.5f, 0.5f], [2, 2])));
        Assert.Contains("fromLogits: true", logits.Message);
    }
}
