using CourseKit.Backends;

namespace CourseKit.Tests.Tensors;

/// <summary>A tensor too large for memory is refused with the shape, the size and what to change, not with .NET's bare
/// OutOfMemoryException. (2,147,483,600 floats is beyond the largest array .NET allocates, so the refusal is immediate
/// and the same on every machine.)</summary>
public class OutOfMemoryTests
{
    private static readonly int[] Huge = [40, 53_687_090];

    [Theory]
    [InlineData("cpu")]
    [InlineData("reference")]
    public void ATensorTooLargeForMemorySaysHowMuchWasAskedFor(string device)
    {
        var e = Assert.ThrowsAny<OutOfMemoryException>(() => Tensor.Zeros(Huge, Device.Parse(device)));
        Assert.Contains("(40, 53687090)", e.Message);
        Assert.Contains("8192.0 MB", e.Message);
        Assert.Contains(DeviceOutOfMemoryException.Hint, e.Message);
        var typed = Assert.IsAssignableFrom<DeviceOutOfMemoryException>(e);
        Assert.Equal(40L * 53_687_090 * sizeof(float), typed.RequestedBytes);
    }

    public static IEnumerable<object[]> RandomTensors() =>
    [
        ["RandomNormal", (Func<Device, Tensor>)(d => Tensor.RandomNormal(Huge, device: d))],
        ["RandomUniform", (Func<Device, Tensor>)(d => Tensor.RandomUniform(Huge, device: d))],
        ["TruncatedNormal", (Func<Device, Tensor>)(d => Tensor.TruncatedNormal(Huge, device: d))],
        ["GlorotUniform", (Func<Device, Tensor>)(d => Tensor.GlorotUniform(Huge, device: d))],
        ["HeNormal", (Func<Device, Tensor>)(d => Tensor.HeNormal(Huge, seed: 1, device: d))],
    ];

    [Theory]
    [MemberData(nameof(RandomTensors))]
    public void ARandomTensorTooLargeForMemorySaysSoToo(string kind, Func<Device, Tensor> create)
    {
        foreach (var device in new[] { Device.Cpu, Device.Reference })
        {
            var e = Assert.ThrowsAny<OutOfMemoryException>(() => create(device));
            Assert.True(e is DeviceOutOfMemoryException, $"{kind} on {device.Name}: {e.Message}");
            Assert.Contains("(40, 53687090)", e.Message);
            Assert.Contains(DeviceOutOfMemoryException.Hint, e.Message);
        }
    }

    [Fact]
    public void ARangeTooLargeForMemorySaysSoToo()
    {
        var e = Assert.ThrowsAny<OutOfMemoryException>(() => Tensor.Arange(0, 2_147_483_600f, device: Device.Reference));
        Assert.IsAssignableFrom<DeviceOutOfMemoryException>(e);
        Assert.Contains(DeviceOutOfMemoryException.Hint, e.Message);
    }

    [Fact]
    public void AnOperationsResultTooLargeForMemorySaysSoToo()
    {
        var column = Tensor.Zeros([40, 1], Device.Cpu);
        var e = Assert.ThrowsAny<OutOfMemoryException>(() => column.BroadcastTo(Huge));
        Assert.Contains("(40, 53687090)", e.Message);
        Assert.Contains("batch", e.Message);
    }
}
