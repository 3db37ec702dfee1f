using CourseKit.Tests.Tensors;
using static CourseKit.Tests.Keras.Losses.LossTestKit;

namespace CourseKit.Tests.Keras.Losses;

/// <summary>Binary cross-entropy: −[y·log p + (1 − y)·log(1 − p)], p clipped to [1e-7, 1 − 1e-7]; logits via softplus.</summary>
public class BinaryCrossentropyTests
{
    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void ProbabilitiesHandComputed(string name)
    {
        var d = Devices.Get(name);
        var yTrue = T(d, [1, 0], 2, 1);
        var loss = new BinaryCrossentropy();
        // −ln 0.8 = 0.2231436, −ln 0.6 = 0.5108256 → mean 0.3669846
        Assert.Equal(0.3669846f, Value(loss, yTrue, T(d, [0.8f, 0.4f], 2, 1)), 6);
        // ∂/∂p = (−y/p + (1 − y)/(1 − p)) / 2: −1/(0.8·2) = −0.625, 1/(0.6·2) = 0.8333
        TensorAssert.Close([-0.625f, 0.8333333f], Gradient(loss, d, yTrue, [0.8f, 0.4f], [2, 1]));
        // targets of shape (batch,) are expanded to (batch, 1), as in Keras
        Assert.Equal(0.3669846f, Value(loss, T(d, [1, 0], 2), T(d, [0.8f, 0.4f], 2, 1)), 6);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void ClipsAtZeroAndOneAsKerasDoes(string name)
    {
        var d = Devices.Get(name);
        var loss = new BinaryCrossentropy();
        // Completely wrong: p = 0 for y = 1 costs −ln(1e-7) = 16.1181; p = 1 for y = 0 costs −ln(1 − float32(1 − 1e-7))
        // = −ln(1.1920929e-7) = 15.9424 (in float32, 1 − 1e-7 rounds to 1 − 2⁻²³). Mean 16.03024, finite, not infinity.
        Assert.Equal(16.03024f, Value(loss, T(d, [1, 0], 2, 1), T(d, [0, 1], 2, 1)), 4);
        // The clipped values get no gradient (the clip is flat there), as in Keras.
        TensorAssert.Exact(Tensor.FromData(Gradient(loss, d, T(d, [1, 0], 2, 1), [0, 1], [2, 1]), [2]), [2], 0, 0);
        // Completely right still costs a little: −ln(float32(1 − 1e-7)) = 1.19e-7.
        float right = Value(loss, T(d, [1, 0], 2, 1), T(d, [1, 0], 2, 1));
        Assert.InRange(right, 1e-7f, 1.3e-7f);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void LogitsHandComputedAndStable(string name)
    {
        var d = Devices.Get(name);
        var loss = new BinaryCrossentropy(fromLogits: true);
        var yTrue = T(d, [1, 0], 2, 1);
        // x = 0, y = 1: softplus(0) − 0 = ln 2 = 0.6931472; x = 2, y = 0: softplus(2) = 2.126928 → mean 1.410038
        Assert.Equal(1.410038f, Value(loss, yTrue, T(d, [0, 2], 2, 1)), 5);
        // ∂/∂x = (σ(x) − y)/2: (0.5 − 1)/2 = −0.25; σ(2)/2 = 0.4403985
        TensorAssert.Close([-0.25f, 0.4403985f], Gradient(loss, d, yTrue, [0, 2], [2, 1]));
        // Huge logits neither overflow nor give NaN: wrong by 100 costs 100, right by 100 costs ~0.
        Assert.Equal(100f, Value(loss, T(d, [0, 1], 2, 1), T(d, [100, -100], 2, 1)), 3);
        Assert.Equal(0f, Value(loss, T(d, [1, 0], 2, 1), T(d, [100, -100], 2, 1)), 6);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void LogitsAgreeWithProbabilitiesOfTheirSigmoid(string name)
    {
        var d = Devices.Get(name);
        var x = T(d, [-1.5f, 0.2f, 2.5f, -0.3f], 4, 1);
        var y = T(d, [0, 1, 1, 0], 4, 1);
        Assert.Equal(Value(new BinaryCrossentropy(), y, x.Sigmoid()), Value(new BinaryCrossentropy(fromLogits: true), y, x), 5);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void LabelSmoothingPullsTargetsTowardsOneHalf(string name)
    {
        var d = Devices.Get(name);
        // s = 0.2: y = 1 becomes 0.9: −(0.9·ln 0.8 + 0.1·ln 0.2) = 0.3617730
        Assert.Equal(0.3617730f, Value(new BinaryCrossentropy(labelSmoothing: 0.2f), T(d, [1], 1, 1), T(d, [0.8f], 1, 1)), 6);
        Assert.Throws<ArgumentException>(() => new BinaryCrossentropy(labelSmoothing: 1.5f));
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void GradientMatchesFiniteDifferences(string name)
    {
        var d = Devices.Get(name);
        var p = new[] { 0.3f, 0.75f, 0.6f, 0.2f, 0.45f, 0.8f };
        float[] y = [1, 0, 1, 0, 1, 1];
        MatchesFiniteDifferences(d, new BinaryCrossentropy(), y, [6, 1], p, [6, 1]);
        MatchesFiniteDifferences(d, new BinaryCrossentropy(labelSmoothing: 0.1f), y, [6], p, [6, 1], [1, 2, 0, 1, 0.5f, 1]);
        MatchesFiniteDifferences(d, new BinaryCrossentropy(fromLogits: true), y, [3, 2], [-2, -0.5f, 0.1f, 1.3f, 2.2f, 4], [3, 2]);
    }

    [Fact]
    public void MultiClassLabelsAndLogitsWithoutFromLogitsAreExplained()
    {
        var loss = new BinaryCrossentropy();
        var e = Assert.Throws<ArgumentException>(() => loss.Call(Tensor.FromData([0f, 3, 1], [3, 1]), Tensor.Full([3, 1], 0.5f)));
        Assert.Contains("y_true holds 3 at [1, 0]", e.Message);
        Assert.Contains("sparse_categorical_crossentropy", e.Message);

        e = Assert.Throws<ArgumentException>(() => loss.Call(Tensor.FromData([0f, 1], [2, 1]), Tensor.FromData([0.5f, 2.3f], [2, 1])));
        Assert.Contains("y_pred holds 2.3 at [1, 0], which is not a probability", e.Message);
        Assert.Contains("fromLogits: true", e.Message);

        var shape = Assert.Throws<ShapeException>(() => loss.Call(Tensor.Zeros([4]), Tensor.Full([4, 10], 0.1f)));
        Assert.Contains("y_true has shape (4,) but y_pred has shape (4, 10)", shape.Message);
        Assert.Contains("sparse_categorical_crossentropy", shape.Message);
    }

    [Fact]
    public void ConfigHasKerasKeys()
    {
        var config = new BinaryCrossentropy(fromLogits: true, labelSmoothing: 0.1f).GetConfig();
        Assert.Equal("binary_crossentropy", config["name"]);
        Assert.Equal(true, config["from_logits"]);
        Assert.Equal(0.1f, config["label_smoothing"]);
    }
}
