using CourseKit.Backends;

namespace CourseKit;

/// <summary>2-D convolution and pooling on NHWC images (batch, height, width, channels), as Keras lays them out.</summary>
public sealed partial class Tensor
{
    /// <summary>
    /// Slides <paramref name="kernel"/> (kernelHeight, kernelWidth, inChannels, filters) over this batch of images and, at
    /// each position, sums the products of the overlapping numbers (cross-correlation, as Keras's Conv2D). <paramref name="padding"/>
    /// is "valid" (no padding: the output shrinks) or "same" (zero padding so that with stride 1 the output keeps the size).
    /// Implemented as im2col (each window unrolled into a row) followed by one matrix product.
    /// </summary>
    public Tensor Conv2D(Tensor kernel, (int Height, int Width)? strides = null, string padding = "valid") =>
        Conv2DLayer(kernel, strides, padding, null, Activations.Linear);

    /// <summary>
    /// A Conv2D layer's whole forward pass, <paramref name="activation"/>(conv(this, kernel) + bias), with the bias
    /// (one per filter) and activation applied to each block of the product while it is in cache, recorded as one node
    /// ("conv2d_bias_add_relu", …). Activations without a fused form are applied afterwards.
    /// </summary>
    internal Tensor Conv2DLayer(Tensor kernel, (int Height, int Width)? strides, string padding, Tensor? bias, ActivationFunction activation)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        SameDevice("Conv2D", this, kernel);
        RequireImages("Conv2D");
        if (kernel.Rank != 4)
            throw new ShapeException($"Conv2D: the kernel has shape {ShapeMath.Format(kernel._shape)}; it needs rank 4: (kernelHeight, kernelWidth, inChannels, filters).");
        if (kernel._shape[2] != _shape[3])
            throw new ShapeException($"Conv2D: the images have {_shape[3]} channels (shape {ShapeMath.Format(_shape)}) but the kernel {ShapeMath.Format(kernel._shape)} expects {kernel._shape[2]}; " +
                                     "the kernel's third axis must equal the images' last axis.");
        var w = Window("Conv2D", kernel._shape[0], kernel._shape[1], strides ?? (1, 1), padding);
        int filters = kernel._shape[3];
        var f = Fusable(activation);
        if (f is null || bias is not null && !IsBiasFor(bias, filters))
            return Conv2D(kernel, strides, padding).BiasActivation(bias, activation);

        // im2col (each window unrolled into a row of `patch` numbers) and one product with the kernel, done by the
        // backend a few images at a time; the bias and activation are applied to each block of the product.
        var y = NewResult([w.Batch, w.OutHeight, w.OutWidth, filters]);
        bool kernelGradient = Autograd.IsGradEnabled && kernel.RequiresGrad;
        var kept = Backend.Conv2DForward(Buffer, kernel.Buffer, bias?.Buffer, f.Value, w, filters, y.Buffer, keepWindows: kernelGradient);
        // Windows a backend kept for the kernel gradient live in a tensor, so they are freed with the step's tensors.
        var windows = kept is null ? null : new Tensor(kept, [w.Batch * w.OutHeight * w.OutWidth, w.KernelHeight * w.KernelWidth * w.Channels], Device);
        string op = "conv2d" + (bias is null ? "" : "_bias_add") + (f == FusedActivation.Linear ? "" : "_" + activation.Name);
        return Record(y, op, bias is null ? [this, kernel] : [this, kernel, bias], g =>
        {
            var (dz, dbias) = BiasActivationGradients(f.Value, y, g, bias);
            Tensor? dx = null, dkernel = null;
            if (RequiresGrad)
            {
                // ∂/∂image: each output gradient times the kernel is a gradient for every tap of its window (dz·Kᵀ),
                // and col2im adds the taps back onto the pixels they came from.
                dx = NewResult(_shape);
                Backend.Conv2DInputGradient(dz.Buffer, kernel.Buffer, w, filters, dx.Buffer);
            }
            if (kernel.RequiresGrad)
            {
                // ∂/∂kernel: every window's numbers times its output gradient, summed over the windows (im2colᵀ·dz).
                dkernel = kernel.NewResult(kernel._shape);
                Backend.Conv2DKernelGradient(Buffer, windows?.Buffer, dz.Buffer, w, filters, dkernel.Buffer);
            }
            return bias is null ? [dx, dkernel] : [dx, dkernel, dbias];
        });
    }

    /// <summary>The largest value of each window, per channel (Keras's MaxPooling2D; strides default to the pool size).
    /// The gradient goes only to each window's largest element.</summary>
    public Tensor MaxPool2D((int Height, int Width)? poolSize = null, (int Height, int Width)? strides = null, string padding = "valid")
    {
        RequireImages("MaxPool2D");
        var pool = poolSize ?? (2, 2);
        var w = Window("MaxPool2D", pool.Height, pool.Width, strides ?? pool, padding);
        var y = NewResult([w.Batch, w.OutHeight, w.OutWidth, w.Channels]);
        var argmax = NewResult(y._shape);
        Backend.MaxPool(Buffer, w, y.Buffer, argmax.Buffer);
        return Record(y, "max_pool2d", [this], g =>
        {
            var dx = NewResult(_shape); // the backward primitives write every pixel
            Backend.MaxPoolBackward(g.Buffer, argmax.Buffer, w, dx.Buffer);
            return [dx];
        });
    }

    /// <summary>The mean of each window, per channel (Keras's AveragePooling2D; with "same" padding only the positions
    /// inside the image count). The gradient is shared equally among each window's elements.</summary>
    public Tensor AvgPool2D((int Height, int Width)? poolSize = null, (int Height, int Width)? strides = null, string padding = "valid")
    {
        RequireImages("AvgPool2D");
        var pool = poolSize ?? (2, 2);
        var w = Window("AvgPool2D", pool.Height, pool.Width, strides ?? pool, padding);
        var y = NewResult([w.Batch, w.OutHeight, w.OutWidth, w.Channels]);
        Backend.AvgPool(Buffer, w, y.Buffer);
        return Record(y, "avg_pool2d", [this], g =>
        {
            var dx = NewResult(_shape); // the backward primitives write every pixel
            Backend.AvgPoolBackward(g.Buffer, w, dx.Buffer);
            return [dx];
        });
    }

    private void RequireImages(string op)
    {
        if (Rank == 4) return;
        string hint = Rank switch
        {
            2 => $" For one grey image use x.Reshape(1, {_shape[0]}, {_shape[1]}, 1).",
            3 => $" For a batch of grey images use x.Reshape({_shape[0]}, {_shape[1]}, {_shape[2]}, 1) (add the channel axis).",
            _ => "",
        };
        throw new ShapeException($"{op}: expected a rank-4 batch of images (batch, height, width, channels), got shape {ShapeMath.Format(_shape)}.{hint}");
    }

    /// <summary>
    /// Window geometry with Keras's padding rules. "valid": out = ⌊(in − k) / s⌋ + 1. "same": out = ⌈in / s⌉, with
    /// max((out − 1)·s + k − in, 0) zeros added, the smaller half on top/left (as TensorFlow does).
    /// </summary>
    private Window2D Window(string op, int kh, int kw, (int Height, int Width) strides, string padding)
    {
        int n = _shape[0], h = _shape[1], wd = _shape[2], c = _shape[3];
        if (kh < 1 || kw < 1) throw new ArgumentException($"{op}: window size ({kh}, {kw}) must be positive.");
        if (strides.Height < 1 || strides.Width < 1) throw new ArgumentException($"{op}: strides ({strides.Height}, {strides.Width}) must be positive.", nameof(strides));
        switch (padding?.ToLowerInvariant())
        {
            case "valid":
                if (kh > h || kw > wd)
                    throw new ShapeException($"{op}: the {kh}×{kw} window does not fit in the {h}×{wd} images with padding \"valid\"; " +
                                             "use padding: \"same\" or a smaller window.");
                int vh = (h - kh) / strides.Height + 1, vw = (wd - kw) / strides.Width + 1;
                return new Window2D(n, h, wd, c, kh, kw, strides.Height, strides.Width, 0, 0, vh, vw);
            case "same":
                int oh = (h + strides.Height - 1) / strides.Height, ow = (wd + strides.Width - 1) / strides.Width;
                int padH = Math.Max((oh - 1) * strides.Height + kh - h, 0), padW = Math.Max((ow - 1) * strides.Width + kw - wd, 0);
                return new Window2D(n, h, wd, c, kh, kw, strides.Height, strides.Width, padH / 2, padW / 2, oh, ow);
            default:
                throw new ArgumentException($"{op}: padding must be \"valid\" or \"same\", got \"{padding}\"." +
                                            NameLookup.DidYouMean(padding, ["valid", "same"]), nameof(padding));
        }
    }
}
