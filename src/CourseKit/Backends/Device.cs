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
    public static IReadOnlyList<Device> List() => [Cpu, Reference, .. CudaKind.All(), .. OpenClKind.All()];

    /// <summary>Waits until everything queued on this device has finished. GPU devices queue their work and return at once,
    /// so call this before reading a stopwatch (reading numbers back, e.g. <c>ToArray()</c> or <c>Item()</c>, waits too).</summary>
    public void Synchronize()
    {
        if (Backend is Backends.Gpu.GpuBackend gpu) gpu.Synchronize();
    }

    private static readonly GpuKind CudaKind = new("CUDA",
        () => CudaDevices.Discover() is var (devices, summary) ? (devices.Count, summary) : default,
        summary => $"No CUDA device: {summary}. CUDA needs an NVIDIA GPU and its driver; on this machine use Device.Cpu " +
                   "or an OpenCL device (Device.List() shows what there is).",
        index =>
        {
            var info = CudaDevices.Discover().Devices[index];
            var backend = new CudaBackend(info);
            return new Device(index == 0 ? "cuda" : $"cuda:{index}",
                $"CUDA: {info.Name} (compute {info.Major}.{info.Minor}, {info.Multiprocessors} SMs, {info.TotalMemory / (1 << 20)} MiB, " +
                $"driver {info.DriverVersionText}, NVRTC {CudaCompiler.Version}, {backend.BlasStatus})",
                backend);
        });

    private static readonly GpuKind OpenClKind = new("OpenCL",
        () => OpenClPlatforms.Discover() is var (devices, summary) ? (devices.Count, summary) : default,
        summary => $"No OpenCL device found: {summary}. Install an OpenCL driver (on Debian/Ubuntu: ocl-icd-libopencl1 and pocl-opencl-icd).",
        index =>
        {
            var info = OpenClPlatforms.Discover().Devices[index];
            return new Device(index == 0 ? "opencl" : $"opencl:{index}",
                $"OpenCL: {info.DeviceName} ({info.PlatformName}, {info.ComputeUnits} compute units, {info.GlobalMemory / (1 << 20)} MiB)",
                new OpenClBackend(info));
        });

    /// <summary>The NVIDIA GPU number <paramref name="index"/> through CUDA (the driver API, NVRTC-compiled kernels and
    /// cuBLAS): <c>model.To(Device.Cuda())</c>.</summary>
    /// <exception cref="InvalidOperationException">There is no such CUDA device; the message says why (no driver, no GPU,
    /// no NVRTC) and what to use instead.</exception>
    public static Device Cuda(int index = 0) => CudaKind.Get(index);

    /// <summary>The OpenCL device number <paramref name="index"/> (counting every device of every platform), e.g. a GPU,
    /// or a CPU through POCL.</summary>
    /// <exception cref="InvalidOperationException">There is no such OpenCL device; the message says what was searched.</exception>
    public static Device OpenCl(int index = 0) => OpenClKind.Get(index);

    /// <summary>The devices of one GPU API: discovered once, each opened (context, queue) once, on first use.</summary>
    private sealed class GpuKind(string api, Func<(int Count, string Summary)> discover, Func<string, string> noneFound, Func<int, Device> open)
    {
        private readonly Dictionary<int, Device> _opened = new();

        public Device Get(int index)
        {
            lock (_opened)
            {
                if (_opened.TryGetValue(index, out var device)) return device;
                var (count, summary) = discover();
                if (index < 0 || index >= count)
                    throw new InvalidOperationException(count == 0 ? noneFound(summary) : $"There is no {api} device {index}: {count} found ({summary}).");
                return _opened[index] = open(index);
            }
        }

        /// <summary>Every device of this API that opens; none when discovery or opening fails.</summary>
        public IReadOnlyList<Device> All()
        {
            var found = new List<Device>();
            try
            {
                for (int i = 0; i < discover().Count; i++) found.Add(Get(i));
            }
            catch (Exception) { /* discovery or context creation failed: no devices of this API */ }
            return found;
        }
    }

    /// <summary>Finds a device by name (<c>"cpu"</c>, <c>"reference"</c>, <c>"cuda"</c>, <c>"cuda:1"</c>, <c>"opencl"</c> or
    /// <c>"opencl:1"</c>), or a GPU by a part of its description such as its model (<c>"H100"</c>); case-insensitive.</summary>
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
        var all = List();
        foreach (var device in all)
            if (string.Equals(device.Name, trimmed, StringComparison.OrdinalIgnoreCase)) return device;
        // a part of a GPU's description, e.g. "H100", "Radeon" or "pocl", picks that GPU when it is the only one matching
        var described = trimmed.Length == 0 ? [] : all.Skip(2).Where(d => d.Description.Contains(trimmed, StringComparison.OrdinalIgnoreCase)).ToList();
        if (described.Count == 1) return described[0];
        throw new ArgumentException(described.Count > 1
            ? $"Device '{name}' matches {described.Count} devices ({string.Join("; ", described.Select(d => $"{d.Name}: {d.Description}"))}); use one of their names."
            : $"Unknown device '{name}'. Valid names on this machine: {string.Join(", ", all.Select(d => d.Name))} " +
              "(or a part of a GPU's description, e.g. its model).", nameof(name));
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
