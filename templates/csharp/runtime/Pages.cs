// kgen:header
namespace kgen.templates.csharp.runtime
{
    using global::System;
    using global::System.Collections.Generic;
    using global::System.Threading;
    using global::System.Threading.Tasks;

    /// <summary>
    /// The items of a list operation, read page by page (limit/continue), either as they come:
    /// <code>
    /// Pager&lt;PodList, Pod&gt; pods = Pages.Each(
    ///     token =&gt; core.ListNamespacedPodAsync("default", new ListNamespacedPodOptions { Limit = 500, Continue = token }),
    ///     list =&gt; list.Items,
    ///     list =&gt; list.Metadata == null ? null : list.Metadata.Continue);
    /// while (await pods.MoveNextAsync(cancellationToken))
    /// {
    ///     Console.WriteLine(pods.Current.Metadata.Name);
    /// }
    /// </code>
    /// or all at once, with <see cref="AllAsync"/> and the same arguments.
    /// </summary>
    public static class Pages
    {
        /// <summary>The items of every page, in order; a page is fetched when the one before is used up.</summary>
        /// <param name="page">Fetches a page: null for the first, else the continue token the previous page gave.</param>
        /// <param name="items">A page's items (null: none).</param>
        /// <param name="next">A page's continue token (null or "": the last page).</param>
        public static Pager<L, T> Each<L, T>(Func<string, Task<L>> page, Func<L, IList<T>> items, Func<L, string> next)
        {
            if (page == null || items == null || next == null)
            {
                throw new ArgumentNullException(page == null ? "page" : items == null ? "items" : "next");
            }
            return new Pager<L, T>(page, items, next);
        }

        /// <summary>All the items of every page, in order, fetched one page after the other; as <see cref="Each"/>.</summary>
        /// <param name="page">Fetches a page: null for the first, else the continue token the previous page gave.</param>
        /// <param name="items">A page's items (null: none).</param>
        /// <param name="next">A page's continue token (null or "": the last page).</param>
        /// <param name="cancellationToken">Stops between pages (each page's call takes its own token).</param>
        public static async Task<IList<T>> AllAsync<L, T>(Func<string, Task<L>> page, Func<L, IList<T>> items, Func<L, string> next, CancellationToken cancellationToken)
        {
            Pager<L, T> pager = Each(page, items, next);
            List<T> all = new List<T>();
            while (await pager.MoveNextAsync(cancellationToken).ConfigureAwait(false))
            {
                all.Add(pager.Current);
            }
            return all;
        }
    }
}
