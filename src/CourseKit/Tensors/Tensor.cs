using CourseKit.Backends;

namespace CourseKit;

/// <summary>
/// An n-dimensional array of float32 numbers (like a NumPy array or a Keras tensor) that can remember how it was
/// computed, so that gradients flow back through it (<see cref="Backward"/>).
/// </summary>
/// <remarks>
/// Numbers are stored row-major: the last axis varies fastest. A tensor never changes its shape; operations return
/// new tensors. Create one from a C# array (<c>Tensor.FromArray(new float[,] {{1, 2}, {3, 4}})</c>) or with
/// <see cref="Zeros"/>, <see cref="Ones"/>, <see cref="RandomNormal"/> and friends.
/// </remarks>
public sealed partial class Tensor : IDisposable
{
    private readonly int[] _shape;
    private readonly int _size;
    private DeviceBuffer? _buffer;

    internal Tensor(DeviceBuffer buffer, int[] shape, Device device)
    {
        _size = ShapeMath.Size(shape);
        if (_size == 0)
            throw new ShapeException($"Tensor: shape {ShapeMath.Format(shape)} has no elements; CourseKit tensors hold at least one number. " +
                                     "Check the slice or the data you passed.");
        _buffer = buffer;
        buffer.Retain();
        _shape = shape;
        Device = device;
        TensorScope.Track(this);
    }

    internal DeviceBuffer Buffer => _buffer ?? throw new ObjectDisposedException(nameof(Tensor),
        $"This tensor{(Name is null ? "" : $" ('{Name}')")} of shape {ShapeMath.Format(_shape)} was disposed: its memory went back to " +
        $"the device, so its numbers are gone. Keep a copy with .Clone() (or .ToArray()) before disposing it.");

    /// <summary>Whether <see cref="Dispose"/> was called.</summary>
    public bool IsDisposed => _buffer is null;

    /// <summary>
    /// Frees the tensor's memory now instead of when the garbage collector gets to it — on a GPU it goes straight back to
    /// the device's pool for the next tensor. Training (<c>Fit</c>) does this for every intermediate result by itself;
    /// call it in your own loops over large GPU tensors. Using the tensor afterwards is an error.
    /// </summary>
    public void Dispose()
    {
        Interlocked.Exchange(ref _buffer, null)?.Release();
    }

    /// <summary>The device whose memory holds the numbers and whose backend runs the operations.</summary>
    public Device Device { get; }

    internal IBackend Backend => Device.Backend;

    /// <summary>
    /// The size of each axis: <c>(60000, 28, 28)</c> for the MNIST training images, <c>(3,)</c> for a vector of three
    /// numbers, <c>()</c> for a scalar — printed as NumPy and Keras print <c>x.shape</c>. Index it like an array
    /// (<c>x.Shape[0]</c>) or pass it where an <c>int[]</c> is expected.
    /// </summary>
    public Shape Shape => new(_shape);

    internal int[] ShapeView => _shape;

    /// <summary>Number of axes: 0 for a scalar, 1 for a vector, 2 for a matrix, …</summary>
    public int Rank => _shape.Length;

    /// <summary>Number of elements (the product of the shape).</summary>
    public int Size => _size;

    /// <summary>An optional label (e.g. <c>"W1"</c>) used when the tensor is printed or drawn in a computational graph.</summary>
    public string? Name { get; set; }

    /// <summary>Sets <see cref="Name"/> and returns the tensor, for one-liners: <c>var x = Tensor.Scalar(-2).Named("x");</c>.</summary>
    public Tensor Named(string name)
    {
        Name = name;
        return this;
    }

    /// <summary>All the numbers, row-major, in a new array.</summary>
    public float[] ToArray()
    {
        var data = new float[Size];
        Backend.Download(Buffer, data);
        return data;
    }

    /// <summary>The numbers of a matrix as <c>float[rows, columns]</c>.</summary>
    public float[,] ToArray2D() => (float[,])ToMultiArray(2);

    /// <summary>The numbers of a rank-3 tensor as <c>float[,,]</c>.</summary>
    public float[,,] ToArray3D() => (float[,,])ToMultiArray(3);

    /// <summary>The numbers of a rank-4 tensor as <c>float[,,,]</c> (e.g. a batch of NHWC images).</summary>
    public float[,,,] ToArray4D() => (float[,,,])ToMultiArray(4);

    private Array ToMultiArray(int rank)
    {
        if (Rank != rank)
            throw new ShapeException($"ToArray{rank}D: the tensor has shape {ShapeMath.Format(_shape)} (rank {Rank}), not rank {rank}; " +
                                     $"use ToArray() for the flat numbers or Reshape first.");
        var result = Array.CreateInstance(typeof(float), _shape);
        System.Buffer.BlockCopy(ToArray(), 0, result, 0, Size * sizeof(float));
        return result;
    }

    /// <summary>The single number of a tensor with one element (a loss, an accuracy, …).</summary>
    /// <exception cref="InvalidOperationException">The tensor holds more than one number.</exception>
    public float Item()
    {
        if (Size != 1)
            throw new InvalidOperationException($"Item(): the tensor has shape {ShapeMath.Format(_shape)} ({Size} elements); Item() needs exactly one. " +
                                                "Reduce it first (e.g. .Sum() or .Mean()) or index one element (x[0, 1]).");
        return ToArray()[0];
    }

    /// <summary>A copy of this tensor on <paramref name="device"/> (the tensor itself if it is already there).
    /// The copy is a new leaf: gradients do not flow back through a device move.</summary>
    public Tensor To(Device device)
    {
        ArgumentNullException.ThrowIfNull(device);
        if (device == Device) return this;
        return new Tensor(device.Backend.Upload(ToArray()), Shape, device) { Name = Name, RequiresGrad = RequiresGrad };
    }

    /// <summary>A new tensor with the same numbers that is not connected to any computational graph.</summary>
    public Tensor Detach() => NoGradient.Mark(new(Buffer, _shape, Device) { Name = Name }, "Detach", this);

    /// <summary>A copy with its own memory (and no graph).</summary>
    public Tensor Clone() => NoGradient.Mark(new(Backend.Upload(ToArray()), Shape, Device) { Name = Name }, "Clone", this);

    /// <summary>A fresh result buffer of <paramref name="shape"/> on this tensor's device, for an operation that writes
    /// every element: it is not cleared first.</summary>
    internal Tensor NewResult(int[] shape) => new(Allocate(Device, shape, overwrite: true), shape, Device);

    /// <summary>
    /// Memory for a tensor of <paramref name="shape"/> on <paramref name="device"/>. When the CPU cannot give it, the
    /// error names the shape, the size and what to change (the GPU backends' own errors already do).
    /// </summary>
    internal static DeviceBuffer Allocate(Device device, int[] shape, bool overwrite = false)
    {
        int size = ShapeMath.Size(shape);
        try
        {
            return overwrite ? device.Backend.AllocateForOverwrite(size) : device.Backend.Allocate(size);
        }
        catch (OutOfMemoryException e) when (e is not DeviceOutOfMemoryException)
        {
            throw DeviceOutOfMemoryException.ForTensor(device, shape, e);
        }
    }

    /// <summary>
    /// A host array for the numbers of a tensor of <paramref name="shape"/> that is filled here before it moves to
    /// <paramref name="device"/> (random numbers, ranges), with the same error as <see cref="Allocate"/> when the memory
    /// is not there.
    /// </summary>
    internal static float[] HostArray(int[] shape, Device? device)
    {
        int size = ShapeMath.Size(shape);
        try
        {
            return new float[size];
        }
        catch (OutOfMemoryException e)
        {
            throw DeviceOutOfMemoryException.ForTensor(device ?? Device.Default, shape, e);
        }
    }
}
