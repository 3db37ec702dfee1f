namespace CourseKit.Tests.Tensors;

/// <summary>
/// The devices every computing test runs on: <c>[Theory] [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]</c>
/// gives one test case per device name; turn it into a device with <see cref="Device.Parse"/>.
/// </summary>
public static class Devices
{
    public static IEnumerable<object[]> All => Names.Select(name => new object[] { name });

    /// <summary>cpu, reference, cuda, and the first OpenCL device when this machine has one (POCL in CI): the same tests
    /// run on every backend. "cuda" is always listed: on a machine without an NVIDIA GPU its cases are reported as skipped,
    /// with the reason, never as passed.</summary>
    public static IReadOnlyList<string> Names { get; } =
        ["cpu", "reference", "cuda", .. Device.List().Where(d => d.Name.StartsWith("opencl", StringComparison.Ordinal)).Take(1).Select(d => d.Name)];

    /// <summary>Why there is no CUDA device here (null when there is one).</summary>
    public static string? CudaMissing { get; } = CudaReason();

    /// <summary>The device of that name, or a skip (with the reason) when it is a CUDA device this machine does not have.
    /// Tests that use it are <c>[SkippableTheory]</c>.</summary>
    public static Device Get(string name)
    {
        if (name.StartsWith("cuda", StringComparison.Ordinal)) Skip.If(CudaMissing is not null, CudaMissing);
        return Device.Parse(name);
    }

    private static string? CudaReason()
    {
        try
        {
            Device.Cuda();
            return null;
        }
        catch (InvalidOperationException e) { return e.Message; }
    }
}

/// <summary>
/// Tests that re-seed or draw from the global random generator (<see cref="Tensor.SetRandomSeed"/>) run alone, so that
/// a test running in parallel cannot draw numbers between the seeding and the check.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class GlobalRandomCollection
{
    public const string Name = "Global random generator";
}
