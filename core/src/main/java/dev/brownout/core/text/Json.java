package dev.brownout.core.text;

/** Just enough JSON for bodies the core writes itself, and for canned catalog bodies. */
public final class Json {
  private Json() {}

  public static String quote(String text) {
    return '"' + escape(text) + '"';
  }

  /** {@code text} escaped to stand inside a JSON string, without the surrounding quotes. */
  public static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }

  /**
   * For each index of {@code json}, whether it lies inside a string (its quotes included). Reads
   * only quotes and backslashes, so it works on a body that is not yet valid JSON.
   */
  public static boolean[] insideStrings(String json) {
    boolean[] inside = new boolean[json.length()];
    boolean inString = false;
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      if (!inString) {
        inString = c == '"';
        inside[i] = inString;
      } else {
        inside[i] = true;
        if (c == '\\' && i + 1 < json.length()) {
          inside[++i] = true;
        } else if (c == '"') {
          inString = false;
        }
      }
    }
    return inside;
  }
}
