package dev.brownout.core.serving;

import java.util.Locale;
import java.util.Map;

/**
 * Content negotiation as far as Brownout takes part in it. The primary negotiates with the client
 * itself (its answer is passed on whatever the client's {@code Accept}: a client that asked for
 * what nobody serves gets what the primary says, and that never counts against the primary).
 * Brownout only decides which answers may be kept for everyone and to whom a kept answer may be
 * served.
 */
public final class Negotiation {
  private static final String JSON = "application/json";

  private Negotiation() {}

  /**
   * Whether {@code contentType} is acceptable under an {@code Accept} header: the most specific
   * range that matches it (exact type, then {@code type/*}, then {@code *}{@code /*}) decides, and
   * {@code q=0} refuses. An absent or blank header accepts anything.
   */
  public static boolean accepts(String accept, String contentType) {
    if (accept == null || accept.isBlank()) {
      return true;
    }
    String type = mediaType(contentType);
    int best = -1;
    boolean accepted = false;
    for (String range : accept.split(",")) {
      String wanted = mediaType(range);
      int specificity =
          wanted.equals(type)
              ? 2
              : wanted.endsWith("/*") && type.startsWith(wanted.substring(0, wanted.length() - 1))
                  ? 1
                  : wanted.equals("*/*") ? 0 : -1;
      if (specificity > best) {
        best = specificity;
        accepted = !refused(range);
      }
    }
    return accepted;
  }

  /**
   * Whether an answer to this request is the variant every client would get, so that it may be kept
   * under a key that holds no header: the request names no language, and either names no type
   * ({@code Accept} absent or {@code *}{@code /*}) or names types without parameters and got plain
   * {@code application/json}. One client's negotiation never decides what others are served.
   *
   * @param requestHeaders lower-case names
   */
  public static boolean isDefaultVariant(Map<String, String> requestHeaders, String contentType) {
    String language = requestHeaders.getOrDefault("accept-language", "").trim();
    if (!language.isEmpty() && !language.equals("*")) {
      return false;
    }
    String accept = requestHeaders.getOrDefault("accept", "").trim();
    if (accept.isEmpty() || accept.equals("*/*")) {
      return true;
    }
    for (String range : accept.split(",")) {
      if (hasParameters(range, "q")) {
        return false;
      }
    }
    return !hasParameters(contentType, "charset")
        && mediaType(contentType).equals(JSON)
        && accepts(accept, contentType);
  }

  public static boolean isJson(String contentType) {
    String type = mediaType(contentType);
    return type.equals(JSON) || (type.startsWith("application/") && type.endsWith("+json"));
  }

  private static boolean refused(String range) {
    String q = parameter(range, "q");
    return q != null && q.matches("0(\\.0{0,3})?");
  }

  /** Whether {@code header} has a parameter other than {@code allowed}. */
  private static boolean hasParameters(String header, String allowed) {
    String[] parts = header.split(";");
    for (int i = 1; i < parts.length; i++) {
      String name = parts[i].split("=", 2)[0].trim().toLowerCase(Locale.ROOT);
      if (!name.isEmpty() && !name.equals(allowed)) {
        return true;
      }
    }
    return false;
  }

  private static String parameter(String header, String name) {
    String[] parts = header.split(";");
    for (int i = 1; i < parts.length; i++) {
      String[] pair = parts[i].split("=", 2);
      if (pair.length == 2 && pair[0].trim().equalsIgnoreCase(name)) {
        return pair[1].trim();
      }
    }
    return null;
  }

  private static String mediaType(String header) {
    int semicolon = header.indexOf(';');
    return (semicolon < 0 ? header : header.substring(0, semicolon))
        .trim()
        .toLowerCase(Locale.ROOT);
  }
}
