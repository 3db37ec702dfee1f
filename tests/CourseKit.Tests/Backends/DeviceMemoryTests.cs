using CourseKit.Backends;
using CourseKit.Backends.Gpu;
using CourseKit.Tests.Tensors;

namespace CourseKit.Tests.Backends;

/// <summary>Deterministic freeing: disposed tensors give their memory back at once, training steps free what they create,
/// and on a GPU the pool serves later steps without new driver allocations. Also: a model on one device trains on data
/// from another (Fit moves each batch once).</summary>
[Collection(GlobalRandomCollection.Name)]
public class DeviceMemoryTests
{
    public static IEnumerable<object[]> Gpus => Devices.Names.Where(n => n.StartsWith("opencl") || n.StartsWith("cuda")).Select(n => new object[] { n });

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void ADisposedTensorSaysSoAndItsViewsLiveOn(string device)
    {
        var d = Devices.Get(device);
        var x = Tensor.FromArray(new float[,] { { 1, 2 }, { 3, 4 } }, d).Named("W1");
        var flat = x.Reshape(4);   // shares x's memory
        x.Dispose();
        x.Dispose();               // twice is fine
        Assert.True(x.IsDisposed);
        var e = Assert.Throws<ObjectDisposedException>(() => x.ToArray());
        Assert.Contains("('W1') of shape (2, 2) was disposed", e.Message);
        Assert.Contains(".Clone()", e.Message);
        Assert.Equal([1f, 2, 3, 4], flat.ToArray());
        Assert.Equal([2, 2], x.Shape);  // the description stays
    }

    [SkippableTheory]
    [MemberData(nameof(Gpus))]
    public void DisposingReturnsMemoryToThePoolWhichReusesIt(string device)
    {
        var d = Devices.Get(device);
        var pool = ((GpuBackend)d.Backend).Pool;
        var a = Tensor.Zeros([1000, 1000], d);
        long inUse = pool.BytesInUse;
        long driver = pool.DriverAllocations;
        a.Dispose();
        Assert.Equal(inUse - GpuMemoryPool.SizeClass(4_000_000), pool.BytesInUse);
        var b = Tensor.Ones([1000, 1000], d);   // same size class: from the cache
        Assert.Equal(driver, pool.DriverAllocations);
        Assert.Equal(1f, b.ToArray()[999_999]);
    }

    [Fact]
    public void CpuArraysAreReusedAfterDisposeAndComeBackClean()
    {
        const int length = 20_011;   // a length no other test uses, so the pool's array is ours
        var a = Tensor.Full([length], 7f, Device.Cpu);
        var array = ((HostBuffer)a.Buffer).Data;
        a.Dispose();
        var zeros = Tensor.Zeros([length], Device.Cpu);
        Assert.Same(array, ((HostBuffer)zeros.Buffer).Data);
        Assert.All(zeros.ToArray(), v => Assert.Equal(0f, v));
        zeros.Dispose();
        var data = Enumerable.Range(0, length).Select(i => (float)i).ToArray();
        var uploaded = Tensor.FromData(data, [length], Device.Cpu);
        Assert.Same(array, ((HostBuffer)uploaded.Buffer).Data);
        Assert.Equal(data, uploaded.ToArray());
        // small arrays are left to the garbage collector
        var small = Tensor.Ones([10], Device.Cpu);
        var smallArray = ((HostBuffer)small.Buffer).Data;
        small.Dispose();
        Assert.NotSame(smallArray, ((HostBuffer)Tensor.Zeros([10], Device.Cpu).Buffer).Data);
    }

    [Fact]
    public void SizeClassesArePagesThenBlocks()
    {
        Assert.Equal(4096, GpuMemoryPool.SizeClass(0));
        Assert.Equal(4096, GpuMemoryPool.SizeClass(4096));
        Assert.Equal(8192, GpuMemoryPool.SizeClass(4097));
        Assert.Equal(1 << 20, GpuMemoryPool.SizeClass(1 << 20));
        Assert.Equal((1 << 20) + 65536, GpuMemoryPool.SizeClass((1 << 20) + 1));
    }

    /// <summary>After the first epoch every size a step needs is in the pool: later epochs allocate nothing from the
    /// driver, and the memory in use does not grow.</summary>
    [SkippableTheory]
    [MemberData(nameof(Gpus))]
    public void TrainingStepsReuseMemoryInsteadOfAllocating(string device)
    {
        var d = Devices.Get(device);
        var pool = ((GpuBackend)d.Backend).Pool;
        Tensor.SetRandomSeed(3);
        var x = Tensor.RandomUniform([200, 20], device: d);
        var y = Tensor.FromData(Enumerable.Range(0, 200).Select(i => (float)(i % 3)).ToArray(), [200], d);
        var model = new Sequential([new Dense(32, inputShape: [20], activation: "relu"), new Dense(3, activation: "softmax")]);
        model.To(d);
        model.Compile(new Adam(), "sparse_categorical_crossentropy", ["accuracy"]);
        var driver = new List<long>();
        var inUse = new List<long>();
        var record = new LambdaCallback(onEpochEnd: (_, _) =>
        {
            driver.Add(pool.DriverAllocations);
            inUse.Add(pool.BytesInUse);
        });
        model.Fit(x, y, epochs: 4, batchSize: 64, verbose: 0, callbacks: [record]);
        Assert.Equal(driver[1], driver[3]);
        Assert.True(inUse[3] <= inUse[1], $"memory in use grew from {inUse[1]} to {inUse[3]} bytes");
    }

    /// <summary>Training frees its own intermediate tensors, never the caller's: weights read before Fit (to show "before
    /// and after" in a notebook) and the data stay usable.</summary>
    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void FitNeverFreesTensorsTheCallerHolds(string device)
    {
        var d = Devices.Get(device);
        Tensor.SetRandomSeed(5);
        var x = Tensor.RandomNormal([40, 3], device: d);
        var y = (x.Sum(1, keepDims: true) > 0f).To(d);
        var model = new Sequential([new Dense(4, inputShape: [3], activation: "relu"), new Dense(1, activation: "sigmoid")]);
        model.To(d);
        model.Compile(new Adam(0.05f), "binary_crossentropy", ["accuracy"]);
        var before = model.Layers[0].Weights[0].Value;
        var beforeNumbers = before.ToArray();
        model.Fit(x, y, epochs: 3, batchSize: 8, verbose: 0, validationData: (x, y));
        Assert.Equal(beforeNumbers, before.ToArray());
        Assert.NotEqual(beforeNumbers, model.Layers[0].Weights[0].Value.ToArray());
        Assert.Equal(120, x.ToArray().Length);
        Assert.Equal(40, model.Predict(x).Size);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void AModelTrainsOnItsDeviceWithDataFromTheCpu(string device)
    {
        var d = Devices.Get(device);
        (float Loss, float[] Prediction) Train(Device modelDevice, Device dataDevice)
        {
            Tensor.SetRandomSeed(11);
            var x = Tensor.RandomNormal([64, 4], device: dataDevice);
            var y = (x.Sum(1, keepDims: true) > 0f).To(dataDevice);
            var model = new Sequential([new Dense(8, activation: "tanh"), new Dense(1, activation: "sigmoid")]);
            model.To(modelDevice);   // before the model is built: its weights are created there
            model.Compile(new SGD(0.5f), "binary_crossentropy");
            var history = model.Fit(x, y, epochs: 3, batchSize: 16, verbose: 0, shuffle: false);
            Assert.All(model.Weights, w => Assert.Same(modelDevice, w.Value.Device));
            var prediction = model.Predict(x, batchSize: 50);
            Assert.Same(modelDevice, prediction.Device);
            return (history.History["loss"][^1], prediction.ToArray());
        }
        var (cpuLoss, cpuPrediction) = Train(Device.Cpu, Device.Cpu);
        var (loss, prediction) = Train(d, Device.Cpu);
        Assert.Equal(cpuLoss, loss, 4);
        for (int i = 0; i < prediction.Length; i++) Assert.Equal(cpuPrediction[i], prediction[i], 4);
    }
}
