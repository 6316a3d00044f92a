// kgen:header
namespace kgen.templates.csharp.runtime
{
    using global::System;

    /// <summary>
    /// When a request is sent again, and after how long. 429, and 503 with a Retry-After, mean
    /// the server did not act, so any method is retried, after the Retry-After asked for (at
    /// most MaxWait) or else a doubling backoff. A 503 without Retry-After and connection errors
    /// are retried for idempotent methods only: a POST may have been carried out.
    /// </summary>
    public sealed class Retry
    {
        /// <summary>Five retries, starting after half a second, waiting at most 30 seconds.</summary>
        public static readonly Retry Default = new Retry(5, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(500));

        /// <summary>No retries.</summary>
        public static readonly Retry None = new Retry(0, TimeSpan.Zero, TimeSpan.Zero);

        /// <summary>A policy of <paramref name="attempts"/> retries after the first try.</summary>
        public Retry(int attempts, TimeSpan maxWait, TimeSpan backoff)
        {
            if (attempts < 0 || maxWait < TimeSpan.Zero || backoff < TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException("attempts", "a retry policy needs attempts, maxWait and backoff of zero or more");
            }
            Attempts = attempts;
            MaxWait = maxWait;
            Backoff = backoff;
        }

        /// <summary>Retries after the first try.</summary>
        public int Attempts { get; }

        /// <summary>The longest wait between tries.</summary>
        public TimeSpan MaxWait { get; }

        /// <summary>The first wait, doubled with each retry.</summary>
        public TimeSpan Backoff { get; }
    }
}
