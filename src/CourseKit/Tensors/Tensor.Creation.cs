namespace CourseKit;

public sealed partial class Tensor
{
    /// <summary>
    /// A tensor with the numbers and shape of a C# array of any rank: <c>float[]</c>, <c>float[,]</c>, <c>double[,,]</c>,
    /// <c>int[,]</c>, … (stored as float32, like Keras).
    /// </summary>
    /// <exception cref="ArgumentException">The array is empty, is not numeric, or contains NaN or infinity.</exception>
    public static Tensor FromArray(Array values, Device? device = null, bool requiresGrad = false)
    {
        ArgumentNullException.ThrowIfNull(values);
        var shape = new int[values.Rank];
        for (int d = 0; d < shape.Length; d++) shape[d] = values.GetLength(d);
        if (values.Length == 0)
            throw new ArgumentException($"Tensor.FromArray: the array has shape {ShapeMath.Format(shape)} and no elements; a tensor needs at least one number.", nameof(values));

        var data = new float[values.Length];
        switch (values)
        {
            case float[] f: f.CopyTo(data, 0); break;
            default:
                int i = 0;
                foreach (object v in values)
                    data[i++] = v switch
                    {
                        float f => f,
                        double d => (float)d,
                        int n => n,
                        long n => n,
                        short n => n,
                        byte n => n,
                        sbyte n => n,
                        bool b => b ? 1f : 0f,
                        _ => throw new ArgumentException(
                            $"Tensor.FromArray: elements of type {v?.GetType().Name ?? "null"} are not numbers; use float, double, int, long, short, byte or bool.", nameof(values)),
                    };
                break;
        }
        return FromData(data, shape, device, requiresGrad);
    }

    /// <summary>Same as <see cref="FromArray"/>: <c>new Tensor(new float[,] {{1, 2}, {3, 4}})</c>.</summary>
    public Tensor(Array values, Device? device = null, bool requiresGrad = false) : this(FromArray(values, device, requiresGrad)) { }

    private Tensor(Tensor other) : this(other.Buffer, other._shape, other.Device) => RequiresGrad = other.RequiresGrad;

    /// <summary>Lets a C# array stand wherever a tensor is expected: <c>Tensor x = new float[,] {{1, 2}, {3, 4}};</c>
    /// (copied to <see cref="Device.Default"/>).</summary>
    public static implicit operator Tensor(float[] values) => FromArray(values);
    public static implicit operator Tensor(float[,] values) => FromArray(values);
    public static implicit operator Tensor(float[,,] values) => FromArray(values);
    public static implicit operator Tensor(float[,,,] values) => FromArray(values);
    public static implicit operator Tensor(double[] values) => FromArray(values);
    public static implicit operator Tensor(double[,] values) => FromArray(values);

    /// <summary>A tensor of <paramref name="shape"/> holding <paramref name="data"/> (row-major, the last axis fastest).</summary>
    /// <exception cref="ArgumentException">The data length does not match the shape, or the data contains NaN or infinity.</exception>
    public static Tensor FromData(float[] data, int[] shape, Device? device = null, bool requiresGrad = false)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(shape);
        CheckShape(shape, "Tensor.FromData");
        if (ShapeMath.Size(shape) != data.Length)
            throw new ShapeException($"Tensor.FromData: {data.Length} numbers cannot fill shape {ShapeMath.Format(shape)}, which holds {ShapeMath.Size(shape)}.");
        CheckFinite(data, shape);
        device ??= Device.Default;
        return new Tensor(device.Backend.Upload(data), (int[])shape.Clone(), device) { RequiresGrad = requiresGrad };
    }

    /// <summary>A tensor whose numbers are <paramref name="data"/>, an array the caller has just filled and lets go of:
    /// on the CPU it becomes the tensor's memory as it is, without the copy <see cref="FromData"/> makes (a dataset of
    /// 60,000 images is 188 MB); other devices get it uploaded. The numbers are not checked.</summary>
    internal static Tensor Adopt(float[] data, int[] shape, Device? device = null)
    {
        device ??= Device.Default;
        var buffer = device.Backend is Backends.Reference.ReferenceBackend ? new Backends.HostBuffer(data) : device.Backend.Upload(data);
        return new Tensor(buffer, shape, device);
    }

    /// <summary>A tensor read back from a saved file, with its numbers exactly as saved: unlike <see cref="FromData"/>,
    /// NaN and infinity are kept (a model saved after its training diverged must load as it was).</summary>
    internal static Tensor Saved(float[] data, int[] shape) =>
        new(Device.Default.Backend.Upload(data), (int[])shape.Clone(), Device.Default);

    /// <summary>A rank-0 tensor holding one number.</summary>
    public static Tensor Scalar(float value, Device? device = null, bool requiresGrad = false) =>
        FromData([value], [], device, requiresGrad);

    /// <summary>A tensor of <paramref name="shape"/> filled with 0.</summary>
    public static Tensor Zeros(int[] shape, Device? device = null, bool requiresGrad = false) => Full(shape, 0f, device, requiresGrad);

    /// <summary>A tensor of <paramref name="shape"/> filled with 1.</summary>
    public static Tensor Ones(int[] shape, Device? device = null, bool requiresGrad = false) => Full(shape, 1f, device, requiresGrad);

    /// <summary>A tensor of <paramref name="shape"/> filled with <paramref name="value"/>.</summary>
    public static Tensor Full(int[] shape, float value, Device? device = null, bool requiresGrad = false)
    {
        ArgumentNullException.ThrowIfNull(shape);
        CheckShape(shape, "Tensor.Full");
        device ??= Device.Default;
        var t = new Tensor(Allocate(device, shape), (int[])shape.Clone(), device) { RequiresGrad = requiresGrad };
        if (value != 0) device.Backend.Fill(t.Buffer, value);
        return t;
    }

    /// <summary>A zero tensor with the shape and device of <paramref name="like"/>.</summary>
    public static Tensor ZerosLike(Tensor like) => Zeros(like._shape, like.Device);

    /// <summary>A tensor of ones with the shape and device of <paramref name="like"/>.</summary>
    public static Tensor OnesLike(Tensor like) => Ones(like._shape, like.Device);

    /// <summary>The numbers start, start + step, … up to but not including stop (like <c>np.arange</c>).</summary>
    public static Tensor Arange(float start, float stop, float step = 1, Device? device = null)
    {
        if (step == 0 || float.IsNaN(step)) throw new ArgumentException("Tensor.Arange: step must be a non-zero number.", nameof(step));
        int count = (int)Math.Ceiling((stop - start) / (double)step);
        if (count <= 0)
            throw new ArgumentException($"Tensor.Arange({start}, {stop}, step: {step}) gives no numbers; with a positive step, stop must be greater than start.", nameof(stop));
        var data = HostArray([count], device);
        for (int i = 0; i < count; i++) data[i] = (float)(start + i * (double)step);
        return FromData(data, [count], device);
    }

    /// <summary>0, 1, …, stop − 1.</summary>
    public static Tensor Arange(int stop, Device? device = null) => Arange(0, stop, 1, device);

    /// <summary><paramref name="count"/> evenly spaced numbers from start to stop, both included (like <c>np.linspace</c>).</summary>
    public static Tensor Linspace(float start, float stop, int count = 50, Device? device = null)
    {
        if (count < 1) throw new ArgumentException($"Tensor.Linspace: count must be at least 1, got {count}.", nameof(count));
        var data = HostArray([count], device);
        for (int i = 0; i < count; i++) data[i] = count == 1 ? start : (float)(start + (stop - (double)start) * i / (count - 1));
        return FromData(data, [count], device);
    }

    /// <summary>The identity matrix with <paramref name="rows"/> rows and <paramref name="columns"/> columns (square by default).</summary>
    public static Tensor Eye(int rows, int? columns = null, Device? device = null)
    {
        int cols = columns ?? rows;
        CheckShape([rows, cols], "Tensor.Eye");
        var data = HostArray([rows, cols], device);
        for (int i = 0; i < Math.Min(rows, cols); i++) data[i * cols + i] = 1;
        return FromData(data, [rows, cols], device);
    }

    private static void CheckShape(int[] shape, string op)
    {
        foreach (int d in shape)
            if (d <= 0)
                throw new ShapeException($"{op}: shape {ShapeMath.Format(shape)} has an axis of size {d}; every axis needs a size of at least 1.");
    }

    /// <summary>Rejects NaN and infinity in user data, naming the first bad position: a NaN that slips in here
    /// would otherwise surface much later as a NaN loss.</summary>
    private static void CheckFinite(float[] data, int[] shape)
    {
        int bad = Array.FindIndex(data, v => !float.IsFinite(v));
        if (bad < 0) return;
        var index = new int[shape.Length];
        int rest = bad;
        for (int d = shape.Length - 1; d >= 0; d--) { index[d] = rest % shape[d]; rest /= shape[d]; }
        throw new ArgumentException(
            $"The data contains {data[bad]} at index [{string.Join(", ", index)}]" +
            (data.Count(v => !float.IsFinite(v)) is var n && n > 1 ? $" (and {n - 1} more non-finite values)" : "") +
            ". Tensors need finite numbers: drop or fill in missing values (e.g. with the column mean) before creating the tensor.");
    }
}
