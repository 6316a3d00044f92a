// kgen:header
package kgen.templates.java.runtime;

/**
 * The runtime's own record of a meta/v1 Status (errors can come from any operation of any document, so it
 * never depends on generated classes): the code, status (Success or Failure), reason, message, and the
 * details as their JSON text ("" when absent).
 */
public record ApiStatus(int code, String status, String reason, String message, String details) {}
