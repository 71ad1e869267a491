namespace Futures;

/// <summary>The result of work that has none (an Action, a Task): the non-generic futures are Future&lt;VoidResult&gt; inside.</summary>
internal readonly struct VoidResult;
