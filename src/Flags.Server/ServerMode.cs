namespace Flags.Server;

/// <summary>
/// The three behaviours of the reference system's servers (fluent-flags-spec.md section 2). A mode only sets the
/// defaults of <see cref="FlagServerOptions.Delay"/> and <see cref="FlagServerOptions.ErrorRate"/>; explicit values
/// override them.
/// </summary>
public enum ServerMode
{
    /// <summary>Answers at once, never fails (the reference's nginx / <c>http.server</c>).</summary>
    Local,

    /// <summary>Holds every response 500 ms (the reference's Vaurien <c>100:delay</c> proxy).</summary>
    Delay,

    /// <summary>
    /// Fails 25% of requests with a mix of <see cref="FaultKind"/>s and holds half of the others 500 ms (the
    /// reference's Vaurien <c>25:error,50:delay</c> proxy).
    /// </summary>
    Error,
}
