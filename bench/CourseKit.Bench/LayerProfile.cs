using System.Diagnostics;
using System.Globalization;

namespace CourseKit.Bench;

/// <summary>
/// Where a training step's time goes, layer by layer: each layer runs forward on the activations the layers below it
/// produce for one batch, then backward from a gradient of its output's shape, alone (its input is detached and
/// requires a gradient, so the backward pass also computes the gradient for the layer below, as in training).
/// The loss, the optimizer update and Fit's batching are what a Fit step costs beyond the sum of the layers. Each pass's
/// tensors are freed when it ends, as Fit frees each step's.
/// </summary>
internal static class LayerProfile
{
    private const int Repeats = 15;

    /// <summary>Prints <c>layer name=… forward_ms=… backward_ms=…</c> (medians of <see cref="Repeats"/> runs after two
    /// warm-up runs) for each layer of <paramref name="model"/> on <paramref name="batch"/>, then the sums.</summary>
    public static void Print(Model model, Tensor batch)
    {
        // A GPU backend only queues its work: wait for it by reading the result back (the CPU backend is done on return).
        bool gpu = batch.Device.Backend is Backends.Gpu.GpuBackend;
        void Wait(Tensor t) { if (gpu) t.ToArray(); }
        double totalForward = 0, totalBackward = 0;
        var input = batch;
        foreach (var layer in model.Layers)
        {
            var x = input.Detach();
            x.RequiresGrad = true;
            var gradient = Tensor.RandomUniform(layer.Call(x, training: true).Shape, -1, 1, seed: 7, device: batch.Device);
            var forward = new List<double>();
            var backward = new List<double>();
            for (int r = 0; r < Repeats + 2; r++)
            {
                x.Grad = null; // otherwise each pass would also add its input gradient to the previous one
                var scope = TensorScope.Begin();
                long start = Stopwatch.GetTimestamp();
                var y = layer.Call(x, training: true);
                Wait(y);
                long middle = Stopwatch.GetTimestamp();
                y.Backward(gradient);
                Wait(x.Grad!);
                long end = Stopwatch.GetTimestamp();
                // As Fit does after each step: the pass's results and gradients go back to the memory pool, so the next
                // pass reuses warm memory instead of faulting in fresh pages (which would be most of what it measured).
                x.Grad = null;
                foreach (var weight in layer.Weights) weight.Value.Grad = null;
                scope.DisposeAllExcept([]);
                if (r < 2) continue;
                forward.Add(Stopwatch.GetElapsedTime(start, middle).TotalMilliseconds);
                backward.Add(Stopwatch.GetElapsedTime(middle, end).TotalMilliseconds);
            }
            totalForward += Median(forward);
            totalBackward += Median(backward);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"layer name={layer.Name} forward_ms={Median(forward):F2} backward_ms={Median(backward):F2}"));
            using (Autograd.NoGrad()) input = layer.Call(input.Detach(), training: true);
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"layers forward_ms={totalForward:F2} backward_ms={totalBackward:F2} batch={batch.Shape[0]}"));
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        int n = values.Count;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }
}
