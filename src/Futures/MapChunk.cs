using System.Runtime.ExceptionServices;

namespace Futures;

/// <summary>
/// The outcome of one chunk of a Map call: the first <see cref="Count"/> items succeeded; <see cref="Error"/>, if any,
/// is the exception of the item after them (the chunk stops there, as Python's does).
/// </summary>
internal sealed record MapChunk<TResult>(TResult[] Results, int Count, ExceptionDispatchInfo? Error);
