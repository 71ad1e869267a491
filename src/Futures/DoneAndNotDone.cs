namespace Futures;

/// <summary>The two sets that <see cref="Future.Wait{TFuture}"/> returns: futures that are done, and those that are not.</summary>
/// <typeparam name="TFuture">The future type that was waited on.</typeparam>
/// <param name="Done">Futures that finished or were cancelled.</param>
/// <param name="NotDone">Futures still pending or running.</param>
public sealed record DoneAndNotDone<TFuture>(IReadOnlySet<TFuture> Done, IReadOnlySet<TFuture> NotDone)
    where TFuture : Future;
