using CourseKit.Tests.Tensors;
using static CourseKit.Tests.Keras.Losses.LossTestKit;

namespace CourseKit.Tests.Keras.Losses;

/// <summary>Sparse categorical cross-entropy: −log p_y for class indices y, on Keras's probability path or from logits.</summary>
public class SparseCategoricalCrossentropyTests
{
    private static readonly float[] Probabilities = [0.2f, 0.7f, 0.1f, 0.25f, 0.25f, 0.5f];

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void ProbabilitiesHandComputed(string name)
    {
        var d = Devices.Get(name);
        var loss = new SparseCategoricalCrossentropy();
        // labels 1 and 2: −ln 0.7 and −ln 0.5 → mean 0.5249111
        Assert.Equal(0.5249111f, Value(loss, T(d, [1, 2], 2), T(d, Probabilities, 2, 3)), 6);
        Assert.Equal(0.5249111f, Value(loss, T(d, [1, 2], 2, 1), T(d, Probabilities, 2, 3)), 6); // (batch, 1) labels
        // ∂/∂p_c = (1/Σp − [c = y]/p_c) / 2, with Σp = 1
        TensorAssert.Close([0.5f, 0.5f * (1 - 1 / 0.7f), 0.5f, 0.5f, 0.5f, 0.5f * (1 - 1 / 0.5f)],
            Gradient(loss, d, T(d, [1, 2], 2), Probabilities, [2, 3]));
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void LogitsHandComputed(string name)
    {
        var d = Devices.Get(name);
        var loss = new SparseCategoricalCrossentropy(fromLogits: true);
        Assert.Equal(2.407606f, Value(loss, T(d, [0], 1), T(d, [1, 2, 3], 1, 3)), 5);
        TensorAssert.Close([0.09003057f - 1, 0.2447285f, 0.6652410f], Gradient(loss, d, T(d, [0], 1), [1, 2, 3], [1, 3]));
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void AgreesWithCategoricalOnOneHotTargets(string name)
    {
        var d = Devices.Get(name);
        var labels = T(d, [2, 0, 1, 1, 3], 5);
        var oneHot = Preprocessing.ToCategorical(labels, 4);
        var logits = T(d, TensorAssert.RandomArray(20, 7, -3, 3), 5, 4);
        var probabilities = logits.Softmax();
        Assert.Equal(Value(new CategoricalCrossentropy(), oneHot, probabilities), Value(new SparseCategoricalCrossentropy(), labels, probabilities), 5);
        Assert.Equal(Value(new CategoricalCrossentropy(fromLogits: true), oneHot, logits),
                     Value(new SparseCategoricalCrossentropy(fromLogits: true), labels, logits), 5);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void GradientMatchesFiniteDifferences(string name)
    {
        var d = Devices.Get(name);
        float[] p = [0.2f, 0.5f, 0.3f, 0.1f, 0.6f, 0.35f];
        MatchesFiniteDifferences(d, new SparseCategoricalCrossentropy(), [1, 2], [2], p, [2, 3]);
        MatchesFiniteDifferences(d, new SparseCategoricalCrossentropy(fromLogits: true), [0, 2], [2, 1], [-1, 0.5f, 2, 0.3f, -0.7f, 1.2f], [2, 3], [1, 3]);
    }

    [Fact]
    public void OneHotTargetsAreExplained()
    {
        var e = Assert.Throws<ShapeException>(() => new SparseCategoricalCrossentropy().Call(Tensor.Zeros([32, 10]), Tensor.Full([32, 10], 0.1f)));
        Assert.Equal("sparse_categorical_crossentropy received one-hot targets of shape (32, 10); use categorical_crossentropy, " +
                     "or pass class indices (y.ArgMax(-1)).", e.Message);
    }

    [Fact]
    public void LabelsOutOfRangeAreExplained()
    {
        var loss = new SparseCategoricalCrossentropy();
        var p = Tensor.Full([3, 3], 1f / 3);
        var e = Assert.Throws<ArgumentException>(() => loss.Call(Tensor.FromData([0f, 3, 1], [3]), p));
        Assert.Contains("label 3 at example 1 is outside 0 … 2: y_pred has 3 classes", e.Message);
        Assert.Contains("one unit per class", e.Message);
        e = Assert.Throws<ArgumentException>(() => loss.Call(Tensor.FromData([0f, -1, 1], [3]), p));
        Assert.Contains("label -1 at example 1 is outside 0 … 2", e.Message);
        e = Assert.Throws<ArgumentException>(() => loss.Call(Tensor.FromData([0f, 0.5f, 1], [3]), p));
        Assert.Contains("label 0.5 at example 1 is not a whole number", e.Message);
    }

    [Fact]
    public void OtherShapeMistakesAreExplained()
    {
        var loss = new SparseCategoricalCrossentropy();
        var e = Assert.Throws<ShapeException>(() => loss.Call(Tensor.Zeros([3]), Tensor.Full([2, 3], 0.3f)));
        Assert.Contains("y_true has 3 examples (shape (3,)) but y_pred has 2 (shape (2, 3))", e.Message);
        e = Assert.Throws<ShapeException>(() => loss.Call(Tensor.Zeros([2, 2]), Tensor.Full([2, 3], 0.3f)));
        Assert.Contains("shape (2,)", e.Message);
        e = Assert.Throws<ShapeException>(() => loss.Call(Tensor.Zeros([2]), Tensor.Full([2, 1], 0.3f)));
        Assert.Contains("binary_crossentropy", e.Message);
    }
}
