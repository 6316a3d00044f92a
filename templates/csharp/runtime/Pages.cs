// kgen:header
namespace kgen.templates.csharp.runtime
{
    using global::System;
    using global::System.Collections.Generic;
    using global::System.Threading;
    using global::System.Threading.Tasks;

    /// <summary>
    /// The items of a list operation, read page by page (limit/continue):
    /// <code>
    /// IList&lt;Pod&gt; pods = await Pages.AllAsync(
    ///     token =&gt; core.ListNamespacedPodAsync("default", new ListNamespacedPodOptions { Limit = 500, Continue = token }),
    ///     list =&gt; list.Items,
    ///     list =&gt; list.Metadata == null ? null : list.Metadata.Continue,
    ///     cancellationToken);
    /// </code>
    /// </summary>
    public static class Pages
    {
        /// <summary>All the items of every page, in order, fetched one page after the other.</summary>
        /// <param name="page">Fetches a page: null for the first, else the continue token the previous page gave.</param>
        /// <param name="items">A page's items (null: none).</param>
        /// <param name="next">A page's continue token (null or "": the last page).</param>
        /// <param name="cancellationToken">Stops between pages (each page's call takes its own token).</param>
        public static async Task<IList<T>> AllAsync<L, T>(Func<string, Task<L>> page, Func<L, IList<T>> items, Func<L, string> next, CancellationToken cancellationToken)
        {
            if (page == null || items == null || next == null)
            {
                throw new ArgumentNullException(page == null ? "page" : items == null ? "items" : "next");
            }
            List<T> all = new List<T>();
            string token = null;
            do
            {
                cancellationToken.ThrowIfCancellationRequested();
                L fetched = await page(token).ConfigureAwait(false);
                IList<T> got = items(fetched);
                if (got != null)
                {
                    all.AddRange(got);
                }
                token = next(fetched);
            }
            while (!string.IsNullOrEmpty(token));
            return all;
        }
    }
}
