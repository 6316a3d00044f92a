// kgen:header
namespace kgen.templates.csharp.runtime
{
    using global::System;
    using global::System.Collections.Generic;
    using global::System.IO;
    using global::System.Threading;
    using global::System.Threading.Tasks;
    using global::Newtonsoft.Json;

    /// <summary>
    /// The changes to a collection as they happen: ADDED, MODIFIED and DELETED events, read with
    /// the async enumerator shape (<see cref="MoveNextAsync"/>, <see cref="Current"/>). It asks
    /// for bookmarks and remembers the resourceVersion of the last event, so a dropped or silent
    /// connection (or the server's own timeout) resumes from there with nothing lost or
    /// repeated. When that version has expired the server answers 410 (or sends an ERROR event
    /// saying so) and MoveNextAsync throws <see cref="GoneException"/>: list again, and watch from
    /// the list's resourceVersion. A watch ends when disposed (from any thread), when the call
    /// set timeoutSeconds and the server ends it, or with the exception it cannot resume from.
    /// <code>
    /// using (var watch = api.WatchNamespacedConfigMap("default", options))
    /// {
    ///     while (await watch.MoveNextAsync(cancellationToken))
    ///     {
    ///         WatchEvent&lt;ConfigMap&gt; change = watch.Current;
    ///     }
    /// }
    /// </code>
    /// </summary>
    public sealed class Watch<T> : IDisposable
    {
        private readonly object gate = new object();
        private readonly ApiClient client;
        private readonly Call call;
        private readonly IJsonCodec<T> codec;
        private readonly bool ends;
        private readonly CancellationTokenSource stopping = new CancellationTokenSource();
        private ApiClient.Sent sent;
        private Stream stream;
        private CancellationTokenSource idle;
        private string url;
        private byte[] buffer = new byte[Bodies.Step];
        private int start;
        private int end;
        private int failures;
        private bool received;
        private volatile bool done;

        internal Watch(ApiClient client, Call call, IJsonCodec<T> codec)
        {
            this.client = client;
            this.call = call;
            this.codec = codec;
            ResourceVersion = call.QueryValue("resourceVersion");
            ends = call.QueryValue("timeoutSeconds") != null;
            url = "(not yet connected)";
        }

        /// <summary>The event the last successful <see cref="MoveNextAsync"/> read.</summary>
        public WatchEvent<T> Current { get; private set; }

        /// <summary>Where the watch stands: a resourceVersion to start a later watch from (null before any).</summary>
        public string ResourceVersion { get; private set; }

        /// <summary>
        /// Waits for the next event: true with it in <see cref="Current"/>, false when the watch
        /// has ended (disposed, or the server ended a watch with timeoutSeconds). Throws what
        /// ended the watch when it cannot resume (and the watch is then disposed);
        /// OperationCanceledException, promptly, when <paramref name="cancellationToken"/> is
        /// cancelled (the watch can go on with a later call).
        /// </summary>
        public async Task<bool> MoveNextAsync(CancellationToken cancellationToken = default(CancellationToken))
        {
            Current = null;
            if (done)
            {
                return false;
            }
            using (CancellationTokenSource linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stopping.Token))
            {
                try
                {
                    WatchEvent<T> next = await AdvanceAsync(linked.Token).ConfigureAwait(false);
                    Current = next;
                    return next != null;
                }
                catch (OperationCanceledException)
                {
                    Disconnect();
                    if (done)
                    {
                        return false;
                    }
                    cancellationToken.ThrowIfCancellationRequested();
                    throw;
                }
                catch (Exception) when (cancellationToken.IsCancellationRequested || done)
                {
                    // the aborted connection's own error: what happened is the cancellation
                    Disconnect();
                    if (done)
                    {
                        return false;
                    }
                    throw new OperationCanceledException(cancellationToken);
                }
                catch (Exception)
                {
                    Dispose();
                    throw;
                }
            }
        }

        /// <summary>Ends the watch and closes its connection at once; any thread may call it.</summary>
        public void Dispose()
        {
            done = true;
            try
            {
                stopping.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // disposed already
            }
            Disconnect();
        }

        private async Task<WatchEvent<T>> AdvanceAsync(CancellationToken cancellationToken)
        {
            while (!done)
            {
                if (stream == null && !await ConnectAsync(cancellationToken).ConfigureAwait(false))
                {
                    continue;
                }
                byte[] line;
                try
                {
                    line = await ReadLineAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (!(e is KubeException) && !cancellationToken.IsCancellationRequested)
                {
                    bool stalled = idle != null && idle.IsCancellationRequested;
                    Disconnect();
                    if (!done)
                    {
                        await ResumeAfterAsync(StreamError(e, stalled), cancellationToken).ConfigureAwait(false);
                    }
                    continue;
                }
                Rearm();
                if (line == null)
                {
                    // the server ended the stream
                    Disconnect();
                    if (ends)
                    {
                        done = true;
                    }
                    else if (!received)
                    {
                        await PauseAsync(client.Backoff(failures), cancellationToken).ConfigureAwait(false);
                    }
                    received = false;
                    continue;
                }
                if (IsBlank(line))
                {
                    continue;
                }
                WatchEvent<T> next = Decode(line);
                failures = 0;
                received = true;
                if (next != null)
                {
                    return next;
                }
            }
            return null;
        }

        /// <summary>Connects from the last version; false after a connection error it will resume from.</summary>
        private async Task<bool> ConnectAsync(CancellationToken cancellationToken)
        {
            List<KeyValuePair<string, string>> query = new List<KeyValuePair<string, string>>
            {
                new KeyValuePair<string, string>("continue", null),
                new KeyValuePair<string, string>("limit", null),
                new KeyValuePair<string, string>("watch", "true"),
                new KeyValuePair<string, string>("allowWatchBookmarks", "true"),
                new KeyValuePair<string, string>("resourceVersion", ResourceVersion),
            };
            string target = client.Base + call.Target(query);
            url = Urls.Redacted(target);
            ApiClient.Sent connected;
            try
            {
                connected = await client.ExchangeAsync(call, target, client.Config.WatchIdle, cancellationToken).ConfigureAwait(false);
            }
            catch (ConnectionException e)
            {
                await ResumeAfterAsync(e, cancellationToken).ConfigureAwait(false);
                return false;
            }
            // the headers arrived within watchIdle; from here the idle timer bounds each event
            connected.Deadline.CancelAfter(global::System.Threading.Timeout.InfiniteTimeSpan);
            Stream content;
            try
            {
                // a watch lasts: its events are bounded, not its whole
                content = await Bodies.ContentAsync(connected.Response, long.MaxValue / 4, long.MaxValue / 4, "GET", url).ConfigureAwait(false);
            }
            catch
            {
                connected.Dispose();
                throw;
            }
            lock (gate)
            {
                if (done)
                {
                    content.Dispose();
                    connected.Dispose();
                    return false;
                }
                sent = connected;
                stream = content;
                start = 0;
                end = 0;
                idle = new CancellationTokenSource();
                idle.Token.Register(state => ((IDisposable)state).Dispose(), content);
                Rearm();
            }
            return true;
        }

        /// <summary>
        /// Restarts the idle timer: a connection without a whole event for Config.WatchIdle is
        /// closed (a WatchIdle that is null or not positive: never).
        /// </summary>
        private void Rearm()
        {
            lock (gate)
            {
                if (idle != null && !idle.IsCancellationRequested && ApiClient.Positive(client.Config.WatchIdle))
                {
                    idle.CancelAfter(client.Config.WatchIdle.Value);
                }
            }
        }

        private void Disconnect()
        {
            lock (gate)
            {
                if (idle != null)
                {
                    idle.Dispose();
                    idle = null;
                }
                if (stream != null)
                {
                    stream.Dispose();
                    stream = null;
                }
                if (sent != null)
                {
                    sent.Dispose();
                    sent = null;
                }
            }
        }

        /// <summary>Waits as the retry policy says and goes on, or throws <paramref name="error"/> when it says no.</summary>
        private async Task ResumeAfterAsync(KubeException error, CancellationToken cancellationToken)
        {
            TimeSpan? delay = client.AfterError(failures, "GET", error);
            if (delay == null)
            {
                throw error;
            }
            await PauseAsync(delay.Value, cancellationToken).ConfigureAwait(false);
        }

        private Task PauseAsync(TimeSpan delay, CancellationToken cancellationToken)
        {
            failures++;
            return ApiClient.PauseAsync(delay, cancellationToken);
        }

        private ConnectionException StreamError(Exception e, bool stalled)
        {
            if (stalled)
            {
                return new ConnectionException("GET " + url + ": no whole watch event within " + ApiClient.Seconds(client.Config.WatchIdle) + " s (Config.WatchIdle)", e);
            }
            return new ConnectionException("GET " + url + ": " + ApiClient.Describe(e), e);
        }

        /// <summary>
        /// One line of the stream, up to Config.MaxWatchLineBytes (a line is an event); null at
        /// the stream's end. The buffer grows by doubling while a line is longer than it, never
        /// past the limit.
        /// </summary>
        private async Task<byte[]> ReadLineAsync(CancellationToken cancellationToken)
        {
            long limit = ApiClient.Limit(client.Config.MaxWatchLineBytes);
            int scanned = start;
            while (true)
            {
                for (int i = scanned; i < end; i++)
                {
                    if (buffer[i] == (byte)'\n')
                    {
                        byte[] line = new byte[i - start];
                        Buffer.BlockCopy(buffer, start, line, 0, line.Length);
                        start = i + 1;
                        return line;
                    }
                }
                scanned = end;
                if (end - start > limit)
                {
                    throw new ResponseTooLargeException("a watch event", limit, "GET", url);
                }
                if (start > 0)
                {
                    Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                    end -= start;
                    scanned -= start;
                    start = 0;
                }
                if (end == buffer.Length)
                {
                    byte[] larger = new byte[(int)Math.Min((long)buffer.Length * 2, Math.Min(limit + 1, int.MaxValue - 8))];
                    Buffer.BlockCopy(buffer, 0, larger, 0, end);
                    buffer = larger;
                }
                Stream current = stream;
                if (current == null)
                {
                    throw new ObjectDisposedException("Watch", "the watch's connection was closed");
                }
                int n;
                using (cancellationToken.Register(state => ((IDisposable)state).Dispose(), current))
                {
                    n = await current.ReadAsync(buffer, end, buffer.Length - end, cancellationToken).ConfigureAwait(false);
                }
                if (n <= 0)
                {
                    if (end > start)
                    {
                        throw new IOException("the stream ended inside an event");
                    }
                    return null;
                }
                end += n;
            }
        }

        private static bool IsBlank(byte[] line)
        {
            foreach (byte b in line)
            {
                if (b != (byte)' ' && b != (byte)'\r' && b != (byte)'\t')
                {
                    return false;
                }
            }
            return true;
        }

        /// <summary>An event to return, or null for a bookmark (its version kept); an ERROR event is thrown as its ApiException.</summary>
        private WatchEvent<T> Decode(byte[] line)
        {
            object envelope;
            try
            {
                envelope = JsonValues.Parse(line);
            }
            catch (DecodeException e)
            {
                throw new DecodeException("a watch event that is not JSON (GET " + url + "): " + e.Message, e);
            }
            string type = JsonValues.String(envelope, "type");
            object value = JsonValues.Member(envelope, "object");
            string seen = JsonValues.String(JsonValues.Member(value, "metadata"), "resourceVersion");
            switch (type)
            {
                case "ADDED":
                case "MODIFIED":
                case "DELETED":
                {
                    T decoded = Object(line, type);
                    if (seen.Length > 0)
                    {
                        ResourceVersion = seen;
                    }
                    return new WatchEvent<T>(type, decoded);
                }
                case "BOOKMARK":
                    if (seen.Length > 0)
                    {
                        ResourceVersion = seen;
                    }
                    return null;
                case "ERROR":
                {
                    ApiStatus status = ApiStatus.Of(value);
                    string reason = status.Reason;
                    int code = status.Code != 0 ? status.Code : reason == "Expired" || reason == "Gone" ? 410 : 500;
                    throw ApiException.Of(code, status, "GET", url, new string[0]);
                }
                default:
                    throw new DecodeException("a watch event of unknown type " + Strings.Quoted(type) + " (GET " + url + ")");
            }
        }

        /// <summary>The event's object, decoded with the codec.</summary>
        private T Object(byte[] line, string type)
        {
            try
            {
                return Json.Decode(line, new EventCodec(codec, type, url));
            }
            catch (DecodeException e)
            {
                throw new DecodeException("decoding a " + type + " event (GET " + url + "): " + e.Message, e);
            }
        }

        /// <summary>Reads an event's envelope for its object alone, skipping the rest.</summary>
        private sealed class EventCodec : IJsonCodec<T>
        {
            private readonly IJsonCodec<T> codec;
            private readonly string type;
            private readonly string url;

            internal EventCodec(IJsonCodec<T> codec, string type, string url)
            {
                this.codec = codec;
                this.type = type;
                this.url = url;
            }

            public T Read(JsonReader reader)
            {
                Json.StartObject(reader);
                T value = default(T);
                bool found = false;
                string name;
                while (Json.NextProperty(reader, out name))
                {
                    if (name == "object")
                    {
                        value = Json.Read(reader, codec);
                        found = true;
                    }
                    else
                    {
                        RawJson.Codec.Read(reader);
                    }
                }
                if (!found)
                {
                    throw new DecodeException("a " + type + " event without an object (GET " + url + ")");
                }
                return value;
            }

            public void Write(JsonWriter writer, T value)
            {
                throw new NotSupportedException("a watch event is only read");
            }
        }
    }
}
