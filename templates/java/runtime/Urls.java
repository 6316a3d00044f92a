// kgen:header

package kgen.templates.java.runtime;

import java.net.URI;
import java.net.URISyntaxException;

/** URLs as messages show them: without credentials. */
final class Urls {
  private Urls() {}

  /** A URL without the password of its user information (replaced by ***). */
  static String redacted(String url) {
    if (url == null) {
      return "null";
    }
    try {
      URI uri = new URI(url);
      String user = uri.getRawUserInfo();
      if (user == null || !user.contains(":")) {
        return url;
      }
      return url.replace(user + "@", user.substring(0, user.indexOf(':')) + ":***@");
    } catch (URISyntaxException e) {
      // it may hold a password the parser could not find
      return "(a server URL that does not parse)";
    }
  }
}
