// kgen:header

package kgen.templates.java.runtime;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * The items of a list operation, read page by page (limit/continue) as they are iterated:
 *
 * <pre>{@code
 * for (Pod pod : Pages.items(
 *     token -> core.listNamespacedPod("default", new ListNamespacedPodOptions().limit(500L).continue_(token)),
 *     PodList::getItems, list -> list.getMetadata() == null ? null : list.getMetadata().getContinue())) { ... }
 * }</pre>
 */
public final class Pages {
  private Pages() {}

  /**
   * @param page fetches a page: null for the first, else the continue token the previous page gave
   * @param items a page's items (null: none)
   * @param next a page's continue token (null or "": the last page)
   */
  public static <L, T> Iterable<T> items(
      Function<String, L> page, Function<L, List<T>> items, Function<L, String> next) {
    return () ->
        new Iterator<T>() {
          private Iterator<T> current = List.<T>of().iterator();
          private String token;
          private boolean last;

          @Override
          public boolean hasNext() {
            while (!current.hasNext() && !last) {
              L fetched = page.apply(token);
              List<T> got = items.apply(fetched);
              current = got == null ? List.<T>of().iterator() : got.iterator();
              token = next.apply(fetched);
              last = token == null || token.isEmpty();
            }
            return current.hasNext();
          }

          @Override
          public T next() {
            if (!hasNext()) {
              throw new NoSuchElementException("no more items");
            }
            return current.next();
          }
        };
  }
}
