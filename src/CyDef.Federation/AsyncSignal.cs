namespace CyDef.Federation;

/// <summary>An auto-reset signal for one waiter: <see cref="Set"/> wakes the next (or current) wait; several sets before a wait count as one.</summary>
internal sealed class AsyncSignal
{
    private readonly Lock _lock = new();
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _set;

    public void Set()
    {
        lock (_lock)
        {
            _set = true;
            _next.TrySetResult();
        }
    }

    /// <summary>Waits for a set, at most <paramref name="timeout"/>; true when set.</summary>
    public async Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        Task waiting;
        lock (_lock)
        {
            if (_set)
            {
                _set = false;
                return true;
            }

            if (_next.Task.IsCompleted)
            {
                _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            waiting = _next.Task;
        }

        try
        {
            await waiting.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return false;
        }

        lock (_lock)
        {
            _set = false;
            return true;
        }
    }
}
