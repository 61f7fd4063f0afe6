package dev.brownout.local.dashboards;

/** Text into HTML: every character that could end a text node or an attribute value is escaped. */
final class Html {
  private Html() {}

  static String escape(String text) {
    StringBuilder s = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> s.append("&amp;");
        case '<' -> s.append("&lt;");
        case '>' -> s.append("&gt;");
        case '"' -> s.append("&quot;");
        case '\'' -> s.append("&#39;");
        default -> {
          // control characters are not allowed in HTML text; a body could hold them
          if (c < 0x20 && c != '\n' && c != '\t') {
            s.append('\uFFFD');
          } else {
            s.append(c);
          }
        }
      }
    }
    return s.toString();
  }
}
