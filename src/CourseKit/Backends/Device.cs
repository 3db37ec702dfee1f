using CourseKit.Backends.Cpu;
using CourseKit.Backends.Cuda;
using CourseKit.Backends.OpenCl;
using CourseKit.Backends.Reference;

namespace CourseKit;

/// <summary>
/// Where a tensor's numbers live and where its operations run. <see cref="Cpu"/> is the fast default;
/// <see cref="Reference"/> runs plain loops that are easy to check by hand. Move a tensor with
/// <c>x.To(Device.Reference)</c>, or change where new tensors go with <c>Device.Default = …</c>.
/// </summary>
[TypeFormatterSource(typeof(CourseKitFormatterSource))]   // how notebooks show it: see Interactive/
public sealed class Device
{
    private static Device? _default;

    private Device(string name, string description, Backends.IBackend backend)
    {
        Name = name;
        Description = description;
        Backend = backend;
    }

    /// <summary>Short name, e.g. <c>"cpu"</c>; <see cref="Parse"/> accepts it.</summary>
    public string Name { get; }

    /// <summary>One line for people: what the device is.</summary>
    public string Description { get; }

    internal Backends.IBackend Backend { get; }

    /// <summary>The fast CPU backend: SIMD kernels and all cores.</summary>
    public static Device Cpu { get; } = new("cpu",
        $"CPU, {Environment.ProcessorCount} cores, {CpuBackend.InstructionSet}", new CpuBackend());

    /// <summary>Plain scalar loops: slow, obviously correct, used to cross-check the other devices.</summary>
    public static Device Reference { get; } = new("reference", "reference loops on the CPU (for checking)", new ReferenceBackend());

    /// <summary>
    /// The device new tensors are created on. Starts as the device named by the environment variable
    /// <c>COURSEKIT_DEVICE</c> if set, otherwise <see cref="Cpu"/>.
    /// </summary>
    public static Device Default
    {
        get => _default ??= FromEnvironment();
        set => _default = value ?? throw new ArgumentNullException(nameof(value), "Device.Default cannot be null; use Device.Cpu to go back to the default.");
    }

    /// <summary>Every device this machine offers: Cpu, Reference, then any CUDA GPUs, then any OpenCL devices.</summary>
    public static IReadOnlyList<Device> List() => [Cpu, Reference, .. CudaDevicesFound(), .. OpenClDevices()];

    /// <summary>Waits until everything queued on this device has finished. GPU devices queue their work and return at once,
    /// so call this before reading a stopwatch (reading numbers back, e.g. <c>ToArray()</c> or <c>Item()</c>, waits too).</summary>
    public void Synchronize()
    {
        if (Backend is Backends.Gpu.GpuBackend gpu) gpu.Synchronize();
    }

    private static readonly object CudaGate = new();
    private static readonly Dictionary<int, Device> CudaCache = new();

    /// <summary>The NVIDIA GPU number <paramref name="index"/> through CUDA (the driver API, NVRTC-compiled kernels and
    /// cuBLAS): <c>model.To(Device.Cuda())</c>.</summary>
    /// <exception cref="InvalidOperationException">There is no such CUDA device; the message says why (no driver, no GPU,
    /// no NVRTC) and what to use instead.</exception>
    public static Device Cuda(int index = 0)
    {
        lock (CudaGate)
        {
            if (CudaCache.TryGetValue(index, out var cached)) return cached;
            var (devices, summary) = CudaDevices.Discover();
            if (index < 0 || index >= devices.Count)
                throw new InvalidOperationException(devices.Count == 0
                    ? $"No CUDA device: {summary}. CUDA needs an NVIDIA GPU and its driver; on this machine use Device.Cpu " +
                      "or an OpenCL device (Device.List() shows what there is)."
                    : $"There is no CUDA device {index}: {devices.Count} found ({string.Join(", ", devices.Select(d => d.Name))}).");
            var info = devices[index];
            var backend = new CudaBackend(info);
            var device = new Device(index == 0 ? "cuda" : $"cuda:{index}",
                $"CUDA: {info.Name} (compute {info.Major}.{info.Minor}, {info.Multiprocessors} SMs, {info.TotalMemory / (1 << 20)} MiB, " +
                $"driver {info.DriverVersionText}, NVRTC {CudaCompiler.Version}, {backend.BlasStatus})",
                backend);
            CudaCache[index] = device;
            return device;
        }
    }

    private static IEnumerable<Device> CudaDevicesFound()
    {
        var found = new List<Device>();
        try
        {
            int count = CudaDevices.Discover().Devices.Count;
            for (int i = 0; i < count; i++) found.Add(Cuda(i));
        }
        catch (Exception) { /* discovery or context creation failed: no CUDA devices */ }
        return found;
    }

    private static readonly object OpenClGate = new();
    private static readonly Dictionary<int, Device> OpenClCache = new();

    /// <summary>The OpenCL device number <paramref name="index"/> (counting every device of every platform), e.g. a GPU,
    /// or a CPU through POCL.</summary>
    /// <exception cref="InvalidOperationException">There is no such OpenCL device; the message says what was searched.</exception>
    public static Device OpenCl(int index = 0)
    {
        lock (OpenClGate)
        {
            if (OpenClCache.TryGetValue(index, out var cached)) return cached;
            var (devices, summary) = OpenClPlatforms.Discover();
            if (index < 0 || index >= devices.Count)
                throw new InvalidOperationException(devices.Count == 0
                    ? $"No OpenCL device found: {summary}. Install an OpenCL driver (on Debian/Ubuntu: ocl-icd-libopencl1 and pocl-opencl-icd)."
                    : $"There is no OpenCL device {index}: {devices.Count} found ({summary}).");
            var info = devices[index];
            var device = new Device(index == 0 ? "opencl" : $"opencl:{index}",
                $"OpenCL: {info.DeviceName} ({info.PlatformName}, {info.ComputeUnits} compute units, {info.GlobalMemory / (1 << 20)} MiB)",
                new OpenClBackend(info));
            OpenClCache[index] = device;
            return device;
        }
    }

    private static IEnumerable<Device> OpenClDevices()
    {
        var found = new List<Device>();
        try
        {
            int count = OpenClPlatforms.Discover().Devices.Count;
            for (int i = 0; i < count; i++) found.Add(OpenCl(i));
        }
        catch (Exception) { /* discovery or context creation failed: no OpenCL devices */ }
        return found;
    }

    /// <summary>Finds a device by name (<c>"cpu"</c>, <c>"reference"</c>, <c>"cuda"</c>, <c>"cuda:1"</c>, <c>"opencl"</c> or <c>"opencl:1"</c>; case-insensitive).</summary>
    /// <exception cref="ArgumentException">No device has that name; the message lists the valid names.</exception>
    public static Device Parse(string name)
    {
        var trimmed = name?.Trim() ?? "";
        // the CPU devices by name first: finding the GPUs loads their drivers, which a CPU run need not pay for
        foreach (var device in new[] { Cpu, Reference })
            if (string.Equals(device.Name, trimmed, StringComparison.OrdinalIgnoreCase)) return device;
        foreach (var (prefix, open) in new (string, Func<int, Device>)[] { ("opencl", OpenCl), ("cuda", Cuda) })
        {
            if (!trimmed.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) continue;
            var rest = trimmed[prefix.Length..];
            int index = 0;
            if (rest.Length == 0 || rest[0] == ':' && int.TryParse(rest[1..], out index))
            {
                try { return open(index); }
                catch (InvalidOperationException e) { throw new ArgumentException($"Device '{name}': {e.Message}", nameof(name), e); }
            }
        }
        foreach (var device in List())
            if (string.Equals(device.Name, trimmed, StringComparison.OrdinalIgnoreCase)) return device;
        throw new ArgumentException(
            $"Unknown device '{name}'. Valid names on this machine: {string.Join(", ", List().Select(d => d.Name))}.", nameof(name));
    }

    private static Device FromEnvironment()
    {
        var name = Environment.GetEnvironmentVariable("COURSEKIT_DEVICE");
        if (string.IsNullOrWhiteSpace(name)) return Cpu;
        try { return Parse(name); }
        catch (ArgumentException e)
        {
            throw new InvalidOperationException($"The environment variable COURSEKIT_DEVICE is '{name}'. {e.Message}", e);
        }
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}
