// kgen:header

package kgen.templates.java.runtime;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The runtime's own record of a meta/v1 Status (errors can come from any operation of any document,
 * so it never depends on generated classes): the code, status (Success or Failure), reason,
 * message, and the details as they were sent (null when absent).
 */
public record ApiStatus(int code, String status, String reason, String message, RawJson details) {
  /** Whether a decoded JSON value is a Status (its kind says so). */
  static boolean isStatus(Object value) {
    return "Status".equals(JsonValues.string(value, "kind"));
  }

  /** The Status a decoded JSON object describes. */
  static ApiStatus of(Object value) {
    int code =
        JsonValues.member(value, "code") instanceof BigDecimal number
                && number.scale() <= 0
                && number.abs().compareTo(BigDecimal.valueOf(999)) <= 0
            ? number.intValue()
            : 0;
    Object details = JsonValues.member(value, "details");
    return new ApiStatus(
        code,
        JsonValues.string(value, "status"),
        JsonValues.string(value, "reason"),
        JsonValues.string(value, "message"),
        details instanceof Map<?, ?> ? RawJson.of(JsonValues.text(details)) : null);
  }

  /**
   * The Status of a failed response: its body when that is a Status, else one whose message is the
   * body's start.
   */
  static ApiStatus ofFailure(int httpCode, byte[] body) {
    try {
      Object value = JsonValues.parse(body);
      if (isStatus(value)) {
        ApiStatus status = of(value);
        return status.code() == 0
            ? new ApiStatus(
                httpCode, status.status(), status.reason(), status.message(), status.details())
            : status;
      }
    } catch (DecodeException e) {
      // not JSON: the body's text is the message
    }
    String text = new String(body, StandardCharsets.UTF_8).strip();
    return new ApiStatus(
        httpCode, "Failure", "", text.length() > 1000 ? text.substring(0, 1000) : text, null);
  }
}
