namespace CourseKit.Tests.Tensors;

/// <summary>Creating tensors: from C# arrays, from flat data, and the constructors Zeros/Ones/Full/Arange/Linspace/Eye.</summary>
public class CreationTests
{
    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void FromArrayOfAVectorKeepsShapeAndValues(string device)
    {
        var d = Devices.Get(device);
        var t = Tensor.FromArray(new float[] { 1.5f, -2, 3 }, d);
        Assert.Equal(d, t.Device);
        Assert.Equal(1, t.Rank);
        Assert.Equal(3, t.Size);
        TensorAssert.Exact(t, [3], 1.5f, -2, 3);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void FromArrayOfAMatrixIsRowMajor(string device)
    {
        var t = Tensor.FromArray(new float[,] { { 1, 2, 3 }, { 4, 5, 6 } }, Devices.Get(device));
        TensorAssert.Exact(t, [2, 3], 1, 2, 3, 4, 5, 6);
        Assert.Equal(2, t.Rank);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void FromArrayOfARank3ArrayIsRowMajor(string device)
    {
        var values = new float[,,] { { { 1, 2 }, { 3, 4 }, { 5, 6 } }, { { 7, 8 }, { 9, 10 }, { 11, 12 } } };
        var t = Tensor.FromArray(values, Devices.Get(device));
        TensorAssert.Exact(t, [2, 3, 2], 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void FromArrayOfDoublesRoundsToFloat32(string device)
    {
        var t = Tensor.FromArray(new double[,] { { 0.1, 2 }, { -3.25, 1e-3 } }, Devices.Get(device));
        TensorAssert.Exact(t, [2, 2], 0.1f, 2f, -3.25f, 1e-3f);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void FromArrayOfIntegersAndBooleans(string device)
    {
        var d = Devices.Get(device);
        TensorAssert.Exact(Tensor.FromArray(new int[,] { { 1, -2 }, { 3, 40000 } }, d), [2, 2], 1, -2, 3, 40000);
        TensorAssert.Exact(Tensor.FromArray(new long[] { 7, -8 }, d), [2], 7, -8);
        TensorAssert.Exact(Tensor.FromArray(new byte[] { 0, 255 }, d), [2], 0, 255);
        TensorAssert.Exact(Tensor.FromArray(new bool[] { true, false, true }, d), [3], 1, 0, 1);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void TheArrayConstructorIsFromArray(string device)
    {
        var t = new Tensor(new float[,] { { 1, 2 }, { 3, 4 } }, Devices.Get(device), requiresGrad: true);
        TensorAssert.Exact(t, [2, 2], 1, 2, 3, 4);
        Assert.True(t.RequiresGrad);
        Assert.True(t.IsLeaf);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void FromDataFillsTheShapeRowMajorAndCopiesTheArray(string device)
    {
        var data = new float[] { 1, 2, 3, 4, 5, 6 };
        int[] shape = [3, 2];
        var t = Tensor.FromData(data, shape, Devices.Get(device));
        data[0] = 100; // the tensor holds its own copy
        shape[0] = 6;
        TensorAssert.Exact(t, [3, 2], 1, 2, 3, 4, 5, 6);
        Assert.Equal(new float[,] { { 1, 2 }, { 3, 4 }, { 5, 6 } }, t.ToArray2D());
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void ShapeIsACopy(string device)
    {
        var t = Tensor.Zeros([2, 3], Devices.Get(device));
        int[] sizes = t.Shape;   // a Shape cannot be written to; the array it converts to is a copy
        sizes[0] = 7;
        Assert.Equal([2, 3], t.Shape);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void ScalarHasRankZeroAndItemReturnsItsNumber(string device)
    {
        var s = Tensor.Scalar(-2.5f, Devices.Get(device));
        Assert.Equal(0, s.Rank);
        Assert.Empty(s.Shape);
        Assert.Equal(1, s.Size);
        Assert.Equal(-2.5f, s.Item());
        // Item also works on any one-element tensor.
        Assert.Equal(7f, Tensor.Full([1, 1, 1], 7, Devices.Get(device)).Item());
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void ZerosOnesAndFull(string device)
    {
        var d = Devices.Get(device);
        TensorAssert.Exact(Tensor.Zeros([2, 2], d), [2, 2], 0, 0, 0, 0);
        TensorAssert.Exact(Tensor.Ones([3], d), [3], 1, 1, 1);
        TensorAssert.Exact(Tensor.Full([2, 1, 2], -1.5f, d), [2, 1, 2], -1.5f, -1.5f, -1.5f, -1.5f);
        Assert.True(Tensor.Ones([2], d, requiresGrad: true).RequiresGrad);
        var like = Tensor.FromArray(new float[,] { { 5, 6, 7 } }, d);
        TensorAssert.Exact(Tensor.ZerosLike(like), [1, 3], 0, 0, 0);
        TensorAssert.Exact(Tensor.OnesLike(like), [1, 3], 1, 1, 1);
        Assert.Equal(d, Tensor.OnesLike(like).Device);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void ArangeCountsUpToButNotIncludingStop(string device)
    {
        var d = Devices.Get(device);
        TensorAssert.Exact(Tensor.Arange(5, d), [5], 0, 1, 2, 3, 4);
        TensorAssert.Exact(Tensor.Arange(1, 2, 0.25f, d), [4], 1, 1.25f, 1.5f, 1.75f);
        TensorAssert.Exact(Tensor.Arange(3, 0, -1, d), [3], 3, 2, 1);
        // np.arange(0, 1, 0.3) → [0, 0.3, 0.6, 0.9]: the count is ceil((stop − start) / step).
        TensorAssert.Close(Tensor.Arange(0, 1, 0.3f, d), [4], [0, 0.3f, 0.6f, 0.9f], 1e-6);
    }

    [Fact]
    public void ArangeRejectsAZeroStepAndAnEmptyRange()
    {
        Assert.Contains("non-zero", Assert.Throws<ArgumentException>(() => Tensor.Arange(0, 5, 0)).Message);
        var e = Assert.Throws<ArgumentException>(() => Tensor.Arange(5, 1));
        Assert.Contains("gives no numbers", e.Message);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void LinspaceIncludesBothEnds(string device)
    {
        var d = Devices.Get(device);
        TensorAssert.Exact(Tensor.Linspace(0, 1, 5, d), [5], 0, 0.25f, 0.5f, 0.75f, 1);
        TensorAssert.Exact(Tensor.Linspace(2, -2, 3, d), [3], 2, 0, -2);
        TensorAssert.Exact(Tensor.Linspace(3, 9, 1, d), [1], 3);
        Assert.Equal(50, Tensor.Linspace(0, 1, device: d).Size); // NumPy's default count
        Assert.Throws<ArgumentException>(() => Tensor.Linspace(0, 1, 0, d));
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void EyeIsTheIdentity(string device)
    {
        var d = Devices.Get(device);
        TensorAssert.Exact(Tensor.Eye(3, device: d), [3, 3], 1, 0, 0, 0, 1, 0, 0, 0, 1);
        TensorAssert.Exact(Tensor.Eye(2, 3, d), [2, 3], 1, 0, 0, 0, 1, 0);
        TensorAssert.Exact(Tensor.Eye(3, 2, d), [3, 2], 1, 0, 0, 1, 0, 0);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void MultidimensionalArraysRoundTrip(string device)
    {
        var d = Devices.Get(device);
        var m = new float[,] { { 1, 2, 3 }, { 4, 5, 6 } };
        Assert.Equal(m, Tensor.FromArray(m, d).ToArray2D());

        var c = new float[,,] { { { 1, 2 }, { 3, 4 } }, { { 5, 6 }, { 7, 8 } }, { { 9, 10 }, { 11, 12 } } };
        Assert.Equal(c, Tensor.FromArray(c, d).ToArray3D());

        var images = new float[2, 3, 2, 1];
        for (int n = 0; n < 2; n++)
            for (int h = 0; h < 3; h++)
                for (int w = 0; w < 2; w++)
                    images[n, h, w, 0] = n * 100 + h * 10 + w;
        var t = Tensor.FromArray(images, d);
        Assert.Equal([2, 3, 2, 1], t.Shape);
        Assert.Equal(images, t.ToArray4D());
        Assert.Equal(121f, t.ToArray()[11]); // the last element: n = 1, h = 2, w = 1
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void ToArrayOfTheWrongRankExplains(string device)
    {
        var t = Tensor.Zeros([2, 3], Devices.Get(device));
        var e = Assert.Throws<ShapeException>(() => t.ToArray3D());
        Assert.Contains("(2, 3)", e.Message);
        Assert.Contains("not rank 3", e.Message);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void ToAnotherDeviceCopiesValuesAndCloneIsIndependent(string device)
    {
        var d = Devices.Get(device);
        var other = d == Device.Cpu ? Device.Reference : Device.Cpu;
        var t = Tensor.FromArray(new float[] { 1, 2, 3 }, d).Named("t");
        var moved = t.To(other);
        Assert.Equal(other, moved.Device);
        Assert.Equal("t", moved.Name);
        TensorAssert.Exact(moved, [3], 1, 2, 3);
        Assert.Same(t, t.To(d));
        var clone = t.Clone();
        Assert.NotSame(t, clone);
        TensorAssert.Exact(clone, [3], 1, 2, 3);
    }

    // ---- bad input ----

    [Fact]
    public void NaNInTheDataIsRejectedWithItsIndex()
    {
        var e = Assert.Throws<ArgumentException>(() => Tensor.FromArray(new float[,] { { 1, 2 }, { float.NaN, 4 } }));
        Assert.Contains("NaN", e.Message);
        Assert.Contains("[1, 0]", e.Message);
        Assert.Contains("finite", e.Message);
    }

    [Fact]
    public void SeveralNonFiniteValuesAreCounted()
    {
        var e = Assert.Throws<ArgumentException>(() => Tensor.FromData([1, float.NaN, float.NaN, float.NegativeInfinity], [2, 2]));
        Assert.Contains("[0, 1]", e.Message);
        Assert.Contains("2 more non-finite values", e.Message);
    }

    [Fact]
    public void InfinityInTheDataIsRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => Tensor.FromArray(new double[] { 1, 2, double.PositiveInfinity }));
        Assert.Contains("[2]", e.Message);
        Assert.Contains("finite numbers", e.Message);
        // A double too large for float32 also becomes infinity.
        Assert.Throws<ArgumentException>(() => Tensor.FromArray(new double[] { 1e300 }));
    }

    [Fact]
    public void AnEmptyArrayIsRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => Tensor.FromArray(new float[0, 3]));
        Assert.Contains("(0, 3)", e.Message);
        Assert.Contains("no elements", e.Message);
        Assert.Throws<ArgumentException>(() => Tensor.FromArray(Array.Empty<float>()));
    }

    [Fact]
    public void FromDataWithTheWrongLengthNamesBothCounts()
    {
        var e = Assert.Throws<ShapeException>(() => Tensor.FromData([1, 2, 3, 4, 5], [2, 3]));
        Assert.Contains("5 numbers", e.Message);
        Assert.Contains("(2, 3)", e.Message);
        Assert.Contains("holds 6", e.Message);
    }

    [Fact]
    public void AZeroSizeShapeIsRejected()
    {
        var e = Assert.Throws<ShapeException>(() => Tensor.Zeros([3, 0]));
        Assert.Contains("(3, 0)", e.Message);
        Assert.Contains("size 0", e.Message);
        Assert.Throws<ShapeException>(() => Tensor.FromData([], [0]));
        Assert.Throws<ShapeException>(() => Tensor.RandomNormal([2, -1]));
        Assert.Throws<ShapeException>(() => Tensor.Eye(0));
    }

    [Fact]
    public void AShapeTooLargeForOneBufferIsRejected()
    {
        var e = Assert.Throws<ShapeException>(() => Tensor.Zeros([100_000, 100_000]));
        Assert.Contains("(100000, 100000)", e.Message);
        Assert.Contains("more than one buffer can hold", e.Message);
        Assert.Contains("lower the batch size", e.Message);
        Assert.Contains("(n, 1) combined with (n,) broadcasts to (n, n)", e.Message); // the usual cause of such a shape
        // 65 536⁴ = 2⁶⁴ elements: the count must not wrap around to 0 ("no elements") on the way.
        var huge = Assert.Throws<ShapeException>(() => Tensor.Ones([65_536, 65_536, 65_536, 65_536]));
        Assert.Contains("more than one buffer can hold", huge.Message);
        Assert.Contains($"{System.Numerics.BigInteger.Pow(2, 64):N0} elements", huge.Message);
    }

    [Fact]
    public void NonNumericElementsAreRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => Tensor.FromArray(new[] { "1", "2" }));
        Assert.Contains("String", e.Message);
        Assert.Contains("not numbers", e.Message);
        var d = Assert.Throws<ArgumentException>(() => Tensor.FromArray(new decimal[] { 1m }));
        Assert.Contains("Decimal", d.Message);
    }

    [Fact]
    public void NullArgumentsAreRejected()
    {
        Assert.Throws<ArgumentNullException>(() => Tensor.FromArray(null!));
        Assert.Throws<ArgumentNullException>(() => Tensor.FromData(null!, [1]));
        Assert.Throws<ArgumentNullException>(() => Tensor.FromData([1], null!));
    }
}
