namespace CourseKit;

/// <summary>Switches for automatic differentiation.</summary>
public static class Autograd
{
    private static readonly AsyncLocal<int> DisabledDepth = new();

    /// <summary>False inside a <see cref="NoGrad"/> scope: operations then record nothing.</summary>
    public static bool IsGradEnabled => DisabledDepth.Value == 0;

    /// <summary>
    /// Runs code without recording a graph (faster, less memory), for predictions and weight updates:
    /// <c>using (Autograd.NoGrad()) { var p = model(x); }</c>. Like <c>torch.no_grad()</c>.
    /// </summary>
    public static IDisposable NoGrad()
    {
        DisabledDepth.Value++;
        return new Scope();
    }

    private sealed class Scope : IDisposable
    {
        private bool _disposed;

        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            DisabledDepth.Value--;
        }
    }
}
