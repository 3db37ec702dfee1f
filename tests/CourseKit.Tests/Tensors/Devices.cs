namespace CourseKit.Tests.Tensors;

/// <summary>
/// The devices every computing test runs on: <c>[Theory] [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]</c>
/// gives one test case per device name; turn it into a device with <see cref="Device.Parse"/>.
/// </summary>
public static class Devices
{
    public static IEnumerable<object[]> All => Names.Select(name => new object[] { name });

    /// <summary>cpu, reference, and the first OpenCL device when this machine has one (POCL in CI): the same tests run
    /// on every backend.</summary>
    public static IReadOnlyList<string> Names { get; } =
        ["cpu", "reference", .. Device.List().Where(d => d.Name.StartsWith("opencl", StringComparison.Ordinal)).Take(1).Select(d => d.Name)];
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
