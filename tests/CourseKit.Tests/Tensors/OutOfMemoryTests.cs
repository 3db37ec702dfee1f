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

    [Fact]
    public void AnOperationsResultTooLargeForMemorySaysSoToo()
    {
        var column = Tensor.Zeros([40, 1], Device.Cpu);
        var e = Assert.ThrowsAny<OutOfMemoryException>(() => column.BroadcastTo(Huge));
        Assert.Contains("(40, 53687090)", e.Message);
        Assert.Contains("batch", e.Message);
    }
}
