namespace CourseKit;

public static partial class Preprocessing
{
    /// <summary>
    /// Scales pixel values from 0–255 to 0–1 by dividing by 255, like Keras's <c>Rescaling(1/255)</c> layer or the
    /// <c>x_train / 255.0</c> of the Keras examples. Networks train much better on small inputs: with raw 0–255 values the
    /// first layer's sums are huge, and so are its gradients.
    /// </summary>
    /// <param name="images">Pixel values 0–255 of any shape, e.g. (n, 28, 28) for MNIST.</param>
    /// <returns>The same shape with values in 0–1.</returns>
    /// <remarks>Normalising twice is a common slip: values would end up in 0–0.004 and training would crawl. This
    /// method cannot tell an already normalised image (values 0–1) from a very dark one, so call it once, on the raw
    /// images; it does catch values outside 0–255 (e.g. standardised images with negative values).</remarks>
    /// <exception cref="ArgumentException">Some values are below 0 or above 255.</exception>
    public static Tensor NormalizeImages(Tensor images)
    {
        ArgumentNullException.ThrowIfNull(images);
        // The range is checked on the device, without a copy of the images; only a bad value is looked for in one.
        float lowest = images.Min().Item(), highest = images.Max().Item();
        if (lowest < 0 || highest > 255)
        {
            var values = images.ToArray();
            int bad = Array.IndexOf(values, lowest < 0 ? lowest : highest);
            throw new ArgumentException(
                $"NormalizeImages: the values run from {Number(lowest)} to {Number(highest)} (e.g. {Number(values[bad])} at {Position(bad, images.Shape)}), " +
                "but raw pixel values lie in 0–255. These images are probably already normalised or standardised: use them as they are.", nameof(images));
        }
        return images / 255f;
    }
}
