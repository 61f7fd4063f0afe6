package dev.brownout.local.apigateway;

import java.util.List;
import java.util.Locale;

/**
 * Whether a request's {@code Content-Type} or {@code Accept} names one of an API's {@code
 * binaryMediaTypes}, as API Gateway decides it for proxy integrations.
 *
 * <ul>
 *   <li>Only the header's first media type counts ({@code image/webp,image/png} is {@code
 *       image/webp}); its parameters are ignored; a value that is not {@code type/subtype} matches
 *       nothing.
 *   <li>{@code *}{@code /*} matches every media type, {@code image/*} every {@code image/...}; a
 *       wildcard on the left ({@code *}{@code /png}) matches nothing, as on AWS.
 *   <li>Otherwise type and subtype must be equal, ignoring case: a client's own wildcard {@code
 *       image/*} matches {@code image/*} but not {@code image/png}.
 * </ul>
 */
final class MediaTypes {
  private MediaTypes() {}

  static boolean isBinary(String headerValue, List<String> binaryMediaTypes) {
    String[] sent = typeAndSubtype(headerValue == null ? "" : headerValue.split(",", 2)[0]);
    if (sent == null) {
      return false;
    }
    for (String binary : binaryMediaTypes) {
      String[] configured = typeAndSubtype(binary);
      if (configured == null || configured[0].equals("*") && !configured[1].equals("*")) {
        continue;
      }
      if (configured[0].equals("*")
          || configured[0].equals(sent[0])
              && (configured[1].equals("*") || configured[1].equals(sent[1]))) {
        return true;
      }
    }
    return false;
  }

  private static String[] typeAndSubtype(String mediaType) {
    String bare = mediaType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    String[] parts = bare.split("/", -1);
    return parts.length == 2 && !parts[0].isBlank() && !parts[1].isBlank()
        ? new String[] {parts[0].trim(), parts[1].trim()}
        : null;
  }
}
