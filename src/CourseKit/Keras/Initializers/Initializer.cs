namespace CourseKit;

/// <summary>How a layer's weights get their first values (Keras's initializers). <c>"glorot_uniform"</c> and
/// <c>new GlorotUniform()</c> mean the same; <see cref="Get(string)"/> turns a name into an initializer.</summary>
public abstract partial class Initializer
{
    /// <summary>A new tensor of <paramref name="shape"/> with this initializer's values.</summary>
    public abstract Tensor Create(int[] shape);

    /// <summary>Keras's config of this initializer, for saving.</summary>
    public virtual Dictionary<string, object?> GetConfig() => [];
}
