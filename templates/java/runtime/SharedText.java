// kgen:header

package kgen.templates.java.runtime;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;

/**
 * Short strings that repeat within one body (an image name, {@code "True"}, a label value, a mount
 * path) read as one shared {@link String} instead of a copy each time, so that a long list holds
 * each of them once. A direct-mapped table of the strings last read, compared by their characters
 * before any string is made: a hit allocates nothing, a miss costs what {@code getText} does. It
 * lives for one {@link Json#decode} on its thread and is garbage after it, so that nothing of one
 * response outlives it.
 */
final class SharedText {
  /** Longer strings are mostly unique (uids, hashes, messages): they are not looked up. */
  static final int MAX_LENGTH = 64;

  private static final ThreadLocal<SharedText> CURRENT = new ThreadLocal<>();
  private static final int MIN_SLOTS = 16;
  private static final int MAX_SLOTS = 1 << 14;

  private final String[] slots;
  private final Object[] values;

  private SharedText(int slots) {
    this.slots = new String[slots];
    this.values = new Object[slots];
  }

  /** The table for decoding a body of {@code length} bytes: a slot per 64 bytes, within bounds. */
  static SharedText forBody(int length) {
    int slots = Integer.highestOneBit(Math.max(MIN_SLOTS, Math.min(MAX_SLOTS, length >> 6)));
    return new SharedText(slots);
  }

  /** Makes {@code shared} the current thread's table; returns the one it replaces. */
  static SharedText enter(SharedText shared) {
    SharedText previous = CURRENT.get();
    CURRENT.set(shared);
    return previous;
  }

  /** Restores the table {@link #enter} replaced. */
  static void leave(SharedText previous) {
    if (previous == null) {
      CURRENT.remove();
    } else {
      CURRENT.set(previous);
    }
  }

  /** The text of the current string token: shared while a {@link Json#decode} runs. */
  static String text(JsonParser p) throws IOException {
    SharedText shared = CURRENT.get();
    return shared == null ? p.getText() : shared.read(p);
  }

  /**
   * {@code value}, or an equal one read earlier in the same {@link Json#decode}: immutable values
   * that repeat in a body (a quantity such as {@code "100m"}, a boxed port or count outside the
   * range {@code valueOf} caches) are then held once. Outside a decode, {@code value} itself.
   */
  static <T> T value(T value) {
    SharedText shared = CURRENT.get();
    return shared == null ? value : shared.share(value);
  }

  @SuppressWarnings("unchecked")
  private <T> T share(T value) {
    int hash = value.hashCode();
    int slot = (hash ^ (hash >>> 15)) & (values.length - 1);
    Object seen = values[slot];
    if (seen != null && seen.getClass() == value.getClass() && seen.equals(value)) {
      return (T) seen;
    }
    values[slot] = value;
    return value;
  }

  private String read(JsonParser p) throws IOException {
    int length = p.getTextLength();
    if (length > MAX_LENGTH) {
      return p.getText();
    }
    char[] chars = p.getTextCharacters();
    int offset = p.getTextOffset();
    int hash = 0;
    for (int i = 0; i < length; i++) {
      hash = 31 * hash + chars[offset + i];
    }
    int slot = (hash ^ (hash >>> 15)) & (slots.length - 1);
    String seen = slots[slot];
    if (seen != null && sameText(seen, chars, offset, length)) {
      return seen;
    }
    String text = new String(chars, offset, length);
    slots[slot] = text;
    return text;
  }

  private static boolean sameText(String text, char[] chars, int offset, int length) {
    if (text.length() != length) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      if (text.charAt(i) != chars[offset + i]) {
        return false;
      }
    }
    return true;
  }
}
