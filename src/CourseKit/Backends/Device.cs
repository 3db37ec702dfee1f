using CourseKit.Backends.Cpu;
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

    /// <summary>Every device this machine offers, the default first.</summary>
    public static IReadOnlyList<Device> List() => [Cpu, Reference];

    /// <summary>Finds a device by name (<c>"cpu"</c>, <c>"reference"</c>; case-insensitive).</summary>
    /// <exception cref="ArgumentException">No device has that name; the message lists the valid names.</exception>
    public static Device Parse(string name)
    {
        foreach (var device in List())
            if (string.Equals(device.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase)) return device;
        throw new ArgumentException(
            $"Unknown device '{name}'. Valid names: {string.Join(", ", List().Select(d => d.Name))}.", nameof(name));
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
