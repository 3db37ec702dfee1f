namespace CourseKit;

/// <summary>
/// Collects every tensor created on this thread (and its async continuations) while it is open, so that a training
/// step can free all its intermediate results — activations, gradients, the batch itself — in one go and a GPU's memory
/// pool gets them back at once instead of whenever the garbage collector runs. Scopes nest; each sees only its own tensors.
/// </summary>
internal sealed class TensorScope : IDisposable
{
    private static readonly AsyncLocal<TensorScope?> Current = new();

    private readonly TensorScope? _outer;
    private readonly List<Tensor> _created = [];
    private bool _closed;

    private TensorScope(TensorScope? outer) => _outer = outer;

    /// <summary>Opens a scope; <see cref="DisposeAllExcept"/> (or <see cref="Dispose"/>, which keeps everything) closes it.</summary>
    public static TensorScope Begin() => Current.Value = new TensorScope(Current.Value);

    /// <summary>Bytes of the tensors created in the scope so far (a view that shares another's memory counts again).</summary>
    public long CreatedBytes => _created.Sum(t => (long)t.Size * sizeof(float));

    /// <summary>Called by every new tensor.</summary>
    public static void Track(Tensor tensor) => Current.Value?._created.Add(tensor);

    /// <summary>Closes the scope and disposes every tensor created in it except <paramref name="keep"/> (a tensor that
    /// shares its memory with a kept one — a reshape, a detached view — only lets go of its share). Returns the kept
    /// tensors that were created in the scope.</summary>
    public List<Tensor> DisposeAllExcept(IEnumerable<Tensor> keep)
    {
        Close();
        var kept = new HashSet<Tensor>(keep, ReferenceEqualityComparer.Instance);
        var survivors = new List<Tensor>();
        foreach (var tensor in _created)
            if (kept.Contains(tensor)) survivors.Add(tensor);
            else tensor.Dispose();
        _created.Clear();
        return survivors;
    }

    /// <summary>Closes the scope without disposing anything.</summary>
    public void Dispose()
    {
        Close();
        _created.Clear();
    }

    private void Close()
    {
        if (_closed) return;
        _closed = true;
        if (ReferenceEquals(Current.Value, this)) Current.Value = _outer;
    }
}
