// kgen:header
namespace kgen.templates.csharp.runtime
{
    using global::System;
    using global::System.IO;
    using global::System.IO.Compression;
    using global::System.Linq;
    using global::System.Net.Http;
    using global::System.Threading;
    using global::System.Threading.Tasks;

    /// <summary>
    /// Response bodies read within the client's limits: a Content-Length past the limit is
    /// refused before reading (and never used to allocate), the body is counted as it arrives,
    /// and gzip is inflated in bounded steps, so neither an endless body nor a bomb makes the
    /// client hold more than its limits.
    /// </summary>
    internal static class Bodies
    {
        internal const int Step = 64 << 10;

        /// <summary>The content of a response's body: bounded as received and, for gzip, as inflated.</summary>
        internal static async Task<Stream> ContentAsync(HttpResponseMessage response, long maxBytes, long maxInflated, string method, string url)
        {
            long? length = response.Content == null ? null : response.Content.Headers.ContentLength;
            if (length.HasValue && length.Value > maxBytes)
            {
                throw new ResponseTooLargeException("Content-Length", maxBytes, method, url);
            }
            if (response.Content == null)
            {
                return new MemoryStream(new byte[0], false);
            }
            Stream raw = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
            Stream body = new Bounded(raw, maxBytes, "the response", method, url);
            bool gzip = response.Content.Headers.ContentEncoding.Any(e => string.Equals(e.Trim(), "gzip", StringComparison.OrdinalIgnoreCase));
            if (!gzip)
            {
                return body;
            }
            return new Bounded(new Inflating(body, method + " " + url), maxInflated, "the decompressed response", method, url);
        }

        /// <summary>All of <paramref name="content"/>, read a step at a time.</summary>
        internal static async Task<byte[]> ReadAllAsync(Stream content, CancellationToken cancellationToken)
        {
            MemoryStream all = new MemoryStream();
            byte[] step = new byte[Step];
            int n;
            while ((n = await content.ReadAsync(step, 0, step.Length, cancellationToken).ConfigureAwait(false)) > 0)
            {
                all.Write(step, 0, n);
            }
            return all.ToArray();
        }

        /// <summary>A read-only stream of runs; subclasses read.</summary>
        internal abstract class ReadOnly : Stream
        {
            public override bool CanRead
            {
                get { return true; }
            }

            public override bool CanSeek
            {
                get { return false; }
            }

            public override bool CanWrite
            {
                get { return false; }
            }

            public override long Length
            {
                get { throw new NotSupportedException(); }
            }

            public override long Position
            {
                get { throw new NotSupportedException(); }
                set { throw new NotSupportedException(); }
            }

            public override void Flush()
            {
            }

            public override long Seek(long offset, SeekOrigin origin)
            {
                throw new NotSupportedException();
            }

            public override void SetLength(long value)
            {
                throw new NotSupportedException();
            }

            public override void Write(byte[] buffer, int offset, int count)
            {
                throw new NotSupportedException();
            }
        }

        /// <summary>A stream that throws ResponseTooLargeException past <c>limit</c> bytes (it reads one byte more to know).</summary>
        internal sealed class Bounded : ReadOnly
        {
            private readonly Stream inner;
            private readonly long limit;
            private readonly string what;
            private readonly string method;
            private readonly string url;
            private long left;

            internal Bounded(Stream inner, long limit, string what, string method, string url)
            {
                this.inner = inner;
                this.limit = limit;
                this.what = what;
                this.method = method;
                this.url = url;
                left = limit;
            }

            public override int Read(byte[] buffer, int offset, int count)
            {
                return Count(inner.Read(buffer, offset, Allowed(count)));
            }

            public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
            {
                return Count(await inner.ReadAsync(buffer, offset, Allowed(count), cancellationToken).ConfigureAwait(false));
            }

            private int Allowed(int count)
            {
                return (int)Math.Min(count, left + 1);
            }

            private int Count(int n)
            {
                if (n > 0)
                {
                    left -= n;
                    if (left < 0)
                    {
                        throw new ResponseTooLargeException(what, limit, method, url);
                    }
                }
                return n;
            }

            protected override void Dispose(bool disposing)
            {
                if (disposing)
                {
                    inner.Dispose();
                }
                base.Dispose(disposing);
            }
        }

        /// <summary>
        /// A gzip body inflated as it is read; a body that is not gzip is a DecodeException. The
        /// inflater reads the body in steps, so its caller's limit stops a bomb early.
        /// </summary>
        internal sealed class Inflating : ReadOnly
        {
            private readonly Stream body;
            private readonly GZipStream inflater;
            private readonly string request;

            internal Inflating(Stream body, string request)
            {
                this.body = body;
                this.request = request;
                inflater = new GZipStream(body, CompressionMode.Decompress, true);
            }

            public override int Read(byte[] buffer, int offset, int count)
            {
                try
                {
                    return inflater.Read(buffer, offset, count);
                }
                catch (InvalidDataException e)
                {
                    throw new DecodeException("a gzip body that is corrupt (" + request + "): " + e.Message, e);
                }
            }

            public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
            {
                try
                {
                    return await inflater.ReadAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false);
                }
                catch (InvalidDataException e)
                {
                    throw new DecodeException("a gzip body that is corrupt (" + request + "): " + e.Message, e);
                }
            }

            protected override void Dispose(bool disposing)
            {
                if (disposing)
                {
                    inflater.Dispose();
                    body.Dispose();
                }
                base.Dispose(disposing);
            }
        }
    }
}
