namespace Flags.Tests.Support;

/// <summary>
/// A server request log kept in memory that can be awaited: the server writes a request's line after its response
/// ends, which may be just after the client has finished, so tests wait for the lines they expect.
/// </summary>
public sealed class RequestLog : TextWriter
{
    private readonly Lock _gate = new();
    private readonly System.Text.StringBuilder _text = new();
    private readonly List<(int Count, TaskCompletionSource Done)> _waiters = [];

    public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;

    public override void Write(char value)
    {
        lock (_gate)
        {
            _text.Append(value);
            if (value == '\n')
            {
                var requests = Blobs.Requests(_text.ToString()).Count;
                foreach (var waiter in _waiters.Where(w => requests >= w.Count).ToList())
                {
                    waiter.Done.TrySetResult();
                    _waiters.Remove(waiter);
                }
            }
        }
    }

    public override string ToString()
    {
        lock (_gate)
        {
            return _text.ToString();
        }
    }

    /// <summary>The /blob/ requests logged so far, once at least <paramref name="count"/> are; TimeoutException after 10 s.</summary>
    public async Task<List<(int Status, long Bytes)>> BlobRequestsAsync(int count)
    {
        Task wait;
        lock (_gate)
        {
            if (Blobs.Requests(_text.ToString()).Count >= count)
            {
                return Blobs.Requests(_text.ToString());
            }

            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, done));
            wait = done.Task;
        }

        await wait.WaitAsync(TimeSpan.FromSeconds(10));
        return Blobs.Requests(ToString());
    }
}
