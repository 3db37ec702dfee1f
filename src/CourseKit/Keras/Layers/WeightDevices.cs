namespace CourseKit;

/// <summary>The check layers with weights make before computing: data and weights must live on the same device.</summary>
internal static class WeightDevices
{
    /// <summary>Fails with advice when <paramref name="inputs"/> are not on the device of <paramref name="weight"/>.</summary>
    public static void Require(Layer layer, Tensor inputs, Variable weight)
    {
        var device = weight.Value.Device;
        if (inputs.Device == device) return;
        string name = char.ToUpperInvariant(device.Name[0]) + device.Name[1..];
        throw new ArgumentException(
            $"Layer \"{layer.Name}\": the input is on {inputs.Device.Name} but the layer's weights are on {device.Name} (weights are made on " +
            $"Device.Default when the layer is built). Move the data with x.To(Device.{name}), or set Device.Default before building the layers.");
    }
}
