namespace CourseKit.Tests.Tensors;

/// <summary>
/// The devices every computing test runs on: <c>[Theory] [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]</c>
/// gives one test case per device name; turn it into a device with <see cref="Device.Parse"/>.
/// </summary>
public static class Devices
{
    public static IEnumerable<object[]> All => [["cpu"], ["reference"]];
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
