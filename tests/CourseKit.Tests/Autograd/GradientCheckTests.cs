using CourseKit.Backends;
using CourseKit.Tests.Tensors;
using static CourseKit.Tests.Autograd.GradientChecker;

namespace CourseKit.Tests.Autograd;

/// <summary>
/// Every differentiable operation's backward rule against finite differences (<see cref="GradientChecker"/>), on every
/// device. Inputs stay away from kinks: no values near 0 for relu/abs, no ties for max, nothing near clip bounds.
/// </summary>
public class GradientCheckTests
{
    private int _seed = 1;

    private static int Count(int[] shape) => shape.Aggregate(1, (a, b) => a * b);

    /// <summary>Numbers in [−2, 2).</summary>
    private CheckInput Smooth(params int[] shape) => new(TensorAssert.RandomArray(Count(shape), _seed++, -2, 2), shape);

    /// <summary>Numbers in [0.5, 2).</summary>
    private CheckInput Positive(params int[] shape) => new(TensorAssert.RandomArray(Count(shape), _seed++, 0.5f, 2), shape);

    /// <summary>Numbers with 0.3 ≤ |x| &lt; 2, either sign: away from the kink at 0.</summary>
    private CheckInput AwayFromZero(params int[] shape)
    {
        var r = new Random(_seed++);
        var data = TensorAssert.RandomArray(Count(shape), _seed++, 0.3f, 2).Select(v => r.Next(2) == 0 ? v : -v).ToArray();
        return new(data, shape);
    }

    /// <summary>Distinct numbers at least 0.1 apart, shuffled: no ties for max/min and pooling.</summary>
    private CheckInput Distinct(params int[] shape)
    {
        int n = Count(shape);
        var r = new Random(_seed++);
        var data = Enumerable.Range(0, n).Select(i => (i - n / 2) * 0.1f).OrderBy(_ => r.Next()).ToArray();
        return new(data, shape);
    }

    private static CheckInput Given(float[] data, params int[] shape) => new(data, shape);

    private static void Check(string device, Func<Tensor[], Tensor> f, params CheckInput[] inputs) =>
        GradientChecker.Check(Devices.Get(device), f, inputs);

    // ---- the checker itself ----

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void TheCheckerCatchesAWrongDerivative(string device)
    {
        Devices.Get(device); // skips here (not inside the assertions below) on a machine without this device
        // x² with the derivative x instead of 2x: the check must fail.
        static Tensor BadSquare(Tensor x) => Tensor.Record(x.Map(UnaryOp.Pow, 2), "bad_square", [x], g => [g * x]);
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => Check(device, x => BadSquare(x[0]), Smooth(3, 2)));
        // A wrong sign, too.
        static Tensor BadNeg(Tensor x) => Tensor.Record(x.Map(UnaryOp.Neg), "bad_neg", [x], g => [g]);
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => Check(device, x => BadNeg(x[0]), Smooth(4)));
        // And the correct rule passes.
        static Tensor GoodSquare(Tensor x) => Tensor.Record(x.Map(UnaryOp.Pow, 2), "good_square", [x], g => [g * x * 2]);
        Check(device, x => GoodSquare(x[0]), Smooth(3, 2));
    }

    // ---- arithmetic ----

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void Add(string device)
    {
        Check(device, x => x[0] + x[1], Smooth(2, 3), Smooth(2, 3));
        Check(device, x => x[0] + x[1], Smooth(2, 3), Smooth(3));          // (2, 3) + (3,)
        Check(device, x => x[0] + x[1], Smooth(2, 1), Smooth(1, 3));       // (2, 1) + (1, 3)
        Check(device, x => x[0] + x[1], Smooth(4, 1, 3), Smooth(2, 1));    // (4, 1, 3) + (2, 1) → (4, 2, 3)
        Check(device, x => 2 + x[0], Smooth(3));
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void Subtract(string device)
    {
        Check(device, x => x[0] - x[1], Smooth(2, 3), Smooth(2, 3));
        Check(device, x => x[0] - x[1], Smooth(2, 3), Smooth(2, 1));
        Check(device, x => x[0] - x[1], Smooth(3), Smooth(4, 3));
        Check(device, x => 1 - x[0], Smooth(3));
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void Multiply(string device)
    {
        Check(device, x => x[0] * x[1], Smooth(2, 3), Smooth(2, 3));
        Check(device, x => x[0] * x[1], Smooth(2, 1), Smooth(1, 3));
        Check(device, x => x[0] * x[1], Smooth(2, 3), Smooth());           // rank-0 factor
        Check(device, x => x[0] * 3f, Smooth(5));
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void Divide(string device)
    {
        Check(device, x => x[0] / x[1], Smooth(2, 3), AwayFromZero(2, 3));
        Check(device, x => x[0] / x[1], Smooth(2, 3), AwayFromZero(3));
        Check(device, x => x[0] / x[1], Smooth(3, 1), AwayFromZero(1, 2));
        Check(device, x => 2f / x[0], AwayFromZero(4));
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void Negate(string device) => Check(device, x => -x[0], Smooth(2, 3));

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void PowerWithAFloatExponent(string device)
    {
        Check(device, x => x[0].Pow(3), Smooth(2, 3));      // negative bases too
        Check(device, x => x[0].Pow(2), Smooth(5));
        Check(device, x => x[0].Square(), Smooth(5));
        Check(device, x => x[0].Pow(2.5f), Positive(5));
        Check(device, x => x[0].Pow(-1), AwayFromZero(5));
        Check(device, x => x[0].Pow(0.5f), Positive(5));
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void PowerWithATensorExponent(string device)
    {
        Check(device, x => x[0].Pow(x[1]), Positive(2, 3), Smooth(2, 3));
        Check(device, x => x[0].Pow(x[1]), Positive(2, 3), Smooth(3));    // broadcast exponent
        Check(device, x => x[0].Pow(x[1]), Positive(3, 1), Smooth(1, 2));
        // A constant exponent: only the base gets a gradient (negative bases are fine for whole exponents).
        Check(device, x => x[0].Pow(Tensor.FromArray(new float[] { 2, 3, 1 }, x[0].Device)), Smooth(2, 3));
    }

    // ---- elementwise math ----

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void Exp(string device) => Check(device, x => x[0].Exp(), Smooth(2, 3));

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void Log(string device) => Check(device, x => x[0].Log(), Positive(2, 3));

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void Sqrt(string device) => Check(device, x => x[0].Sqrt(), Positive(2, 3));

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void Abs(string device) => Check(device, x => x[0].Abs(), AwayFromZero(3, 3));

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void Clip(string device)
    {
        // Two values below −1, two above 1, the rest inside: gradient 0, 0, 1, …
        Check(device, x => x[0].Clip(-1, 1), Given([-1.7f, -1.2f, -0.6f, 0.3f, 0.9f - 0.05f, 1.4f, 2.5f, -0.2f], 2, 4));
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void MaximumAndMinimum(string device)
    {
        var a = Smooth(2, 3);
        // b differs from a by at least 0.1 everywhere, sometimes above, sometimes below.
        var offsets = new float[] { 0.5f, -0.3f, 0.2f, -0.7f, 0.1f, -0.4f };
        var b = Given(a.Data.Select((v, i) => v + offsets[i]).ToArray(), 2, 3);
        Check(device, x => Tensor.Maximum(x[0], x[1]), a, b);
        Check(device, x => Tensor.Minimum(x[0], x[1]), a, b);
        // Broadcast: a column against a row.
        Check(device, x => Tensor.Maximum(x[0], x[1]), Given([0.15f, -0.55f], 2, 1), Given([-1, 0.5f, 0.05f], 1, 3));
        Check(device, x => Tensor.Minimum(x[0], x[1]), Given([0.15f, -0.55f], 2, 1), Given([-1, 0.5f, 0.05f], 1, 3));
        Check(device, x => x[0].Maximum(0.25f), AwayFromZero(6));
        Check(device, x => x[0].Minimum(0.25f), AwayFromZero(6));
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void Where(string device)
    {
        var d = Devices.Get(device);
        var condition = Tensor.FromArray(new float[,] { { 1, 0, 1 }, { 0, 0, 1 } }, d);
        Check(device, x => Tensor.Where(condition, x[0], x[1]), Smooth(2, 3), Smooth(2, 3));
        Check(device, x => Tensor.Where(condition, x[0], x[1]), Smooth(3), Smooth(2, 1));   // both broadcast
        Check(device, x => Tensor.Where(condition, x[0], 0f), Smooth(2, 3));
        Check(device, x => Tensor.Where(condition, 2f, x[0]), Smooth(1, 3));
    }

    // ---- activations ----

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void Sigmoid(string device) => Check(device, x => x[0].Sigmoid(), Smooth(2, 4));

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void Tanh(string device) => Check(device, x => x[0].Tanh(), Smooth(2, 4));

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void Relu(string device) => Check(device, x => x[0].Relu(), AwayFromZero(3, 4));

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void Softmax(string device)
    {
        Check(device, x => x[0].Softmax(), Smooth(3, 4));
        Check(device, x => x[0].Softmax(axis: 0), Smooth(3, 4));
        Check(device, x => x[0].Softmax(axis: 1), Smooth(2, 3, 2));
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void LogSoftmax(string device)
    {
        Check(device, x => x[0].LogSoftmax(), Smooth(3, 4));
        Check(device, x => x[0].LogSoftmax(axis: 0), Smooth(3, 4));
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void Elu(string device)
    {
        Check(device, x => x[0].Elu(), AwayFromZero(3, 4));
        Check(device, x => x[0].Elu(0.5f), AwayFromZero(3, 4));
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void Selu(string device) => Check(device, x => x[0].Selu(), AwayFromZero(3, 4));

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void Softplus(string device) => Check(device, x => x[0].Softplus(), Smooth(3, 4));

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void SinAndCos(string device)
    {
        Check(device, x => x[0].Sin(), Smooth(3, 4));
        Check(device, x => x[0].Cos(), Smooth(3, 4));
        Check(device, x => (x[0] * 3).Sin() * x[0].Cos(), Smooth(2, 3));
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void LeakyRelu(string device)
    {
        Check(device, x => x[0].LeakyRelu(), AwayFromZero(3, 4));
        Check(device, x => x[0].LeakyRelu(0.01f), AwayFromZero(3, 4));
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void Swish(string device) => Check(device, x => x[0].Swish(), Smooth(3, 4));

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void Gelu(string device)
    {
        Check(device, x => x[0].Gelu(), Smooth(3, 4));
        Check(device, x => x[0].Gelu(approximate: true), Smooth(3, 4));
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void HardSigmoid(string device) =>
        // Inside (−3, 3) the slope is 1/6, outside 0; nothing near ±3.
        Check(device, x => x[0].HardSigmoid(), Given([-4, -3.5f, -2.5f, -1, 0.5f, 2, 2.8f, 3.4f, 5], 3, 3));

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void ActivationByName(string device)
    {
        foreach (var name in Tensor.ActivationNames)
            Check(device, x => x[0].Activation(name), AwayFromZero(2, 3));
    }

    // ---- reductions ----

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void Sum(string device)
    {
        Check(device, x => x[0].Sum(), Smooth(2, 3));
        Check(device, x => x[0].Sum(0), Smooth(2, 3));
        Check(device, x => x[0].Sum(-1, keepDims: true), Smooth(2, 3));
        Check(device, x => x[0].Sum([0, 2]), Smooth(2, 3, 4));
        Check(device, x => x[0].Sum(1).Square(), Smooth(2, 3, 4)); // non-uniform upstream through a square
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void Mean(string device)
    {
        Check(device, x => x[0].Mean(), Smooth(2, 3));
        Check(device, x => x[0].Mean(1), Smooth(2, 3));
        Check(device, x => x[0].Mean([0, 2], keepDims: true), Smooth(2, 3, 4));
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void Max(string device)
    {
        Check(device, x => x[0].Max(), Distinct(3, 4));
        Check(device, x => x[0].Max(0), Distinct(3, 4));
        Check(device, x => x[0].Max(-1, keepDims: true), Distinct(3, 4));
        Check(device, x => x[0].Max([0, 2]), Distinct(2, 3, 4));
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void Min(string device)
    {
        Check(device, x => x[0].Min(), Distinct(3, 4));
        Check(device, x => x[0].Min(1), Distinct(3, 4));
        Check(device, x => x[0].Min([1, 2], keepDims: true), Distinct(2, 3, 4));
    }

    // ---- shaping ----

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void Reshape(string device)
    {
        Check(device, x => x[0].Reshape(3, -1), Smooth(2, 3, 2));
        Check(device, x => x[0].Flatten(1), Smooth(2, 3, 2));
        Check(device, x => x[0].ExpandDims(1).Squeeze(), Smooth(2, 3));
        Check(device, x => (x[0].Reshape(6) * x[1]).Reshape(2, 3).Square(), Smooth(3, 2), Smooth(6));
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void PermuteAndTranspose(string device)
    {
        Check(device, x => x[0].Permute(2, 0, 1), Smooth(2, 3, 4));
        Check(device, x => x[0].Transpose(), Smooth(2, 3, 4));
        Check(device, x => x[0].T * x[1], Smooth(2, 3), Smooth(3, 2));
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void BroadcastTo(string device)
    {
        Check(device, x => x[0].BroadcastTo([2, 3, 4]), Smooth(3, 1));
        Check(device, x => x[0].BroadcastTo([2, 3]) * x[1], Smooth(3), Smooth(2, 3));
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void Concat(string device)
    {
        Check(device, x => Tensor.Concat([x[0], x[1]]), Smooth(2, 3), Smooth(1, 3));
        Check(device, x => Tensor.Concat([x[0], x[1], x[0]], axis: 1), Smooth(2, 3), Smooth(2, 1));
        Check(device, x => Tensor.Concat([x[0], x[1]], axis: -2), Smooth(2, 2, 3), Smooth(2, 1, 3));
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void Stack(string device)
    {
        Check(device, x => Tensor.Stack([x[0], x[1]]), Smooth(2, 3), Smooth(2, 3));
        Check(device, x => Tensor.Stack([x[0], x[1], x[0]], axis: 1), Smooth(2, 3), Smooth(2, 3));
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void Slicing(string device)
    {
        Check(device, x => x[0][.., 1], Smooth(3, 4));
        Check(device, x => x[0][1..3, ^1], Smooth(3, 4));
        Check(device, x => x[0][-1], Smooth(3, 4));
        Check(device, x => x[0][0..10, 1..], Smooth(3, 4));
        Check(device, x => x[0][1, .., 2..], Smooth(2, 3, 4));
        Check(device, x => x[0][1, 2], Smooth(3, 4));
        // The same tensor sliced twice: the gradients of both slices add up.
        Check(device, x => x[0][0] * x[0][1], Smooth(2, 3));
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void Take(string device)
    {
        Check(device, x => x[0].Take([2, 0, 2, 2]), Smooth(3, 4));             // repeats add up
        Check(device, x => x[0].Take([3, 3, 1], axis: 1), Smooth(3, 4));
        Check(device, x => x[0].Take([1, 0, 1], axis: -1).Square(), Smooth(2, 3, 2));
    }

    // ---- matrix products ----

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void MatMul(string device)
    {
        Check(device, x => x[0].MatMul(x[1]), Smooth(3, 4), Smooth(4, 2));
        Check(device, x => x[0].MatMul(x[1]), Smooth(2, 3, 4), Smooth(4, 5));       // batch · matrix
        Check(device, x => x[0].MatMul(x[1]), Smooth(2, 3, 4), Smooth(2, 4, 2));    // batch · batch
        Check(device, x => x[0].MatMul(x[1]), Smooth(1, 2, 3), Smooth(4, 3, 2));    // broadcast batch
        Check(device, x => x[0].MatMul(x[1]), Smooth(2, 3), Smooth(3, 3, 2));       // matrix · batch
        Check(device, x => x[0].MatMul(x[1]), Smooth(4), Smooth(4));                // dot product
        Check(device, x => x[0].MatMul(x[1]), Smooth(4), Smooth(4, 3));             // vector · matrix
        Check(device, x => x[0].MatMul(x[1]), Smooth(3, 4), Smooth(4));             // matrix · vector
        Check(device, x => x[0].MatMul(x[0].T), Smooth(3, 2));                      // one input used twice
    }

    // ---- convolution and pooling ----

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void Conv2D(string device)
    {
        Check(device, x => x[0].Conv2D(x[1]), Smooth(2, 4, 4, 2), Smooth(3, 3, 2, 3));
        Check(device, x => x[0].Conv2D(x[1], padding: "same"), Smooth(2, 4, 4, 2), Smooth(3, 3, 2, 3));
        Check(device, x => x[0].Conv2D(x[1], padding: "same"), Smooth(1, 4, 5, 1), Smooth(2, 2, 1, 2));
        Check(device, x => x[0].Conv2D(x[1], (2, 2)), Smooth(1, 5, 5, 2), Smooth(3, 3, 2, 2));
        Check(device, x => x[0].Conv2D(x[1], (2, 2), "same"), Smooth(2, 5, 6, 2), Smooth(3, 3, 2, 2));
        Check(device, x => x[0].Conv2D(x[1], (2, 1), "same"), Smooth(1, 6, 4, 1), Smooth(3, 2, 1, 3));
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void MaxPool2D(string device)
    {
        Check(device, x => x[0].MaxPool2D(), Distinct(2, 4, 4, 2));
        Check(device, x => x[0].MaxPool2D((2, 2), padding: "same"), Distinct(1, 5, 5, 2));
        Check(device, x => x[0].MaxPool2D((3, 3), (2, 2), "same"), Distinct(1, 5, 4, 2));
        Check(device, x => x[0].MaxPool2D((2, 2), (1, 1)), Distinct(1, 4, 4, 1)); // overlapping windows share winners
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void AvgPool2D(string device)
    {
        Check(device, x => x[0].AvgPool2D(), Smooth(2, 4, 4, 2));
        Check(device, x => x[0].AvgPool2D((2, 2), padding: "same"), Smooth(1, 5, 5, 2));
        Check(device, x => x[0].AvgPool2D((3, 3), (2, 2), "same"), Smooth(1, 5, 4, 2));
        Check(device, x => x[0].AvgPool2D((3, 2), (1, 1), "valid"), Smooth(1, 4, 4, 1));
    }

    // ---- compositions ----

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void ADenseLayerWithSoftmaxCrossEntropy(string device)
    {
        var d = Devices.Get(device);
        var labels = Tensor.FromArray(new float[,] { { 1, 0, 0 }, { 0, 0, 1 }, { 0, 1, 0 }, { 0, 0, 1 } }, d);
        Check(device, x =>
        {
            var hidden = (x[0].MatMul(x[1]) + x[2]).Tanh();
            var logits = hidden.MatMul(x[3]);
            return -(labels * logits.LogSoftmax()).Sum(1).Mean();
        }, Smooth(4, 5), Smooth(5, 6), Smooth(6), Smooth(6, 3));
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void AConvolutionalNetwork(string device)
    {
        Check(device, x =>
        {
            var features = x[0].Conv2D(x[1], padding: "same").Sigmoid().AvgPool2D();
            return features.Flatten(1).MatMul(x[2]).Softmax();
        }, Smooth(2, 4, 4, 1), Smooth(3, 3, 1, 2), Smooth(8, 3));
    }
}
