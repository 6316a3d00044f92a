// kgen:header
namespace kgen.templates.csharp.runtime
{
    using global::System;
    using global::System.Collections.Generic;
    using global::System.Threading;
    using global::System.Threading.Tasks;

    /// <summary>
    /// The items of a paged list, with the async enumerator shape (<see cref="MoveNextAsync"/>,
    /// <see cref="Current"/>): only the current page is held.
    /// </summary>
    public sealed class Pager<L, T>
    {
        private readonly Func<string, Task<L>> page;
        private readonly Func<L, IList<T>> items;
        private readonly Func<L, string> next;
        private IList<T> held;
        private int index;
        private string token;
        private bool fetched;

        internal Pager(Func<string, Task<L>> page, Func<L, IList<T>> items, Func<L, string> next)
        {
            this.page = page;
            this.items = items;
            this.next = next;
        }

        /// <summary>The item the last successful <see cref="MoveNextAsync"/> reached.</summary>
        public T Current { get; private set; }

        /// <summary>
        /// Moves to the next item, fetching the next page when this one is used up; false after
        /// the last page's last item. Cancellation is checked before each page is fetched.
        /// </summary>
        public async Task<bool> MoveNextAsync(CancellationToken cancellationToken = default(CancellationToken))
        {
            while (held == null || index >= held.Count)
            {
                if (fetched && string.IsNullOrEmpty(token))
                {
                    return false;
                }
                cancellationToken.ThrowIfCancellationRequested();
                L got = await page(token).ConfigureAwait(false);
                fetched = true;
                held = items(got);
                index = 0;
                token = next(got);
            }
            Current = held[index++];
            return true;
        }
    }
}
