namespace CyDef.Storage.Tests;

/// <summary>An <see cref="IProgress{T}"/> that reports on the calling thread, in order (Progress&lt;T&gt; posts to the thread pool).</summary>
internal sealed class SynchronousProgress(Action<IngestProgress> report) : IProgress<IngestProgress>
{
    public void Report(IngestProgress value) => report(value);
}
