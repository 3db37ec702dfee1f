using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace CourseKit;

/// <summary>
/// The size of each axis of a tensor — what NumPy and Keras call its shape. It prints the way they do:
/// <c>(60000, 28, 28)</c> for the MNIST training images, <c>(3,)</c> for a vector of three numbers (the comma says
/// "a tuple of one"), <c>()</c> for a scalar.
/// </summary>
/// <remarks>
/// A shape never changes. Read it like an array — <c>x.Shape[0]</c>, <c>x.Shape[^1]</c>, <c>x.Shape.Length</c>,
/// <c>x.Shape[1..]</c>, <c>foreach</c> — or pass it wherever an <c>int[]</c> is expected
/// (<c>Tensor.Zeros(x.Shape)</c>). Two shapes are equal when their sizes are: <c>x.Shape == y.Shape</c>; write one
/// with a collection expression: <c>Shape s = [2, 3];</c>.
/// </remarks>
[CollectionBuilder(typeof(Shape), nameof(Create))]
[TypeFormatterSource(typeof(CourseKitFormatterSource))]   // how notebooks show it: see Interactive/
public sealed class Shape : IReadOnlyList<int>, IEquatable<Shape>
{
    private readonly int[] _sizes;

    /// <summary>A shape with these sizes, e.g. <c>new Shape(2, 3)</c> (the sizes are copied).</summary>
    public Shape(params int[] sizes) : this(sizes.AsSpan()) { }

    /// <summary>A shape with these sizes (copied).</summary>
    public Shape(ReadOnlySpan<int> sizes) => _sizes = sizes.ToArray();

    /// <summary>Builds a shape from a collection expression: <c>Shape s = [2, 3];</c>.</summary>
    public static Shape Create(ReadOnlySpan<int> sizes) => new(sizes);

    /// <summary>The size of axis <paramref name="axis"/> (0 = first); <c>shape[^1]</c> is the last.</summary>
    public int this[int axis] => _sizes[axis];

    /// <summary>The number of axes (the rank): 0 for a scalar, 1 for a vector, 2 for a matrix, …</summary>
    public int Length => _sizes.Length;

    /// <summary>The number of axes, as <see cref="Length"/> (for <see cref="IReadOnlyCollection{T}"/>).</summary>
    public int Count => _sizes.Length;

    /// <summary>The axes <paramref name="start"/> … <paramref name="start"/> + <paramref name="length"/> − 1 as a shape;
    /// this is what <c>shape[1..]</c> calls.</summary>
    public Shape Slice(int start, int length) => new(_sizes.AsSpan(start, length));

    /// <summary>The sizes in a new array.</summary>
    public int[] ToArray() => (int[])_sizes.Clone();

    /// <summary>The sizes as an array, for methods that take one (a copy: changing it does not change the shape). A missing
    /// shape (<c>bias?.Shape</c> when there is no bias) stays missing: <c>null</c>.</summary>
    [return: NotNullIfNotNull(nameof(shape))]
    public static implicit operator int[]?(Shape? shape) => shape?.ToArray();

    /// <summary>The sizes as a read-only span, for methods that take one.</summary>
    public static implicit operator ReadOnlySpan<int>(Shape shape) => shape._sizes;

    /// <summary>The shape as NumPy and Keras print it: <c>(2, 3)</c>, <c>(3,)</c>, <c>()</c>.</summary>
    public override string ToString() => ShapeMath.Format(_sizes);

    /// <summary>Whether <paramref name="other"/> has the same sizes, axis by axis.</summary>
    public bool Equals(Shape? other) => other is not null && _sizes.AsSpan().SequenceEqual(other._sizes);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Shape other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (int size in _sizes) hash.Add(size);
        return hash.ToHashCode();
    }

    /// <summary>Whether two shapes have the same sizes.</summary>
    public static bool operator ==(Shape? left, Shape? right) => left?.Equals(right) ?? right is null;

    /// <summary>Whether two shapes differ in rank or in the size of some axis.</summary>
    public static bool operator !=(Shape? left, Shape? right) => !(left == right);

    /// <inheritdoc/>
    public IEnumerator<int> GetEnumerator() => ((IEnumerable<int>)_sizes).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
