namespace Futures;

/// <summary>The default execution context, to tell the fast path (nothing to flow) from a captured one.</summary>
internal static class ExecutionContexts
{
    /// <summary>
    /// What <see cref="ExecutionContext.Capture"/> returns on a thread that has set nothing: the runtime's single
    /// default instance, read once from a thread started without a context.
    /// </summary>
    public static readonly ExecutionContext Default = CaptureDefault();

    private static ExecutionContext CaptureDefault()
    {
        ExecutionContext? captured = null;
        var thread = new Thread(() => captured = ExecutionContext.Capture()) { IsBackground = true, Name = "Futures context probe" };
        thread.UnsafeStart();
        thread.Join();
        return captured!;
    }
}
