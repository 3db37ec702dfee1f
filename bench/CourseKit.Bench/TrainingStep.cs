using System.Globalization;

namespace CourseKit.Bench;

/// <summary>
/// One training step of the lecture's MNIST networks, written with tensors (the Keras-like layers come later):
/// forward pass, softmax cross-entropy, backward pass. Measures everything around the GEMMs too — elementwise
/// operations, reductions, convolution unfolding, pooling, autograd bookkeeping and allocation.
/// </summary>
internal static class TrainingStep
{
    private const int Batch = 128;

    public static int Run(ReadOnlySpan<string> args, Func<string, int> fail)
    {
        string? model = null, backend = "cpu";
        for (int i = 0; i < args.Length; i += 2)
        {
            if (i + 1 >= args.Length) return fail($"Option {args[i]} needs a value.");
            switch (args[i])
            {
                case "--model" when args[i + 1] is "mlp" or "cnn": model = args[i + 1]; break;
                case "--model": return fail($"Unknown model '{args[i + 1]}'; use mlp or cnn.");
                case "--backend": backend = args[i + 1]; break;
                default: return fail($"Unknown option '{args[i]}'.");
            }
        }
        Device device;
        try { device = Device.Parse(backend); }
        catch (ArgumentException e) { return fail(e.Message); }

        foreach (var name in model is null ? ["mlp", "cnn"] : new[] { model })
        {
            var step = name == "mlp" ? Mlp(device) : Cnn(device);
            double ms = Timing.BestSeconds(step) * 1000;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"train model={name} batch={Batch} backend={device.Name} ms_per_step={ms:F2}"));
        }
        return 0;
    }

    /// <summary>Flatten(28×28) → Dense 300 relu → Dense 100 relu → Dense 10 (the lecture's 266,610-parameter network).</summary>
    private static Action Mlp(Device device)
    {
        var (x, labels) = Data(device, [Batch, 28 * 28]);
        Tensor[] p = [Weight(device, 784, 300), Bias(device, 300), Weight(device, 300, 100), Bias(device, 100), Weight(device, 100, 10), Bias(device, 10)];
        return () =>
        {
            var h1 = (x.MatMul(p[0]) + p[1]).Relu();
            var h2 = (h1.MatMul(p[2]) + p[3]).Relu();
            Train(h2.MatMul(p[4]) + p[5], labels, p);
        };
    }

    /// <summary>Conv 3×3×32 relu → MaxPool 2×2 → Conv 3×3×64 relu → MaxPool 2×2 → Flatten → Dense 10.</summary>
    private static Action Cnn(Device device)
    {
        var (x, labels) = Data(device, [Batch, 28, 28, 1]);
        Tensor[] p = [Weight(device, 3, 3, 1, 32), Bias(device, 32), Weight(device, 3, 3, 32, 64), Bias(device, 64), Weight(device, 5 * 5 * 64, 10), Bias(device, 10)];
        return () =>
        {
            var c1 = (x.Conv2D(p[0]) + p[1]).Relu().MaxPool2D();
            var c2 = (c1.Conv2D(p[2]) + p[3]).Relu().MaxPool2D();
            Train(c2.Flatten(1).MatMul(p[4]) + p[5], labels, p);
        };
    }

    private static void Train(Tensor logits, Tensor oneHot, Tensor[] parameters)
    {
        var loss = -(logits.LogSoftmax() * oneHot).Sum(1).Mean();
        foreach (var w in parameters) w.ZeroGrad();
        loss.Backward();
    }

    private static (Tensor X, Tensor OneHot) Data(Device device, int[] shape)
    {
        var x = Tensor.RandomUniform(shape, seed: 1, device: device);
        var classes = Tensor.RandomUniform([Batch], 0, 10, seed: 2, device: device).ToArray().Select(v => (int)v).ToArray();
        return (x, Tensor.Eye(10, device: device).Take(classes));
    }

    private static Tensor Weight(Device device, params int[] shape) => Tensor.GlorotUniform(shape, seed: 3, device: device, requiresGrad: true);

    private static Tensor Bias(Device device, int size) => Tensor.Zeros([size], device, requiresGrad: true);
}
