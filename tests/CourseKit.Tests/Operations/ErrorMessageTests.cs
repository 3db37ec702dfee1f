using CourseKit.Tests.Tensors;

namespace CourseKit.Tests.Operations;

/// <summary>
/// Mistakes students make, and the messages they get: each names the operation, the shapes (or devices) involved and
/// what to change.
/// </summary>
public class ErrorMessageTests
{
    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void MatMulWithMismatchedInnerDimensionsSuggestsATranspose(string device)
    {
        var d = Devices.Get(device);
        var e = Assert.Throws<ShapeException>(() => Tensor.Zeros([3, 2], d).MatMul(Tensor.Zeros([3, 1], d)));
        Assert.Contains("MatMul: (3, 2) · (3, 1) — inner dimensions 2 and 3 differ; did you mean W.Transpose()?", e.Message);
        Assert.Contains("Transposing the first operand gives (2, 3) · (3, 1), which fits.", e.Message);
    }

    [Fact]
    public void MatMulSuggestsTransposingTheSecondOperandWhenThatFits()
    {
        var e = Assert.Throws<ShapeException>(() => Tensor.Zeros([4, 3]).MatMul(Tensor.Zeros([5, 3])));
        Assert.Contains("MatMul: (4, 3) · (5, 3) — inner dimensions 3 and 5 differ; did you mean W.Transpose()?", e.Message);
        Assert.Contains("Transposing the second operand gives (4, 3) · (3, 5)", e.Message);
    }

    [Fact]
    public void MatMulWithoutAnObviousFixExplainsTheRule()
    {
        var e = Assert.Throws<ShapeException>(() => Tensor.Zeros([4, 3]).MatMul(Tensor.Zeros([5, 6])));
        Assert.Contains("inner dimensions 3 and 5 differ", e.Message);
        Assert.Contains("columns of the first operand must equal the number of rows of the second", e.Message);
        Assert.DoesNotContain("Transpose", e.Message);
    }

    [Fact]
    public void MatMulWithMismatchedBatchesNamesThem()
    {
        var e = Assert.Throws<ShapeException>(() => Tensor.Zeros([2, 3, 4]).MatMul(Tensor.Zeros([5, 4, 2])));
        Assert.Contains("MatMul (batch axes)", e.Message);
        Assert.Contains("(2,) and (5,)", e.Message);
        Assert.Contains("MatMul: (4,) · (5,) — inner dimensions 4 and 5 differ", Assert.Throws<ShapeException>(() => Tensor.Zeros([4]).MatMul(Tensor.Zeros([5]))).Message);
        Assert.Contains("MatMul: (2, 3) · (4,) — inner dimensions 3 and 4 differ", Assert.Throws<ShapeException>(() => Tensor.Zeros([2, 3]).MatMul(Tensor.Zeros([4]))).Message);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void BroadcastMismatchNamesBothShapes(string device)
    {
        var d = Devices.Get(device);
        var e = Assert.Throws<ShapeException>(() => Tensor.Zeros([2, 3], d) + Tensor.Zeros([4], d));
        Assert.Contains("Add: shapes (2, 3) and (4,) cannot be broadcast together", e.Message);
        Assert.Contains("axis -1 has sizes 3 and 4", e.Message);
        Assert.Contains("Multiply: shapes (5, 2) and (5,)", Assert.Throws<ShapeException>(() => Tensor.Zeros([5, 2], d) * Tensor.Zeros([5], d)).Message);
        Assert.Contains("Where", Assert.Throws<ShapeException>(() => Tensor.Where(Tensor.Ones([3], d), Tensor.Ones([2], d), 0f)).Message);
        Assert.Contains("Maximum", Assert.Throws<ShapeException>(() => Tensor.Maximum(Tensor.Ones([3], d), Tensor.Ones([2], d))).Message);
        Assert.Contains("Greater", Assert.Throws<ShapeException>(() => Tensor.Ones([3], d) > Tensor.Ones([2], d)).Message);
    }

    [Fact]
    public void ReshapeSizeMismatchNamesBothShapesAndCounts()
    {
        var e = Assert.Throws<ShapeException>(() => Tensor.Zeros([28, 28]).Reshape(1, 785));
        Assert.Contains("cannot reshape (28, 28) (784 elements) into (1, 785) (785 elements)", e.Message);
    }

    [Fact]
    public void Conv2DOnARank3InputSuggestsAddingTheChannelAxis()
    {
        var e = Assert.Throws<ShapeException>(() => Tensor.Zeros([10, 28, 28]).Conv2D(Tensor.Zeros([3, 3, 1, 8])));
        Assert.Contains("Conv2D: expected a rank-4 batch of images (batch, height, width, channels), got shape (10, 28, 28).", e.Message);
        Assert.Contains("x.Reshape(10, 28, 28, 1)", e.Message);
        var one = Assert.Throws<ShapeException>(() => Tensor.Zeros([28, 28]).MaxPool2D());
        Assert.Contains("MaxPool2D", one.Message);
        Assert.Contains("x.Reshape(1, 28, 28, 1)", one.Message);
        Assert.Contains("AvgPool2D", Assert.Throws<ShapeException>(() => Tensor.Zeros([5]).AvgPool2D()).Message);
    }

    [Fact]
    public void Conv2DWithTheWrongKernelRankExplains()
    {
        var e = Assert.Throws<ShapeException>(() => Tensor.Zeros([1, 5, 5, 1]).Conv2D(Tensor.Zeros([3, 3])));
        Assert.Contains("(kernelHeight, kernelWidth, inChannels, filters)", e.Message);
    }

    [Fact]
    public void Conv2DChannelMismatchNamesBothCounts()
    {
        var e = Assert.Throws<ShapeException>(() => Tensor.Zeros([2, 8, 8, 3]).Conv2D(Tensor.Zeros([3, 3, 1, 4])));
        Assert.Contains("the images have 3 channels (shape (2, 8, 8, 3))", e.Message);
        Assert.Contains("(3, 3, 1, 4) expects 1", e.Message);
    }

    [Fact]
    public void AWindowLargerThanTheImageWithValidPaddingSuggestsSame()
    {
        var e = Assert.Throws<ShapeException>(() => Tensor.Zeros([1, 4, 4, 1]).Conv2D(Tensor.Zeros([5, 5, 1, 1])));
        Assert.Contains("Conv2D: the 5×5 window does not fit in the 4×4 images with padding \"valid\"", e.Message);
        Assert.Contains("padding: \"same\"", e.Message);
        Assert.Contains("MaxPool2D: the 3×3 window", Assert.Throws<ShapeException>(() => Tensor.Zeros([1, 2, 2, 1]).MaxPool2D((3, 3))).Message);
    }

    [Fact]
    public void UnknownPaddingIsRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => Tensor.Zeros([1, 4, 4, 1]).Conv2D(Tensor.Zeros([3, 3, 1, 1]), padding: "full"));
        Assert.Contains("padding must be \"valid\" or \"same\", got \"full\"", e.Message);
        Assert.Contains("AvgPool2D: padding", Assert.Throws<ArgumentException>(() => Tensor.Zeros([1, 4, 4, 1]).AvgPool2D(padding: "")).Message);
    }

    [Fact]
    public void NonPositiveStridesAndWindowsAreRejected()
    {
        var x = Tensor.Zeros([1, 4, 4, 1]);
        Assert.Contains("strides (0, 1) must be positive", Assert.Throws<ArgumentException>(() => x.Conv2D(Tensor.Zeros([2, 2, 1, 1]), (0, 1))).Message);
        Assert.Contains("window size (0, 2) must be positive", Assert.Throws<ArgumentException>(() => x.MaxPool2D((0, 2))).Message);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void OutOfRangeIndexNamesAxisAndSize(string device)
    {
        var x = Tensor.Zeros([3, 4], Devices.Get(device));
        var e = Assert.Throws<IndexOutOfRangeException>(() => x[3]);
        Assert.Contains("Index 3 is out of range for axis 0 with size 3", e.Message);
        Assert.Contains("(3, 4)", e.Message);
        Assert.Contains("0 … 2", e.Message);
        Assert.Contains("Index ^5 is out of range for axis 1 with size 4", Assert.Throws<IndexOutOfRangeException>(() => x[0, -5]).Message);
        var tooMany = Assert.Throws<ShapeException>(() => x[0, 0, 0]);
        Assert.Contains("3 indices given for a tensor of shape (3, 4), which has only 2 axes", tooMany.Message);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void AnEmptySliceExplains(string device)
    {
        var x = Tensor.Zeros([3, 4], Devices.Get(device));
        var e = Assert.Throws<ShapeException>(() => x[2..1]);
        Assert.Contains("the range 2..1 selects no elements of axis 0 (size 3", e.Message);
        Assert.Contains("selects no elements of axis 1", Assert.Throws<ShapeException>(() => x[.., 4..]).Message);
        Assert.Throws<ShapeException>(() => x[5..9]);
    }

    [Fact]
    public void MixingDevicesNamesBothDevices()
    {
        var cpu = Tensor.Ones([2], Device.Cpu);
        var reference = Tensor.Ones([2], Device.Reference);
        var e = Assert.Throws<ArgumentException>(() => cpu + reference);
        Assert.Contains("Add: the tensors are on different devices (cpu and reference)", e.Message);
        Assert.Contains(".To(Device.Cpu)", e.Message);
        var back = Assert.Throws<ArgumentException>(() => reference * cpu);
        Assert.Contains("(reference and cpu)", back.Message);
        Assert.Contains(".To(Device.Reference)", back.Message);
        Assert.Contains("MatMul", Assert.Throws<ArgumentException>(() => cpu.MatMul(reference)).Message);
        Assert.Contains("Concat", Assert.Throws<ArgumentException>(() => Tensor.Concat([cpu, reference])).Message);
        Assert.Contains("Where", Assert.Throws<ArgumentException>(() => Tensor.Where(cpu, cpu, reference)).Message);
        Assert.Contains("Take", Assert.Throws<ArgumentException>(() => cpu.Take(Tensor.Zeros([1], Device.Reference))).Message);
        Assert.Contains("Conv2D", Assert.Throws<ArgumentException>(() =>
            Tensor.Zeros([1, 3, 3, 1], Device.Cpu).Conv2D(Tensor.Zeros([2, 2, 1, 1], Device.Reference))).Message);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void ItemOnANonScalarExplains(string device)
    {
        var d = Devices.Get(device);
        var e = Assert.Throws<InvalidOperationException>(() => Tensor.Zeros([2, 3], d).Item());
        Assert.Contains("Item(): the tensor has shape (2, 3) (6 elements); Item() needs exactly one", e.Message);
        Assert.Contains(".Sum()", e.Message);
    }

    [Fact]
    public void UnknownActivationListsTheValidNames()
    {
        var e = Assert.Throws<ArgumentException>(() => Tensor.Ones([2]).Activation("rleu"));
        Assert.Contains("Unknown activation \"rleu\"", e.Message);
        Assert.Contains("Valid names: linear, relu, sigmoid, tanh, softmax, log_softmax, elu, selu, softplus, leaky_relu, silu, swish, gelu, exponential, hard_sigmoid, heaviside, step, sign.", e.Message);
    }

    [Fact]
    public void UnknownDeviceListsTheValidNames()
    {
        var e = Assert.Throws<ArgumentException>(() => Device.Parse("gpu"));
        Assert.Contains("Unknown device 'gpu'. Valid names on this machine: cpu, reference", e.Message); // then any OpenCL devices
        Assert.Same(Device.Cpu, Device.Parse(" CPU "));
        Assert.Same(Device.Reference, Device.Parse("Reference"));
    }

    [Fact]
    public void AxisErrorsGiveTheValidRange()
    {
        var e = Assert.Throws<ShapeException>(() => Tensor.Zeros([2, 3]).Softmax(axis: 2));
        Assert.Contains("axis 2 does not exist for a tensor of rank 2; valid axes are -2 … 1", e.Message);
        Assert.Contains("Concat: axis 1", Assert.Throws<ShapeException>(() => Tensor.Concat([Tensor.Zeros([2])], axis: 1)).Message);
        Assert.Contains("ExpandDims", Assert.Throws<ShapeException>(() => Tensor.Zeros([2]).ExpandDims(3)).Message);
        Assert.Contains("Take", Assert.Throws<ShapeException>(() => Tensor.Zeros([2]).Take([0], axis: 1)).Message);
    }
}
