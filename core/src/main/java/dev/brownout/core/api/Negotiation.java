package dev.brownout.core.api;

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
   * Whether {@code contentType} matches an {@code Accept} header: exact types, {@code type/*} and
   * {@code *}{@code /*}; a range with {@code q=0} refuses. An absent or blank header accepts
   * anything.
   */
  public static boolean accepts(String accept, String contentType) {
    if (accept == null || accept.isBlank()) {
      return true;
    }
    String type = mediaType(contentType);
    for (String range : accept.split(",")) {
      String wanted = mediaType(range);
      boolean matches =
          wanted.equals("*/*")
              || wanted.equals(type)
              || (wanted.endsWith("/*")
                  && type.startsWith(wanted.substring(0, wanted.length() - 1)));
      if (matches && !refused(range)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether an answer to this request is the variant every client would get: the request names no
   * language, and either names no type or asked for JSON and got it. Only such answers may be kept
   * under a key that holds no header, so one client's negotiation never decides what others are
   * served.
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
    return isJson(contentType) && accepts(accept, contentType);
  }

  public static boolean isJson(String contentType) {
    String type = mediaType(contentType);
    return type.equals(JSON) || (type.startsWith("application/") && type.endsWith("+json"));
  }

  private static boolean refused(String range) {
    for (String parameter : range.split(";")) {
      String p = parameter.trim().toLowerCase(Locale.ROOT).replace(" ", "");
      if (p.startsWith("q=")) {
        return p.substring(2).matches("0(\\.0{0,3})?");
      }
    }
    return false;
  }

  private static String mediaType(String header) {
    int semicolon = header.indexOf(';');
    return (semicolon < 0 ? header : header.substring(0, semicolon))
        .trim()
        .toLowerCase(Locale.ROOT);
  }
}
