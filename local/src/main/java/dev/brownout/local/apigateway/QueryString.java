package dev.brownout.local.apigateway;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SequencedMap;

/**
 * A query string split and decoded as API Gateway does for REST APIs: parameters are separated by
 * {@code &} and also by {@code ;} (which AWS documents as splitting the data), names and values are
 * form-decoded ({@code +} is a space, {@code %2B} is {@code +}, bytes are read as UTF-8), a
 * parameter without {@code =} has the value {@code ""}, and a repeated name keeps all its values in
 * order. A {@code %} not followed by two hex digits stays as it is; empty parameters and empty
 * names are dropped.
 */
final class QueryString {
  private QueryString() {}

  static SequencedMap<String, List<String>> parse(String rawQuery) {
    SequencedMap<String, List<String>> parameters = new LinkedHashMap<>();
    for (String pair : rawQuery.split("[&;]")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String name = decode(equals < 0 ? pair : pair.substring(0, equals));
      String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
      if (!name.isEmpty()) {
        parameters.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
      }
    }
    parameters.replaceAll((name, values) -> List.copyOf(values));
    return Collections.unmodifiableSequencedMap(parameters);
  }

  static String decode(String text) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '+') {
        bytes.write(' ');
      } else if (c == '%'
          && i + 2 < text.length()
          && hex(text.charAt(i + 1)) >= 0
          && hex(text.charAt(i + 2)) >= 0) {
        bytes.write(hex(text.charAt(i + 1)) * 16 + hex(text.charAt(i + 2)));
        i += 2;
      } else {
        byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        if (Character.isHighSurrogate(c) && i + 1 < text.length()) {
          encoded = text.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
          i++;
        }
        bytes.writeBytes(encoded);
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static int hex(char c) {
    return Character.digit(c, 16);
  }
}
